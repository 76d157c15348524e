// Answers survive the mistakes people make: the browser's back and forward (a phone's back gesture) move between
// the check's screens with the answers kept, instead of leaving the page; "Start again" asks before it clears
// anything and is not the main button; a host page that chose to keep answers puts them back with restore();
// result() before the first answer says that nothing is assessed yet.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';
import { CLASSIC_SCIATICA, SELF_CARE } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const screenId = (page) => page.locator('root-check').locator('section[data-screen]').getAttribute('data-screen');
const widget = (page) => page.locator('root-check');

test('the browser\'s back and forward move between screens with the answers kept', async () => {
  const tab = await harness.open('index.html', { width: 375 });
  const person = new Person(tab.page, 'en');
  await person.start();
  const visited = [];
  await person.answer(CLASSIC_SCIATICA, {
    until: async () => {
      visited.push(await screenId(tab.page));
      return visited.length === 5;
    },
  });
  assert.equal(await screenId(tab.page), visited[4]);
  await tab.page.goBack();
  await tab.page.waitForFunction((id) => document.querySelector('root-check').shadowRoot
    .querySelector(`section[data-screen="${id}"]`), visited[3]);
  // The answers given there are still there: age on the "where is the pain" screen.
  assert.equal(await tab.page.getByRole('spinbutton', { name: person.questionText('age'), exact: true }).inputValue(),
    String(CLASSIC_SCIATICA.age));
  for (let back = 0; back < 3; back += 1) await tab.page.goBack();
  await tab.page.waitForFunction((id) => document.querySelector('root-check').shadowRoot
    .querySelector(`section[data-screen="${id}"]`), visited[0]);
  await tab.page.goForward();
  await tab.page.waitForFunction((id) => document.querySelector('root-check').shadowRoot
    .querySelector(`section[data-screen="${id}"]`), visited[1]);
  assert.equal(await tab.page.evaluate(() => location.pathname), '/index.html', 'still on the page');
  // The widget's own Back goes the same way.
  await tab.page.getByRole('button', { name: person.ui('back'), exact: true }).click();
  await tab.page.waitForFunction((id) => document.querySelector('root-check').shadowRoot
    .querySelector(`section[data-screen="${id}"]`), visited[0]);
  const answers = await widget(tab.page).evaluate((element) => element.answers());
  assert.equal(answers.urinary_retention_new, 'no', 'the first screen\'s answers are kept');
  tab.assertClean();
  await tab.close();
});

test('"Start again" is not the main button and asks before it clears the answers', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  assert.equal(await person.answer(SELF_CARE), 'results');
  const startAgain = tab.page.getByRole('button', { name: person.ui('start_again'), exact: true });
  assert.ok(!(await startAgain.getAttribute('class')).split(/\s+/).includes('primary'), 'not the main button');
  await startAgain.click();
  const question = tab.page.getByRole('group', { name: person.ui('start_again_confirm'), exact: true });
  await question.waitFor();
  await question.getByRole('button', { name: person.ui('start_again_keep'), exact: true }).click();
  await person.resultsHeading().waitFor();
  assert.ok(Object.keys(await widget(tab.page).evaluate((element) => element.answers())).length > 10, 'kept');
  await startAgain.click();
  await question.getByRole('button', { name: person.ui('start_again_yes'), exact: true }).click();
  await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
  assert.deepEqual(await widget(tab.page).evaluate((element) => element.answers()), {});
  tab.assertClean();
  await tab.close();
});

test('restore() puts kept answers back and shows the first open question; bad answers are refused as data',
  async () => {
    // A host page keeps the answers of rootcheck-change on one visit...
    const first = await harness.open('index.html');
    await first.page.evaluate(() => {
      document.addEventListener('rootcheck-change', (event) => { window.kept = event.detail.answers; });
    });
    const person = new Person(first.page, 'en');
    await person.start();
    let screens = 0;
    await person.answer(CLASSIC_SCIATICA, { until: async () => (screens += 1) === 4 });
    const kept = await first.page.evaluate(() => window.kept);
    const leftAt = await screenId(first.page);
    await first.close();

    // ... and puts them back on the next.
    const second = await harness.open('index.html');
    const before = await widget(second.page).evaluate((element) => element.result());
    assert.equal(before.error.code, 'no_answers', 'nothing is assessed before the first answer');
    const refused = await widget(second.page).evaluate((element) => element.restore({ age: 'old' }));
    assert.equal(refused.error.code, 'wrong_type');
    assert.equal(refused.error.path, '/answers/age');
    const restored = await widget(second.page).evaluate((element, answers) => element.restore(answers), kept);
    assert.deepEqual(restored, { ok: true });
    assert.equal(await screenId(second.page), leftAt, 'back on the screen of the first open question');
    assert.deepEqual(await widget(second.page).evaluate((element) => element.answers()), kept);
    second.assertClean();
    await second.close();
  });
