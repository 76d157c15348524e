// Clinician mode on examples/clinician.html: a journey with the examination, then the citations on the results. The
// result names each finding's source by id and gives the texts once in result.sources; the screen (and so the print)
// must number every cited finding and list each cited source's text once, the number pointing at its text.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const EXAMINED_L5_LEFT = Object.freeze({
  ...SOON_L5_LEFT,
  exam_slr_left: 'positive',
  exam_slr_right: 'negative',
  exam_power_big_toe_extension_left: 4,
});

// The cited items of a result in the order the results screen shows them: reasons, advice, safety net, then the
// evidence behind the pain type, each root and each mechanism.
function citedInScreenOrder(result) {
  return [
    ...result.triage.reasons,
    ...result.advice,
    ...result.safety_net,
    ...result.pain_type.evidence,
    ...result.roots.flatMap((root) => root.evidence),
    ...result.mechanisms.flatMap((mechanism) => mechanism.evidence),
  ];
}

test('clinician results number each cited finding and list each cited source text once', async () => {
  const tab = await harness.open('examples/clinician.html');
  const person = new Person(tab.page, 'en', { mode: 'clinician' });
  await person.start();
  assert.equal(await person.answer(EXAMINED_L5_LEFT), 'results');

  const { result, numbers, listed } = await tab.page.evaluate(() => {
    const widget = document.querySelector('root-check');
    const root = widget.shadowRoot;
    return {
      result: widget.result(),
      numbers: [...root.querySelectorAll('.cite')].map((cite) => Number(cite.textContent.trim().slice(1, -1))),
      listed: [...root.querySelectorAll('ol.sources > li')].map((item) => item.textContent),
    };
  });
  assert.equal(result.mode, 'clinician');
  const cited = citedInScreenOrder(result);
  assert.ok(cited.some((item) => item.id.startsWith('exam_')), 'the examination is among the evidence');
  assert.equal(numbers.length, cited.length, 'a number after every cited finding');

  const texts = Object.values(result.sources);
  assert.ok(texts.length > 1, 'several sources cited');
  assert.equal(listed.length, texts.length, 'one list entry per cited source');
  assert.deepEqual([...listed].sort(), [...texts].sort(), 'the list shows the citation texts of result.sources');
  cited.forEach((item, i) => {
    assert.equal(listed[numbers[i] - 1], result.sources[item.source], `[${numbers[i]}] after "${item.text}"`);
  });
  // Numbers are given in order of first citation.
  const firsts = numbers.filter((n, i) => numbers.indexOf(n) === i);
  assert.deepEqual(firsts, texts.map((_, i) => i + 1));
  tab.assertClean();
  await tab.close();
});

// Sensory loss found on examination is marked on a body diagram of its own (one kind of mark), not ticked in a list
// of 38 regions; power grades are a row of 0 to 5 per muscle and side.
test('clinician mode: sensory loss is marked on the diagram, power is a row of grades', async () => {
  const tab = await harness.open('examples/clinician.html', { width: 375 });
  const person = new Person(tab.page, 'en', { mode: 'clinician' });
  await person.start();
  await person.answerUntil(EXAMINED_L5_LEFT,
    async () => (await tab.page.locator('root-check').locator('section[data-screen="exam_sensation"]').count()) > 0);
  const region = person.regionLabel('left_dorsum_foot');
  assert.equal(await tab.page.getByRole('checkbox', { name: region, exact: true }).count(), 0, 'no list of regions');
  await person.give(person.questions.find((q) => q.id === 'exam_sensory_loss_regions'), ['left_dorsum_foot']);
  await tab.page.getByText(`${region}: ${person.ui('marker_finding')}`).first().waitFor();
  const answers = await tab.page.locator('root-check').evaluate((element) => element.answers());
  assert.deepEqual(answers.exam_sensory_loss_regions, ['left_dorsum_foot']);
  assert.equal(answers.exam_power_big_toe_extension_left, 4, 'the grade given on the row of 0 to 5');
  // At desktop width the power screen is one grid: each muscle a row, left and right side by side.
  await tab.page.setViewportSize({ width: 1280, height: 900 });
  await tab.page.getByRole('button', { name: person.ui('back'), exact: true }).click();
  const power = tab.page.locator('root-check').locator('section[data-screen="exam_power"]');
  await power.waitFor();
  const top = (id) => power.locator(`[data-question="${id}"]`).evaluate((element) => element.getBoundingClientRect().top);
  assert.equal(await top('exam_power_hip_flexion_left'), await top('exam_power_hip_flexion_right'), 'one row per muscle');
  assert.ok(await top('exam_power_knee_extension_left') > await top('exam_power_hip_flexion_left'), 'the next muscle below');
  tab.assertClean();
  await tab.close();
});
