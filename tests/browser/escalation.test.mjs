// Escalation: a red flag must open the alert at once, wherever it is answered: on the very first red-flag question,
// and when the saddle area is marked as numb on the body diagram. The one wait is the reference's exemption for
// symptoms in both legs: the alert holds until the person has said, on the same screen, whether they are new. The alert is a modal alertdialog that takes focus
// and keeps it (Tab cycles inside, Escape does not dismiss it).
import { after, before, test } from 'node:test';
import { assert, Person, focusedElement, startHarness } from './harness.mjs';
import { NO_RED_FLAGS } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

async function assertAlertHasFocus(page, person) {
  const dialog = person.dialog();
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const title = await page.getByRole('alertdialog', { name: person.ui('escalate_title'), exact: true }).count();
  assert.equal(title, 1, 'the alert is named by its title');
  assert.ok((await focusedElement(page)).inDialog, 'focus moved into the alert');
  // Focus stays inside: Tab past the last control and Escape both leave it in the dialog.
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    assert.ok((await focusedElement(page)).inDialog, `Tab ${i + 1} stays in the alert`);
  }
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 1, 'Escape does not dismiss the alert');
  assert.ok((await focusedElement(page)).inDialog);
}

test('the very first red-flag question escalates at once', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  const first = person.questions[0];
  assert.equal(first.id, 'urinary_retention_new', 'the questionnaire opens with the bladder question');
  await person.group(first.id).getByRole('radio', { name: person.optionLabel(first.id, 'yes'), exact: true }).check();
  await assertAlertHasFocus(tab.page, person);
  const result = await tab.page.evaluate(() => document.querySelector('root-check').result());
  assert.equal(result.triage.level, 'emergency');
  assert.ok(result.red_flags.includes('ces_urinary_retention'));
  tab.assertClean();
  await tab.close();
});

test('marking the saddle area as numb on the body diagram escalates at once', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  // Everything up to the diagram answered with no red flag.
  const beforeDiagram = { ...NO_RED_FLAGS, age: 40, back_pain: 'yes', leg_pain: 'yes', back_pain_duration_weeks: 1,
    leg_pain_side: 'left', leg_pain_duration_weeks: 1, onset: 'sudden' };
  await person.answerUntil(beforeDiagram, () => person.markerRadio('numbness').count().then((n) => n > 0));
  assert.equal(await person.dialog().count(), 0, 'no alert before the saddle is marked');
  await person.markerRadio('numbness').check();
  const saddle = person.regionButton('saddle');
  await saddle.click();
  await assertAlertHasFocus(tab.page, person);
  const result = await tab.page.evaluate(() => document.querySelector('root-check').result());
  assert.equal(result.triage.level, 'emergency');
  assert.ok(result.red_flags.includes('ces_saddle_numbness'));
  // Going back to check the answers closes the alert and shows the saddle still marked as numb.
  await person.dialog().getByRole('button', { name: person.ui('back'), exact: true }).click();
  assert.equal(await person.dialog().count(), 0);
  assert.equal(await saddle.getAttribute('aria-pressed'), 'true');
  assert.match(await saddle.getAttribute('aria-label'), new RegExp(`${person.ui('marker_numbness')}$`));
  tab.assertClean();
  await tab.close();
});

// Symptoms in both legs escalate only when new (or not known to be old). On the diagram, pain below both knees with
// a numb sole is enough for the rule, but the question whether the symptoms are new shows on the same screen: no
// alert until it is answered; "yes" opens it at once, "no" (old and unchanged) never does.
for (const [answer, escalates] of [['yes', true], ['no', false]]) {
  test(`symptoms in both legs: the alert waits for "are they new?" and ${escalates ? 'opens on yes' : 'stays shut on no'}`,
    async () => {
      const tab = await harness.open('index.html');
      const person = new Person(tab.page, 'en');
      await person.start();
      const beforeDiagram = { ...NO_RED_FLAGS, age: 44, back_pain: 'yes', leg_pain: 'yes',
        back_pain_duration_weeks: 30, leg_pain_side: 'both', leg_pain_duration_weeks: 30, onset: 'gradual' };
      await person.answerUntil(beforeDiagram, () => person.markerRadio('pain').count().then((n) => n > 0));
      const question = (id) => person.questions.find((q) => q.id === id);
      await person.give(question('pain_regions'), ['left_posterior_calf', 'right_posterior_calf']);
      await person.give(question('numbness_regions'), ['left_sole']);
      const widgetResult = () => tab.page.evaluate(() => document.querySelector('root-check').result());
      assert.equal((await widgetResult()).triage.level, 'emergency', 'unanswered, the symptoms count as new');
      await person.group('both_legs_new').waitFor();
      assert.equal(await person.dialog().count(), 0, 'no alert while the question that can exempt is unanswered');
      await person.give(question('both_legs_new'), answer);
      if (escalates) {
        await assertAlertHasFocus(tab.page, person);
        assert.ok((await widgetResult()).red_flags.includes('ces_bilateral_radicular'));
      } else {
        // The alert opens in the same task as the answer; a frame later it would be there.
        await tab.page.evaluate(() => new Promise((resolve) => { requestAnimationFrame(resolve); }));
        assert.equal(await person.dialog().count(), 0, 'old, unchanged symptoms in both legs do not escalate');
        assert.notEqual((await widgetResult()).triage.level, 'emergency');
      }
      tab.assertClean();
      await tab.close();
    });
}

// The arrow keys move through a radio group and check what they pass. Passing over an answer that escalates
// ("getting worse over hours or days", a "Yes" while wrapping round) must not raise the alert; committing it must,
// at once, whichever way it is committed: Space, Enter, a click, or Next.
const RED_FLAG_ANSWERS = [
  ['urinary_retention_new', 'yes'], ['urinary_incontinence_new', 'yes'], ['bowel_incontinence_new', 'yes'],
  ['saddle_numbness', 'yes'], ['sexual_dysfunction_new', 'yes'], ['weakness_progression', 'rapidly_worsening'],
  ['leg_cold_pale_sudden', 'yes'], ['sudden_severe_pain_faint', 'yes'],
];

test('arrowing through every red-flag question, wrapping round each group, never raises the alert', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  let groups = 0;
  for (;;) {
    const shown = await person.shownQuestions();
    const questions = person.questions.filter((q) => shown.has(q.id));
    if (!questions.every((q) => q.section.startsWith('red_flags_'))) break;
    for (const question of questions.filter((q) => q.type === 'choice')) {
      const radios = person.group(question.id).getByRole('radio');
      await radios.first().focus();
      // Once round the group and back to the start: every option is passed over, each one checked on the way.
      for (let step = 0; step <= question.options.length; step += 1) await tab.page.keyboard.press('ArrowDown');
      assert.equal(await person.dialog().count(), 0, `arrowing through ${question.id} raised no alert`);
      groups += 1;
      const safe = question.options.includes('none') ? 'none' : 'no';
      await person.give(question, safe);
    }
    const screen = await person.currentScreen();
    await tab.page.getByRole('button', { name: person.ui('next'), exact: true }).click();
    await tab.page.waitForFunction((element) => !element.isConnected, screen);
  }
  assert.ok(groups >= 18, `every red-flag group was arrowed through (${groups})`);
  assert.equal(await person.dialog().count(), 0);
  tab.assertClean();
  await tab.close();
});

for (const [index, [id, value]] of RED_FLAG_ANSWERS.entries()) {
  const way = ['Space', 'Enter', 'Next'][index % 3];
  test(`committing ${id} = ${value} by ${way} raises the alert at once`, async () => {
    const tab = await harness.open('index.html');
    const person = new Person(tab.page, 'en');
    await person.start();
    const question = person.questions.find((q) => q.id === id);
    const before = Object.fromEntries(person.questions.slice(0, person.questions.indexOf(question))
      .filter((q) => q.section.startsWith('red_flags_') && q.type === 'choice' && q.visible === undefined)
      .map((q) => [q.id, q.options.includes('none') ? 'none' : 'no']));
    await person.answerUntil(before, async () => (await person.shownQuestions()).has(id));
    const target = person.group(id).getByRole('radio', { name: person.optionLabel(id, value), exact: true });
    await person.group(id).getByRole('radio').first().focus();
    for (let step = 0; step <= question.options.length && !(await target.isChecked()); step += 1) {
      await tab.page.keyboard.press('ArrowDown');
    }
    assert.ok(await target.isChecked(), 'the arrow keys selected the answer');
    assert.equal(await person.dialog().count(), 0, 'selected, not yet given');
    if (way === 'Next') await tab.page.getByRole('button', { name: person.ui('next'), exact: true }).click();
    else await tab.page.keyboard.press(way);
    await person.dialog().waitFor();
    const result = await tab.page.evaluate(() => document.querySelector('root-check').result());
    assert.equal(result.triage.level, 'emergency');
    tab.assertClean();
    await tab.close();
  });
}

// The banner that stays over the questions while the answers escalate (after "Back" in the alert) is the part
// "banner", a region named by its text, and follows a change of language and of emergency number like the alert.
test('the banner follows a change of language and of emergency number', async () => {
  const tab = await harness.open('index.html');
  const english = new Person(tab.page, 'en');
  await english.start();
  const first = english.questions[0];
  await english.group(first.id).getByRole('radio', { name: english.optionLabel(first.id, 'yes'), exact: true }).check();
  await english.dialog().getByRole('button', { name: english.ui('back'), exact: true }).click();
  const banner = tab.page.locator('root-check').locator('[part="banner"]');
  await tab.page.getByRole('region', { name: english.ui('escalate_title'), exact: true }).waitFor();
  const widget = tab.page.locator('root-check');
  await widget.evaluate((element) => element.setAttribute('lang', 'es'));
  const spanish = new Person(tab.page, 'es');
  await tab.page.getByRole('region', { name: spanish.ui('escalate_title'), exact: true }).waitFor();
  assert.equal(await banner.getByText(english.ui('escalate_title'), { exact: true }).count(), 0, 'no English left');
  await widget.evaluate((element) => element.setAttribute('emergency-number', '999'));
  const call = banner.getByRole('link', { name: spanish.ui('escalate_call').replace('{number}', '999') });
  await call.waitFor();
  assert.equal(await call.getAttribute('href'), 'tel:999');
  assert.equal(await banner.locator('a[href^="tel:"]').count(), 1, 'only the number set');
  tab.assertClean();
  await tab.close();
});

// A host page may switch the language (or the number to call) while the alert is open: the alert must follow at
// once, still open and still holding focus, and speak only the new language.
test('the open alert follows a change of language and of emergency number', async () => {
  const tab = await harness.open('index.html');
  const english = new Person(tab.page, 'en');
  await english.start();
  const first = english.questions[0];
  await english.group(first.id).getByRole('radio', { name: english.optionLabel(first.id, 'yes'), exact: true }).check();
  await english.dialog().waitFor();
  const widget = tab.page.locator('root-check');
  await widget.evaluate((element) => element.setAttribute('lang', 'es'));
  const spanish = new Person(tab.page, 'es');
  await tab.page.getByRole('alertdialog', { name: spanish.ui('escalate_title'), exact: true }).waitFor();
  assert.equal(await tab.page.getByRole('alertdialog').count(), 1, 'one alert, not two');
  assert.equal(await tab.page.getByText(english.ui('escalate_text'), { exact: true }).count(), 0, 'no English left');
  assert.ok((await focusedElement(tab.page)).inDialog, 'focus stays in the alert');
  await widget.evaluate((element) => element.setAttribute('emergency-number', '999'));
  const call = spanish.dialog().getByRole('link', { name: spanish.ui('escalate_call').replace('{number}', '999') });
  await call.waitFor();
  assert.equal(await call.getAttribute('href'), 'tel:999');
  tab.assertClean();
  await tab.close();
});
