// Zero axe-core violations (WCAG 2.0 and 2.1, levels A and AA) on every screen: the intro, each question screen
// once answered (the body diagram with marks included), the red-flag alert, and the results (with the diagram in
// result mode), at desktop and phone widths, in the light and dark colour schemes, with and without a partial host
// theme.
//
// axe is injected with page.evaluate and adds inline styles while it measures, which the strict CSP refuses; these
// pages are therefore opened with bypassCSP (the only ones: every other test file records CSP violations and
// requires none).
import { after, before, test } from 'node:test';
import { assert, Person, runAxe, startHarness } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

function describe(where, violations) {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) =>
    `${JSON.stringify(n.target)} ${n.summary}`).join('\n    ')}`);
}

// The partial host theme of the theming finding: a light background and text set by the host page, whatever the
// colour scheme (tests/browser/theming.test.mjs covers more themes on fewer screens).
const PARTIAL_HOST_THEME = { '--rootcheck-bg': '#ffffff', '--rootcheck-fg': '#1a1a1a' };

for (const width of [1280, 375]) {
  const cases = [['light', {}], ['dark', {}], ['light', PARTIAL_HOST_THEME], ['dark', PARTIAL_HOST_THEME]];
  for (const [scheme, theme] of cases) {
    const themed = Object.keys(theme).length > 0 ? 'a partial host theme' : 'no host theme';
    test(`every screen of a journey has no axe violation at ${width} px, ${scheme} scheme, ${themed}`, async () => {
      const tab = await harness.open('index.html', { width, bypassCSP: true });
      await tab.page.emulateMedia({ colorScheme: scheme });
      await tab.page.evaluate((properties) => {
        const element = document.querySelector('root-check');
        for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, value);
      }, theme);
      const person = new Person(tab.page, 'en');
      const problems = [];
      await person.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
      problems.push(...describe('intro', await runAxe(tab.page)));
      await person.start();
      let screens = 0;
      const outcome = await person.answer(SOON_L5_LEFT, {
        beforeNext: async (screen) => {
          screens += 1;
          problems.push(...describe(`question screen ${screen + 1}`, await runAxe(tab.page)));
        },
      });
      assert.equal(outcome, 'results');
      assert.ok(screens >= 8, `axe ran on every question screen (${screens})`);
      problems.push(...describe('results', await runAxe(tab.page)));
      assert.deepEqual(problems, []);
      tab.assertClean();
      await tab.close();
    });
  }
}

test('the red-flag alert and the emergency results have no axe violation', async () => {
  const tab = await harness.open('index.html', { bypassCSP: true });
  const person = new Person(tab.page, 'en');
  await person.start();
  assert.equal(await person.answer({ urinary_retention_new: 'yes' }), 'escalated');
  await person.dialog().waitFor();
  const problems = describe('alert', await runAxe(tab.page));
  await person.dialog().getByRole('button', { name: person.ui('escalate_summary'), exact: true }).click();
  await person.resultsHeading().waitFor();
  problems.push(...describe('emergency results', await runAxe(tab.page)));
  assert.deepEqual(problems, []);
  tab.assertClean();
  await tab.close();
});
