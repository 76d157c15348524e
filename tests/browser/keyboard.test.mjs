// The whole journey by keyboard alone: Tab and Shift+Tab to move, Space and Enter to act, arrow keys only inside a
// radio group (how radio groups work for every keyboard user) and digits in number fields. No mouse, no
// programmatic focus. Covers the intro, every question type, the body diagram (marker radios and region buttons)
// and the results; then the escalation alert, also by keyboard.
import { after, before, test } from 'node:test';
import { assert, Person, focusedElement, hasFocus, startHarness, tabTo } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

/** A Person who only uses the keyboard. */
class KeyboardPerson extends Person {
  async start() {
    await tabTo(this.page, this.page.getByRole('button', { name: this.ui('start'), exact: true }));
    await this.page.keyboard.press('Enter');
    await this.currentScreen();
  }

  // Tab into the radio group, then arrow keys to the wanted radio (arrows check as they move, but only select: an
  // answer is given by Space, Enter or Next), then Space to give it.
  async chooseRadio(radios, target) {
    await tabTo(this.page, radios);
    const count = await radios.count();
    for (let step = 0; step <= count && !(await hasFocus(target)); step += 1) {
      await this.page.keyboard.press('ArrowDown');
    }
    assert.ok(await hasFocus(target), 'the arrow keys reached the option');
    await this.page.keyboard.press('Space');
    assert.ok(await target.isChecked());
  }

  async give(question, value) {
    const { page } = this;
    const id = question.id;
    if (['pain_regions', 'numbness_regions', 'tingling_regions'].includes(id)) {
      await this.chooseRadio(page.getByRole('group', { name: this.ui('marker_label'), exact: true })
        .getByRole('radio'), this.markerRadio(id.replace('_regions', '')));
      for (const region of value) {
        const button = this.regionButton(region);
        assert.equal(await button.count(), 1, `${region} shows (the keyboard journey runs at desktop width)`);
        await tabTo(page, button);
        await page.keyboard.press('Space');
        assert.equal(await button.getAttribute('aria-pressed'), 'true', `${region} marked for ${id} by Space`);
      }
      return;
    }
    switch (question.type) {
      case 'choice':
        await this.chooseRadio(this.group(id).getByRole('radio'),
          this.group(id).getByRole('radio', { name: this.optionLabel(id, value), exact: true }));
        return;
      case 'multi':
        for (const item of value) {
          const box = this.group(id).getByRole('checkbox', { name: this.optionLabel(id, item), exact: true });
          await tabTo(page, box);
          await page.keyboard.press('Space');
          assert.ok(await box.isChecked());
        }
        return;
      case 'integer':
      case 'number': {
        const field = page.getByRole('spinbutton', { name: this.questionText(id), exact: true });
        await tabTo(page, field);
        await page.keyboard.type(String(value));
        await page.keyboard.press('Tab'); // leaving the field commits it
        assert.equal(await field.inputValue(), String(value));
        return;
      }
      default:
        throw new Error(`KeyboardPerson: no keyboard route for ${question.type}`);
    }
  }

  async pressNext(button) {
    await tabTo(this.page, button);
    await this.page.keyboard.press('Enter');
  }
}

test('the whole journey by keyboard alone reaches the results', async () => {
  const tab = await harness.open('index.html');
  const person = new KeyboardPerson(tab.page, 'en');
  await person.start();
  assert.equal(await person.answer(SOON_L5_LEFT), 'results');
  assert.equal(await person.levelTitle(), person.text['level.soon.title']);
  // Focus went to the results heading, so a screen reader starts reading there.
  assert.equal((await focusedElement(tab.page)).name, person.ui('results_title'));
  // Forward to the FHIR download with Tab, back to Print with Shift+Tab: every action is reachable.
  await tabTo(tab.page, tab.page.getByRole('button', { name: person.ui('download_fhir'), exact: true }));
  await tabTo(tab.page, tab.page.getByRole('button', { name: person.ui('print'), exact: true }), { backwards: true });
  tab.assertClean();
  await tab.close();
});

test('the escalation alert is reached and answered by keyboard', async () => {
  const tab = await harness.open('index.html');
  const person = new KeyboardPerson(tab.page, 'en');
  await person.start();
  assert.equal(await person.answer({ urinary_retention_new: 'yes' }), 'escalated');
  assert.ok((await focusedElement(tab.page)).inDialog, 'focus is in the alert');
  const summary = person.dialog().getByRole('button', { name: person.ui('escalate_summary'), exact: true });
  await tabTo(tab.page, summary);
  await tab.page.keyboard.press('Enter');
  await person.resultsHeading().waitFor();
  assert.equal(await person.levelTitle(), person.text['level.emergency.title']);
  tab.assertClean();
  await tab.close();
});
