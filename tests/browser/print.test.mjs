// Printing the results: a full journey's summary fits one A4 page in self mode and at most two in clinician mode
// (with the examination), as the README promises, and still carries what a clinician needs on paper. The clinician
// presses Print (window.print is replaced by a counter: headless Chromium has no print dialog); the patient prints
// from the browser's menu, with the answers still folded away. Then Chromium renders the page as an A4 PDF with print
// media, the way its print preview does. The PDFs are saved to tests/artifacts/ for review
// (`pdftoppm -png -r 60 FILE.pdf PREFIX` turns their pages into pictures).
import { after, before, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, Person, repoRoot, startHarness } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';

const artifactDir = join(repoRoot, 'tests', 'artifacts');

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

// The same story, examined in full: a positive straight-leg raise on the left, weak big toe and ankle dorsiflexion on
// the left, numbness over the top of the left foot; all else normal.
const EXAMINED_L5_LEFT = Object.freeze({
  ...SOON_L5_LEFT,
  exam_slr_left: 'positive',
  exam_slr_right: 'negative',
  exam_crossed_slr: 'negative',
  exam_femoral_stretch_left: 'negative',
  exam_femoral_stretch_right: 'negative',
  exam_reflex_patellar_left: 'normal',
  exam_reflex_patellar_right: 'normal',
  exam_reflex_achilles_left: 'normal',
  exam_reflex_achilles_right: 'normal',
  exam_power_hip_flexion_left: 5,
  exam_power_hip_flexion_right: 5,
  exam_power_knee_extension_left: 5,
  exam_power_knee_extension_right: 5,
  exam_power_ankle_dorsiflexion_left: 4,
  exam_power_ankle_dorsiflexion_right: 5,
  exam_power_big_toe_extension_left: 4,
  exam_power_big_toe_extension_right: 5,
  exam_power_ankle_plantarflexion_left: 5,
  exam_power_ankle_plantarflexion_right: 5,
  exam_sensory_loss_regions: ['left_dorsum_foot', 'left_big_toe'],
  exam_perianal_sensation: 'normal',
});

// The page objects of a PDF: "/Type /Page" not followed by a letter ("/Pages" is the page tree). Chromium writes no
// object streams, so every page object is plain text in the file.
function pdfPageCount(bytes) {
  return (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
}

// The fonts a PDF embeds ("/BaseFont /AAAAAA+DejaVuSans-Bold" -> "DejaVuSans-Bold"), for the page-count messages:
// how many pages the results take depends on the machine's fonts (a machine with only Liberation drew the widget in
// Liberation Mono and printed 2 pages; web/tools/setup.sh).
function pdfFonts(bytes) {
  const names = [...Buffer.from(bytes).toString('latin1').matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)/g)];
  return [...new Set(names.map((match) => match[1]))].join(', ') || 'no named embedded font';
}

// What a clinician needs on paper, by the widget's classes; every one must show in print.
const ON_PAPER = {
  level: '.level-card',
  reasons: '.reasons-card',
  advice: '.advice-card',
  'safety net': '.safety-net',
  'pain type': '.pain-type-card',
  root: '.root-card .roots',
  diagram: '.result-diagram svg',
  mechanism: '.mechanism-card',
  answers: '.answers-card .answer-group dl',
  'rule-set version': '.rules-version',
};

// viaButton: press the results' Print button (which unfolds the answers), else print as from the browser's menu.
// The page's width is the paper's, whatever the screen's: width only changes the journey's screens.
async function printedPdf({ path, width, mode, answers, name, viaButton }) {
  const tab = await harness.open(path, { width });
  const person = new Person(tab.page, 'en', { mode });
  await person.start();
  assert.equal(await person.answer(answers), 'results');
  if (viaButton) {
    await tab.page.evaluate(() => {
      window.printCalls = 0;
      window.print = () => { window.printCalls += 1; };
    });
    await tab.page.getByRole('button', { name: person.ui('print'), exact: true }).click();
    assert.equal(await tab.page.evaluate(() => window.printCalls), 1, 'the Print button asked the browser to print');
  }

  await tab.page.emulateMedia({ media: 'print' });
  const shown = await tab.page.evaluate((selectors) => {
    const root = document.querySelector('root-check').shadowRoot;
    const visible = (element) => Boolean(element) && element.checkVisibility({ checkVisibilityCSS: true });
    const hostChrome = document.querySelectorAll('.page-header, .page-footer, .page-main > :not(root-check)');
    return {
      parts: Object.fromEntries(Object.entries(selectors)
        .map(([part, selector]) => [part, visible(root.querySelector(selector))])),
      sources: visible(root.querySelector('.sources-card')),
      buttons: [...root.querySelectorAll('button')].filter(visible).length,
      hostChrome: [...hostChrome].filter(visible).length,
    };
  }, ON_PAPER);
  const missing = Object.entries(shown.parts).filter(([, visible]) => !visible).map(([part]) => part);
  assert.deepEqual(missing, [], 'parts of the results missing from the print');
  if (mode === 'clinician') assert.ok(shown.sources, 'the sources are printed in clinician mode');
  assert.equal(shown.buttons, 0, 'no button is printed');
  assert.equal(shown.hostChrome, 0, 'the host page prints only the widget');

  const pdf = await tab.page.pdf({ format: 'A4', printBackground: true });
  mkdirSync(artifactDir, { recursive: true });
  writeFileSync(join(artifactDir, `${name}.pdf`), pdf);
  tab.assertClean();
  await tab.close();
  return { pages: pdfPageCount(pdf), fonts: pdfFonts(pdf) };
}

test('self mode, printed from a phone\'s browser menu: a full journey\'s results on one A4 page', async () => {
  const { pages, fonts } = await printedPdf({
    path: 'index.html', width: 375, mode: 'self', answers: SOON_L5_LEFT, name: 'print-self', viaButton: false,
  });
  assert.equal(pages, 1, `printed on ${pages} A4 pages, in ${fonts}`);
});

test('clinician mode: the results with the examination print on at most two A4 pages', async () => {
  const { pages, fonts } = await printedPdf({
    path: 'examples/clinician.html', width: 1280, mode: 'clinician', answers: EXAMINED_L5_LEFT, name: 'print-clinician',
    viaButton: true,
  });
  assert.ok(pages >= 1 && pages <= 2, `printed on ${pages} A4 pages, in ${fonts}`);
});
