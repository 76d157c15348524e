// Every page that ships with the widget loads under the strict CSP (served as a header by web/tools/serve.mjs, and
// as a meta element too on strict-csp.html) with only the widget's own files, no CSP violation and no error, and
// shows the widget ready to start.
import { after, before, test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Person, assert, repoRoot, startHarness } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const pages = ['index.html', ...readdirSync(join(repoRoot, 'web', 'examples'))
  .filter((name) => name.endsWith('.html')).map((name) => `examples/${name}`)];

for (const path of pages) {
  test(`${path} loads cleanly and the widget starts`, async () => {
    const tab = await harness.open(path);
    const lang = await tab.page.locator('root-check').first().getAttribute('lang');
    const person = new Person(tab.page, lang === 'es' ? 'es' : 'en');
    await person.start();
    tab.assertClean();
    await tab.close();
  });
}

// A host page that points the widget at a rule set that is not there: the person is told, in the rule set's words,
// to reload and to contact a doctor if worried; the technical cause follows for the host's developer.
test('a missing rules URL shows the localised load error with its cause', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
  await tab.page.locator('root-check').evaluate((element) => element.setAttribute('rules', 'no-such-rules/'));
  const alert = tab.page.getByRole('alert');
  await alert.getByText(person.ui('error_load'), { exact: true }).waitFor();
  await alert.getByText(/no-such-rules\/manifest\.json: HTTP 404/).waitFor();
  assert.equal(tab.record.failedResponses.length, 1, 'only the missing manifest failed');
  await tab.close();
});

// root-check.js fetches and compiles the engine before the rest of the widget loads. The demo preloads the same file:
// it must be downloaded once, not twice.
test('the demo downloads the engine once', async () => {
  const tab = await harness.open('index.html');
  await new Person(tab.page, 'en').start();
  const downloads = tab.record.requests.filter((url) => new URL(url).pathname.endsWith('/rootcheck-engine.wasm'));
  tab.assertClean();
  assert.equal(downloads.length, 1, downloads.join(', '));
  await tab.close();
});

// WebAssembly.compileStreaming needs the server to label the file application/wasm; many hosts send something else.
// The widget must start all the same, compiling from the whole download, still downloaded once.
test('the widget starts when the server labels the engine application/octet-stream', async () => {
  const tab = await harness.open('index.html', {
    prepare: (context) => context.route('**/rootcheck-engine.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    }),
  });
  await new Person(tab.page, 'en').start();
  const downloads = tab.record.requests.filter((url) => new URL(url).pathname.endsWith('/rootcheck-engine.wasm'));
  assert.equal(downloads.length, 1, downloads.join(', '));
  tab.assertClean();
  await tab.close();
});
