// <root-check>'s attributes reflect to properties and back, as built-in elements' do (README, "Embedding"): `mode`
// (limited to "self" and "clinician"), `emergencyNumber`, `rules` (read back as a full URL) and HTMLElement's own
// `lang`. A property set by the page before the element was defined still counts, and a property set on a running
// widget acts as the attribute does. RootCheckElement.define(tag, registry) defines the class under another name.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('each attribute reflects to its property and back', async () => {
  const tab = await harness.open('index.html');
  await tab.page.evaluate(() => customElements.whenDefined('root-check'));
  const seen = await tab.page.evaluate(() => {
    // Not connected: no check starts, only the reflection is looked at.
    const widget = document.createElement('root-check');
    const read = () => ({ mode: widget.mode, emergencyNumber: widget.emergencyNumber, rules: widget.rules,
      lang: widget.lang });
    const attributes = () => Object.fromEntries(widget.getAttributeNames()
      .map((name) => [name, widget.getAttribute(name)]));
    const unset = read();
    widget.mode = 'clinician';
    widget.emergencyNumber = '000';
    widget.rules = 'my-rules/';
    widget.lang = 'es';
    const afterProperties = attributes();
    widget.setAttribute('mode', 'doctor');
    widget.setAttribute('emergency-number', '999');
    widget.setAttribute('rules', 'https://rules.example/set/');
    widget.setAttribute('lang', 'en-GB');
    return { unset, afterProperties, afterAttributes: read() };
  });
  assert.deepEqual(seen.unset, { mode: 'self', emergencyNumber: '', rules: '', lang: '' });
  assert.deepEqual(seen.afterProperties,
    { mode: 'clinician', 'emergency-number': '000', rules: 'my-rules/', lang: 'es' });
  assert.deepEqual(seen.afterAttributes, {
    mode: 'self', // a value the widget does not know reads as the default, as the widget treats it
    emergencyNumber: '999', rules: 'https://rules.example/set/', lang: 'en-GB',
  });
  tab.assertClean();
  await tab.close();
});

test('a property set on the running widget acts as its attribute', async () => {
  const tab = await harness.open('index.html');
  await tab.page.evaluate(() => customElements.whenDefined('root-check'));
  await tab.page.evaluate(() => { document.querySelector('root-check').mode = 'clinician'; });
  const person = new Person(tab.page, 'en', { mode: 'clinician' });
  await person.start();
  await tab.page.locator('.header .mode-badge', { hasText: person.ui('mode_clinician_badge') }).waitFor();
  tab.assertClean();
  await tab.close();
});

test('a property set before the element is defined is kept', async () => {
  const tab = await harness.open('index.html', {
    prepare: (context) => context.addInitScript(() => {
      // As soon as the parser has made the element, before the async widget script defines it.
      new MutationObserver((_, observer) => {
        const widget = document.querySelector('root-check');
        if (!widget) return;
        observer.disconnect();
        window.definedEarly = customElements.get('root-check') !== undefined;
        widget.emergencyNumber = '000';
        widget.mode = 'clinician';
      }).observe(document, { childList: true, subtree: true });
    }),
  });
  await tab.page.evaluate(() => customElements.whenDefined('root-check'));
  const seen = await tab.page.evaluate(() => {
    const widget = document.querySelector('root-check');
    return { definedEarly: window.definedEarly, own: Object.hasOwn(widget, 'mode'), mode: widget.getAttribute('mode'),
      number: widget.getAttribute('emergency-number') };
  });
  assert.deepEqual(seen, { definedEarly: false, own: false, mode: 'clinician', number: '000' });
  const person = new Person(tab.page, 'en', { mode: 'clinician' });
  await person.start();
  await tab.page.locator('.header .mode-badge', { hasText: person.ui('mode_clinician_badge') }).waitFor();
  tab.assertClean();
  await tab.close();
});

test('RootCheckElement.define names the class as asked, once per name', async () => {
  const tab = await harness.open('index.html');
  await tab.page.evaluate(() => customElements.whenDefined('root-check'));
  const seen = await tab.page.evaluate(() => {
    const RootCheckElement = customElements.get('root-check');
    const again = RootCheckElement.define();
    const other = RootCheckElement.define('my-check');
    const otherAgain = RootCheckElement.define('my-check');
    const refused = RootCheckElement.define('notavalidname');
    return {
      again: again === RootCheckElement,
      other: other !== RootCheckElement && other.prototype instanceof RootCheckElement,
      otherAgain: otherAgain === other,
      made: document.createElement('my-check') instanceof RootCheckElement,
      refused: refused.error?.code,
    };
  });
  assert.deepEqual(seen, { again: true, other: true, otherAgain: true, made: true, refused: 'not_defined' });
  tab.assertClean();
  await tab.close();
});
