// Screenshots of the intro, the first red-flag checklist, the other warning signs (leg pain not from the spine),
// the body diagram (marked; and with symptoms in both legs, where it asks whether they are new), the red-flag alert
// and the results at phone (375 px) and desktop (1280 px) widths, saved to tests/artifacts/screenshots/
// (gitignored) for review.
import { after, before, test } from 'node:test';
import { existsSync, statSync } from 'node:fs';
import { assert, Person, screenshot, startHarness } from './harness.mjs';
import { SOON_L5_LEFT, SOON_STABLE_STENOSIS } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

for (const width of [375, 1280]) {
  test(`screens at ${width} px`, async () => {
    const saved = [];
    const tab = await harness.open('index.html', { width, height: 900 });
    const person = new Person(tab.page, 'en');
    await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
    saved.push(await screenshot(tab.page, `${width}-1-intro`));
    await person.start();
    const first = person.questions[0];
    await person.group(first.id).getByRole('radio', { name: person.optionLabel(first.id, 'no'), exact: true }).check();
    saved.push(await screenshot(tab.page, `${width}-2-question`));

    let diagramShot = false;
    let warningSignsShot = false;
    const outcome = await person.answer(SOON_L5_LEFT, {
      beforeNext: async () => {
        if (!warningSignsShot && (await tab.page.locator('section[data-screen="other_warning_signs"]').count()) > 0) {
          saved.push(await screenshot(tab.page, `${width}-2-warning-signs`));
          warningSignsShot = true;
        }
        if (!diagramShot && (await person.markerRadio('pain').count()) > 0) {
          saved.push(await screenshot(tab.page, `${width}-3-diagram`));
          diagramShot = true;
        }
      },
    });
    assert.equal(outcome, 'results');
    assert.ok(warningSignsShot && diagramShot, 'the warning-signs and diagram screens were met');
    saved.push(await screenshot(tab.page, `${width}-5-results`));
    tab.assertClean();
    await tab.close();

    // Symptoms in both legs: the diagram screen asks whether they are new, below the diagram.
    const bothTab = await harness.open('index.html', { width, height: 900 });
    const bothPerson = new Person(bothTab.page, 'en');
    await bothPerson.start();
    const { both_legs_new: _, ...untilAsked } = SOON_STABLE_STENOSIS;
    await bothPerson.answerUntil(untilAsked, async () => (await bothPerson.markerRadio('pain').count()) > 0);
    await bothPerson.give(bothPerson.questions.find((q) => q.id === 'pain_regions'), SOON_STABLE_STENOSIS.pain_regions);
    await bothPerson.group('both_legs_new').waitFor();
    saved.push(await screenshot(bothTab.page, `${width}-3-diagram-both-legs`));
    bothTab.assertClean();
    await bothTab.close();

    const alertTab = await harness.open('index.html', { width, height: 900 });
    const alertPerson = new Person(alertTab.page, 'en');
    await alertPerson.start();
    assert.equal(await alertPerson.answer({ urinary_retention_new: 'yes' }), 'escalated');
    await alertPerson.dialog().waitFor();
    // The viewport, as the person sees it: a full-page capture would show the page below the modal backdrop.
    saved.push(await screenshot(alertTab.page, `${width}-4-alert`, { fullPage: false }));
    alertTab.assertClean();
    await alertTab.close();

    assert.equal(saved.length, 7);
    for (const file of saved) assert.ok(existsSync(file) && statSync(file).size > 5000, `${file} written`);
  });
}
