// The number the alert offers to call. With no emergency-number attribute it comes from the rule set's table of
// countries (rules/emergency_numbers.json) by the region of the element's or the page's language: en-GB 999,
// es-MX 911, es-ES 112. With no region the widget guesses no single number: it says to call the local emergency
// number and offers the common ones (112 and 911). The attribute wins over every language.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

// Opens the demo with the page's and the element's lang (and the attribute) set before the widget starts, answers
// the first red flag and returns the hrefs of the alert's call links and whether it says "call your local number".
async function alertCalls({ pageLang, elementLang = null, attribute = null }) {
  const tab = await harness.open('index.html', {
    prepare: (context) => context.addInitScript(({ pageLang, elementLang, attribute }) => {
      // The page and the element are in the markup: set their attributes as soon as the parser has made them.
      let pageSet = false;
      new MutationObserver((_, observer) => {
        if (!pageSet && document.documentElement) {
          document.documentElement.lang = pageLang;
          pageSet = true;
        }
        const widget = document.querySelector('root-check');
        if (!widget) return;
        if (elementLang) widget.setAttribute('lang', elementLang);
        if (attribute) widget.setAttribute('emergency-number', attribute);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    }, { pageLang, elementLang, attribute }),
  });
  const language = (elementLang || pageLang).split('-')[0];
  const person = new Person(tab.page, language);
  await person.start();
  const first = person.questions[0];
  await person.group(first.id).getByRole('radio', { name: person.optionLabel(first.id, 'yes'), exact: true }).check();
  const dialog = person.dialog();
  await dialog.waitFor();
  const hrefs = await dialog.locator('a[href^="tel:"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  const local = await dialog.getByText(person.ui('call_local'), { exact: true }).count();
  const banner = await tab.page.locator('root-check').locator('.banner a[href^="tel:"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  tab.assertClean();
  await tab.close();
  return { hrefs, local: local === 1, banner };
}

for (const [pageLang, number] of [['en-GB', '999'], ['en-US', '911'], ['es-MX', '911'], ['es-ES', '112'], ['es-CO', '123']]) {
  test(`a page in ${pageLang} offers ${number}`, async () => {
    const { hrefs, local, banner } = await alertCalls({ pageLang });
    assert.deepEqual(hrefs, [`tel:${number}`]);
    assert.equal(local, false);
    assert.deepEqual(banner, [`tel:${number}`], 'the banner offers the same number');
  });
}

test('the element\'s own region wins over the page\'s', async () => {
  const { hrefs } = await alertCalls({ pageLang: 'en-GB', elementLang: 'es-MX' });
  assert.deepEqual(hrefs, ['tel:911']);
});

test('with no region the widget guesses no single number: it says to call the local number and offers 112 and 911',
  async () => {
    for (const pageLang of ['en', 'es']) {
      const { hrefs, local, banner } = await alertCalls({ pageLang });
      assert.equal(local, true, `${pageLang}: says to call the local emergency number`);
      assert.deepEqual(hrefs, ['tel:112', 'tel:911'], pageLang);
      assert.deepEqual(banner, ['tel:112', 'tel:911'], pageLang);
    }
  });

test('a region the table does not list is treated as unknown', async () => {
  const { hrefs, local } = await alertCalls({ pageLang: 'en-ZZ' });
  assert.equal(local, true);
  assert.deepEqual(hrefs, ['tel:112', 'tel:911']);
});

test('the emergency-number attribute wins over every language', async () => {
  for (const pageLang of ['en-GB', 'es-MX', 'en']) {
    const { hrefs, local } = await alertCalls({ pageLang, attribute: '000' });
    assert.deepEqual(hrefs, ['tel:000'], pageLang);
    assert.equal(local, false);
  }
});
