// Every page that ships with the widget loads under the strict CSP (served as a header by web/tools/serve.mjs, and
// as a meta element too on strict-csp.html) with only the widget's own files, no CSP violation and no error, and
// shows the widget ready to start.
import { after, before, test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STRICT_CSP } from '../../web/tools/serve.mjs';
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
    // The portal example shows LHC-Forms beside the widget, from /lforms/ (web/tools/serve.mjs).
    tab.assertClean({ otherFiles: path === 'examples/fhir-portal.html' ? ['/lforms/'] : [] });
    await tab.close();
  });
}

// A host page that points the widget at a rule set that is not there: the person is told, in the rule set's words,
// to reload and to contact a doctor if worried; the technical cause follows for the host's developer.
// A load error speaks to the person (it could not start, not their fault, what to do), in the page's language; the
// technical cause goes to the console and a rootcheck-error event for the host's developers, never to the screen,
// where a long URL also widened a phone page.
for (const lang of ['en', 'es']) {
  test(`a missing rules URL shows the person a plain message in ${lang}; the cause goes to the console and an event`,
    async () => {
      const tab = await harness.open('index.html', { width: 320, height: 640 });
      const person = new Person(tab.page, lang);
      await tab.page.locator('root-check').waitFor();
      await tab.page.evaluate((language) => {
        window.rootcheckErrors = [];
        document.addEventListener('rootcheck-error', (event) => window.rootcheckErrors.push(event.detail));
        const widget = document.querySelector('root-check');
        widget.setAttribute('lang', language);
        widget.setAttribute('rules', 'no-such-rules-folder-with-a-long-name-that-would-not-fit-on-a-phone-screen/');
      }, lang);
      const alert = tab.page.getByRole('alert');
      await alert.getByText(person.ui('error_load'), { exact: true }).waitFor();
      assert.equal(await alert.getByText(/manifest\.json|HTTP|no-such-rules/).count(), 0, 'no technical cause on screen');
      const errors = await tab.page.evaluate(() => window.rootcheckErrors);
      assert.equal(errors.length, 1);
      assert.equal(errors[0].code, 'start_failed');
      assert.match(errors[0].message, /no-such-rules-folder.*manifest\.json: HTTP 404/);
      assert.ok(tab.record.consoleErrors.some((text) => /root-check: .*manifest\.json: HTTP 404/.test(text)),
        tab.record.consoleErrors.join('\n'));
      const width = await tab.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `nothing overflows a 320 px screen (${width} px)`);
      assert.equal(tab.record.failedResponses.length, 1, 'only the missing manifest failed');
      await tab.close();
    });
}

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

// The pages load the widget `async`, so its script may run while the parser has not reached the element yet. Here a
// slow script holds the parser between the two: the element, defined before it exists, must still start with the
// rule set its `rules` attribute names.
test('an element parsed after the async widget script ran starts with its own rules folder', async () => {
  const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late element</title>'
    + '<script type="module" async src="../dist/root-check.js"></script></head><body><main>'
    + '<script src="hold-parser.js"></script><root-check rules="../rules/"></root-check></main></body></html>';
  const tab = await harness.open('examples/late-element.html', {
    prepare: async (context) => {
      await context.addInitScript(() => {
        const define = customElements.define.bind(customElements);
        customElements.define = (name, ...rest) => {
          if (name === 'root-check') window.definedWhile = document.readyState;
          return define(name, ...rest);
        };
      });
      await context.route('**/examples/late-element.html', (route) => route.fulfill({
        contentType: 'text/html', headers: { 'Content-Security-Policy': STRICT_CSP }, body: page,
      }));
      await context.route('**/examples/hold-parser.js', async (route) => {
        await new Promise((resolve) => { setTimeout(resolve, 1500); });
        await route.fulfill({ contentType: 'text/javascript', body: '// holds the parser for a while\n' });
      });
    },
  });
  await new Person(tab.page, 'en').start();
  assert.equal(await tab.page.evaluate(() => window.definedWhile), 'loading', 'defined before the parser was done');
  const paths = tab.record.requests.map((url) => new URL(url).pathname);
  assert.ok(paths.includes('/rules/manifest.json'), paths.join(', '));
  assert.deepEqual(tab.record.cspViolations, [], 'CSP violations');
  assert.deepEqual(tab.record.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(tab.record.consoleErrors, [], 'console errors');
  await tab.close();
});

// Start-up yields between its steps (web/widget/tasks.js) with scheduler.yield where the browser has it; others
// (Chromium before 129, Safari) take a message to the page itself. Without scheduler.yield the widget must start the
// same, through that path.
test('a browser without scheduler.yield starts the widget, yielding by message', async () => {
  const tab = await harness.open('index.html', {
    prepare: (context) => context.addInitScript(() => {
      delete Scheduler.prototype.yield;
      window.messageChannels = 0;
      const Native = MessageChannel;
      window.MessageChannel = class extends Native {
        constructor() {
          super();
          window.messageChannels += 1;
        }
      };
    }),
  });
  await new Person(tab.page, 'en').start();
  assert.equal(await tab.page.evaluate(() => typeof scheduler.yield), 'undefined');
  // The engine's start: one before the rule set's load, one after it; the first question's prefetch: one.
  assert.ok(await tab.page.evaluate(() => window.messageChannels) >= 3);
  tab.assertClean();
  await tab.close();
});
