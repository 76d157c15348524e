// Complete journeys through <root-check> on the embedding example, one per triage level, answered the way a person
// would (roles and names from the locale). Each checks the level on the results screen, the events the host page
// receives (rootcheck-change per answer, rootcheck-escalate once on escalation, rootcheck-complete with the result),
// and that the page loaded only the widget's own files with no CSP violation or error.
import { after, before, test } from 'node:test';
import { assert, Person, focusedElement, startHarness } from './harness.mjs';
import {
  EMERGENCY_RETENTION, SELF_CARE, SELF_CARE_OVER_50, SOON_L5_LEFT, SOON_STABLE_STENOSIS, URGENT_CANCER_HISTORY,
} from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const EVENT_TYPES = ['rootcheck-change', 'rootcheck-escalate', 'rootcheck-complete'];

async function openEmbed() {
  const tab = await harness.open('examples/embed.html');
  await tab.page.evaluate((types) => {
    window.rootcheckEvents = [];
    for (const type of types) {
      document.addEventListener(type, (event) => window.rootcheckEvents.push({ type, detail: event.detail }));
    }
  }, EVENT_TYPES);
  return { tab, person: new Person(tab.page, 'en') };
}

const eventsOf = (page) => page.evaluate(() => window.rootcheckEvents);
const widgetResult = (page) => page.evaluate(() => document.querySelector('root-check').result());

async function completeJourney(answers, level) {
  const { tab, person } = await openEmbed();
  await person.start();
  assert.equal(await person.answer(answers), 'results');
  assert.equal(await person.levelTitle(), person.text[`level.${level}.title`]);

  const events = await eventsOf(tab.page);
  const complete = events.filter((e) => e.type === 'rootcheck-complete');
  assert.equal(complete.length, 1, 'one rootcheck-complete');
  assert.equal(complete[0].detail.triage.level, level);
  assert.deepEqual(complete[0].detail, await widgetResult(tab.page), 'the event carries the widget\'s result');
  const changes = events.filter((e) => e.type === 'rootcheck-change');
  assert.ok(changes.length >= Object.keys(answers).length - 2, `a change event per answer (${changes.length})`);
  assert.equal(events.filter((e) => e.type === 'rootcheck-escalate').length, 0, 'no escalation');
  tab.assertClean();
  return { tab, person, result: complete[0].detail };
}

test('self-care journey: results say look after it at home', async () => {
  const { tab } = await completeJourney(SELF_CARE, 'self_care');
  await tab.close();
});

test('soon journey: L5 sciatica on the left, with the root on the body diagram', async () => {
  const { tab, person, result } = await completeJourney(SOON_L5_LEFT, 'soon');
  assert.equal(result.roots[0].root, 'L5');
  assert.equal(result.roots[0].side, 'left');
  // The results diagram lists the root's skin area and the marks as text.
  await tab.page.getByText(result.roots[0].label, { exact: false }).first().waitFor();
  const diagramImages = tab.page.getByRole('img', { name: person.ui('diagram_front') });
  assert.equal(await diagramImages.count(), 1, 'the front view is one described image on the results');

  // The results explain themselves: what a nerve root is, why this one (the engine's evidence), the next root named
  // as less likely, the two kinds of leg pain side by side, a download named for a patient.
  const widget = tab.page.locator('root-check');
  await widget.getByText(person.ui('results_root_what'), { exact: true }).waitFor();
  await widget.getByText(person.ui('results_root_why'), { exact: true }).waitFor();
  for (const evidence of result.roots[0].evidence) {
    await widget.getByText(evidence.text, { exact: true }).first().waitFor();
  }
  assert.ok(result.roots.length > 1, 'the story has a runner-up');
  await widget.getByText(person.ui('results_runner_up').replace('{root}', result.roots[1].label), { exact: true })
    .waitFor();
  await widget.getByText(person.ui('results_radicular_is'), { exact: true }).waitFor();
  await widget.getByText(person.ui('results_referred_is'), { exact: true }).waitFor();
  await tab.page.getByRole('button', { name: person.ui('download_fhir'), exact: true }).waitFor();
  // The box headed "go to an emergency department straight away if" lists emergency signs only.
  for (const item of result.safety_net) {
    assert.match(item.text, /(go to an emergency department|call the emergency number) now\.$/, item.id);
  }
  await tab.close();
});

test('urgent journey: new pain after cancer needs a doctor today', async () => {
  const { tab, result } = await completeJourney(URGENT_CANCER_HISTORY, 'urgent');
  assert.deepEqual(result.triage.reasons.map((reason) => reason.id), ['cancer_suspected']);
  await tab.close();
});

test('age alone changes nothing: the same new pain at 58 without a flag is self-care', async () => {
  const { tab } = await completeJourney(SELF_CARE_OVER_50, 'self_care');
  await tab.close();
});

test('long-standing stable stenosis in both legs: soon, spinal stenosis, and no emergency alert on the way', async () => {
  const { tab, person, result } = await completeJourney(SOON_STABLE_STENOSIS, 'soon');
  assert.equal(await person.dialog().count(), 0, 'no emergency alert');
  assert.equal(result.mechanisms[0].id, 'spinal_stenosis');
  assert.deepEqual(result.red_flags, []);
  await tab.page.locator('root-check').getByText(person.text['mechanism.spinal_stenosis'], { exact: true }).waitFor();
  await tab.close();
});

test('emergency journey: the first red flag opens the alert, which leads to the emergency results', async () => {
  const { tab, person } = await openEmbed();
  await person.start();
  assert.equal(await person.answer(EMERGENCY_RETENTION), 'escalated');
  const dialog = person.dialog();
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.ok((await focusedElement(tab.page)).inDialog, 'focus is inside the alert');
  await dialog.getByRole('button', { name: person.ui('escalate_summary'), exact: true }).click();
  await person.resultsHeading().waitFor();
  assert.equal(await person.levelTitle(), person.text['level.emergency.title']);

  const events = await eventsOf(tab.page);
  const escalations = events.filter((e) => e.type === 'rootcheck-escalate');
  assert.equal(escalations.length, 1, 'one rootcheck-escalate');
  assert.equal(escalations[0].detail.triage.level, 'emergency');
  assert.ok(escalations[0].detail.red_flags.includes('ces_urinary_retention'));
  const complete = events.filter((e) => e.type === 'rootcheck-complete');
  assert.equal(complete.length, 1);
  assert.equal(complete[0].detail.escalate, true);
  tab.assertClean();
  await tab.close();
});
