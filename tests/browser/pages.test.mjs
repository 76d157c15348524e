// Every page that ships with the widget loads under the strict CSP (served as a header by web/tools/serve.mjs, and
// as a meta element too on strict-csp.html) with only the widget's own files, no CSP violation and no error, and
// shows the widget ready to start.
import { after, before, test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Person, repoRoot, startHarness } from './harness.mjs';

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
