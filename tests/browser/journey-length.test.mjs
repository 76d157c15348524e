// How long the typical journey is, counted the way a person on a phone goes through it: the classic one-sided
// sciatica with no red flag in at most 12 screens and 35 taps, with every red-flag question still asked. A tap is
// one activation: a radio, a checkbox, a region of the diagram, a marker, a button (Start, Next, "No to all of
// these"), or focusing a number field (the digits typed are not counted). The person uses "No to all of these"
// where it saves taps, as people do. The progress line's total never changes on the way.
import { after, before, test } from 'node:test';
import { assert, Person, startHarness } from './harness.mjs';
import { CLASSIC_SCIATICA } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const MARKERS = ['pain_regions', 'numbness_regions', 'tingling_regions'];

/** A person who counts the taps they make, and answers a checklist with one tap where that is fewer. */
class CountingPerson extends Person {
  taps = 0;
  answeredByChecklist = new Set();

  tapsFor(question, value) {
    if (MARKERS.includes(question.id)) return (question.id === 'pain_regions' ? 0 : 1) + value.length;
    if (question.type === 'multi' || question.type === 'regions') return Math.max(value.length, 1);
    return 1;
  }

  async give(question, value) {
    if (this.answeredByChecklist.has(question.id)) return;
    this.taps += this.tapsFor(question, value);
    await super.give(question, value);
  }

  async start() {
    this.taps += 1;
    await super.start();
  }

  async pressNext(button) {
    this.taps += 1;
    await super.pressNext(button);
  }

  /** Clicks "No to all of these" when at least two of the screen's answers to give are its "no": they are given. */
  async useChecklist(answers) {
    const button = this.page.getByRole('button', { name: this.ui('none_of_these_all'), exact: true });
    if ((await button.count()) === 0) return;
    const shown = await this.shownQuestions();
    const negative = (q) => (q.options.includes('no') ? 'no' : 'none');
    const covered = this.questions.filter((q) => shown.has(q.id) && q.type === 'choice' && answers[q.id] !== undefined &&
      (q.options.includes('no') || q.options.includes('none')) && answers[q.id] === negative(q));
    if (covered.length < 2) return;
    this.taps += 1;
    await button.click();
    for (const q of covered) {
      assert.ok(await this.group(q.id).getByRole('radio', { name: this.optionLabel(q.id, negative(q)), exact: true })
        .isChecked(), `"No to all of these" answered ${q.id}`);
      this.answeredByChecklist.add(q.id);
    }
  }

  progressText() {
    return this.page.locator('root-check').locator('.progress-text').textContent();
  }
}

// The words a person reads on the screen on view: its heading, the hint, each shown question and its options
// (the help behind "Why we ask" is not counted: it is opened on demand; nor are the diagram's region names).
function screenWords(page) {
  return page.locator('root-check').locator('section[data-screen]').evaluate((screen) => {
    const texts = [...screen.querySelectorAll('.screen-title, .screen-hint, .question-text, .option-label')]
      .filter((element) => element.checkVisibility())
      .map((element) => element.textContent);
    return texts.join(' ').split(/\s+/).filter(Boolean).length;
  });
}

// How long the journey takes, in minutes, by a plain model: reading at 200 words a minute (below the adult average
// for non-fiction of about 240: these are health questions, read by people in pain) and 2 seconds a tap.
const minutesFor = (words, taps) => words / 200 + (taps * 2) / 60;

test('the classic sciatica journey: at most 12 screens and 35 taps, every red flag asked, a steady progress total',
  async () => {
    const tab = await harness.open('index.html', { width: 375, height: 800 });
    const person = new CountingPerson(tab.page, 'en');
    await person.start();
    const steps = [];
    const redFlagsAsked = new Set();
    let words = 0;
    const outcome = await person.answer(CLASSIC_SCIATICA, {
      until: async () => {
        steps.push(await person.progressText());
        for (const id of await person.shownQuestions()) redFlagsAsked.add(id);
        words += await screenWords(tab.page);
        await person.useChecklist(CLASSIC_SCIATICA);
        return false;
      },
    });
    assert.equal(outcome, 'results');
    assert.equal(await person.levelTitle(), person.text['level.self_care.title']);

    const totals = new Set(steps.map((text) => text.match(/(\d+)\D*$/)[1]));
    assert.equal(totals.size, 1, `one progress total throughout: ${steps.join(' | ')}`);
    const screens = steps.length;
    const minutes = minutesFor(words, person.taps);
    console.log(`classic sciatica: ${screens} screens, ${person.taps} taps, ${words} words read, about ` +
      `${minutes.toFixed(1)} minutes (${steps.join(' | ')})`);
    assert.ok(screens <= 12, `${screens} screens`);
    // The intro says how many steps and how long: both must be what was just measured.
    const intro = person.ui('intro');
    assert.match(intro, new RegExp(`\\b${screens} short steps\\b`), 'the intro gives the number of steps');
    const stated = Number(intro.match(/about (\d+) minutes/)[1]);
    assert.ok(stated >= minutes - 1 && stated <= minutes + 1.5, `the intro says ${stated} minutes; measured ${minutes}`);
    assert.ok(person.taps <= 35, `${person.taps} taps`);
    const redFlagQuestions = person.questions.filter((q) => q.section.startsWith('red_flags_') && q.visible === undefined);
    for (const q of redFlagQuestions) assert.ok(redFlagsAsked.has(q.id), `red-flag question ${q.id} was asked`);
    tab.assertClean();
    await tab.close();
  });
