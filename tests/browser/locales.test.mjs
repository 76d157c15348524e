// Languages on demand (issue 18): English is built into the engine; a page fetches dist/locales/<locale>.json only
// for the language it shows, and a failed fetch leaves the person with the check in English, told why, red flags
// and all.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const localeRequests = (record) => record.requests.map((url) => new URL(url).pathname)
  .filter((path) => path.includes('/locales/'));

test('an English page asks for no locale file', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  assert.deepEqual(localeRequests(tab.record), []);
  tab.assertClean();
  await tab.close();
});

test('a Spanish page asks for es.json once, and two Spanish elements share it', async () => {
  const tab = await harness.open('examples/spanish.html');
  const person = new Person(tab.page, 'es');
  await person.start();
  assert.deepEqual(localeRequests(tab.record), ['/dist/locales/es.json']);
  // A second Spanish element on the page: the engine has the texts already.
  await tab.page.evaluate(() => {
    const second = document.createElement('root-check');
    second.lang = 'es';
    document.querySelector('main').append(second);
  });
  await tab.page.locator('root-check').nth(1).getByRole('button', { name: person.ui('start'), exact: true })
    .waitFor();
  assert.deepEqual(localeRequests(tab.record), ['/dist/locales/es.json']);
  tab.assertClean();
  await tab.close();
});

test("the Spanish example's preload link fetches es.json beside the engine, and the widget takes that response", async () => {
  const tab = await harness.open('examples/spanish.html');
  const person = new Person(tab.page, 'es');
  await person.start();
  // One fetch of the file, made by the link (not by the widget once its engine was ready): the widget's own fetch
  // was answered by the preload. Had it not matched (another URL, mode or credentials), there would be two.
  const fetched = await tab.page.evaluate(() => performance.getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('/dist/locales/es.json')).map((entry) => entry.initiatorType));
  assert.deepEqual(fetched, ['link']);
  assert.deepEqual(localeRequests(tab.record), ['/dist/locales/es.json']);
  tab.assertClean();
  await tab.close();
});

test('changing lang to Spanish on a question fetches es.json then and speaks Spanish', async () => {
  const tab = await harness.open('index.html');
  const english = new Person(tab.page, 'en');
  await english.start();
  assert.deepEqual(localeRequests(tab.record), []);
  await tab.page.evaluate(() => { document.querySelector('root-check').lang = 'es'; });
  const spanish = new Person(tab.page, 'es');
  await tab.page.getByRole('button', { name: spanish.ui('next'), exact: true }).waitFor();
  assert.deepEqual(localeRequests(tab.record), ['/dist/locales/es.json']);
  tab.assertClean();
  await tab.close();
});

test('without es.json: English with a notice, an error event, and red flags still escalate', async () => {
  const tab = await harness.open('examples/spanish.html', {
    prepare: async (context) => {
      await context.route('**/dist/locales/es.json', (route) => route.fulfill({ status: 404 }));
      // Listening from before the page's scripts run: the preloaded 404 can make the event fire before open() returns.
      await context.addInitScript(() => {
        window.rootcheckErrors = [];
        document.addEventListener('rootcheck-error', (event) => window.rootcheckErrors.push(event.detail));
      });
    },
  });
  const person = new Person(tab.page, 'en');
  await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
  await tab.page.getByText(person.ui('language_unavailable'), { exact: true }).waitFor();
  const details = await tab.page.evaluate(() => window.rootcheckErrors);
  assert.equal(details.length, 1, JSON.stringify(details));
  const [detail] = details;
  assert.equal(detail.code, 'language_unavailable');
  assert.match(detail.message, /es\.json: HTTP 404/);
  assert.deepEqual(tab.record.failedResponses.map((line) => line.replace(/ .*\//, ' ')), ['404 es.json']);
  // Chromium logs the 404 itself; the widget logs the cause once.
  const widgetErrors = tab.record.consoleErrors.filter((text) => !text.startsWith('Failed to load resource'));
  assert.equal(widgetErrors.length, 1, widgetErrors.join('\n'));
  assert.match(widgetErrors[0], /^root-check: .*es\.json: HTTP 404/);
  assert.deepEqual(tab.record.pageErrors, []);
  assert.deepEqual(tab.record.cspViolations, []);

  await person.start();
  assert.equal(await person.answer({ urinary_retention_new: 'yes' }), 'escalated');
  await person.dialog().waitFor();
  await tab.close();
});

test('a language that failed to load is tried again on the next load, and then shown', async () => {
  let refused = 0;
  const tab = await harness.open('examples/spanish.html', {
    prepare: (context) => context.route('**/dist/locales/es.json', (route) => {
      if (refused === 0) {
        refused += 1;
        return route.fulfill({ status: 503 });
      }
      return route.continue();
    }),
  });
  const english = new Person(tab.page, 'en');
  await tab.page.getByText(english.ui('language_unavailable'), { exact: true }).waitFor();
  // The next load: the page switches the language away and back (any change of lang, mode or rules loads anew).
  await tab.page.evaluate(() => { document.querySelector('root-check').lang = 'en'; });
  await tab.page.evaluate(() => { document.querySelector('root-check').lang = 'es'; });
  const spanish = new Person(tab.page, 'es');
  await tab.page.getByRole('button', { name: spanish.ui('start'), exact: true }).waitFor();
  assert.equal(await tab.page.getByText(english.ui('language_unavailable'), { exact: true }).count(), 0);
  assert.deepEqual(localeRequests(tab.record), ['/dist/locales/es.json', '/dist/locales/es.json']);
  await tab.close();
});
