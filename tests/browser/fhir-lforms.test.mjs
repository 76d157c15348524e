// A real FHIR client: the NLM LHC-Forms renderer (npm lforms) in Chromium, on the portal example page
// (web/examples/fhir-portal.html). It renders RootCheck's Questionnaires, takes RootCheck's QuestionnaireResponse of
// every vignette merged into the form and exports it again with no answer lost and the same assessment, and accepts a
// form filled in through its own controls.
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { assert, repoRoot, startHarness } from './harness.mjs';
import { readVignettes, answersDocument } from '../../web/cli/vignette-files.mjs';

const vignettes = readVignettes(join(repoRoot, 'tests/vignettes')).map((entry) => entry.vignette);

let harness;
let tab;
before(async () => {
  harness = await startHarness();
  tab = await harness.open('examples/fhir-portal.html');
  await tab.page.waitForFunction(() => document.querySelector('#form lhc-item'));
  // The page's own engine, with the FHIR calls of the JS API, for the checks below.
  await tab.page.evaluate(async () => {
    const { createEngine } = await import('/api.js');
    window.testEngine = await createEngine();
  });
});
after(async () => { await harness?.close(); });

test('LHC-Forms renders each Questionnaire (en, es; self, clinician) with no error and every question', async () => {
  for (const locale of ['en', 'es']) {
    for (const mode of ['self', 'clinician']) {
      const shown = await tab.page.evaluate(async ({ locale, mode }) => {
        const questionnaire = await (await fetch(`/dist/fhir/questionnaire-${mode}-${locale}.json`)).json();
        const element = document.getElementById('form');
        await LForms.Util.addFormToPage(questionnaire, element, { fhirVersion: 'R4' });
        const data = new LForms.LFormsData(LForms.Util.convertFHIRQuestionnaireToLForms(questionnaire, 'R4'));
        const questions = questionnaire.item.flatMap((group) => group.item);
        const unconditioned = questions.filter((q) => !q.enableWhen && !q.extension?.some((e) => e.valueExpression));
        const text = element.textContent.replace(/\s+/g, ' ');
        return {
          expected: questions.map((q) => q.linkId),
          inForm: data.itemList.map((item) => item.linkId),
          unconditioned: unconditioned.length,
          missingOnScreen: unconditioned.filter((q) => !text.includes(q.text.replace(/\s+/g, ' ')))
            .map((q) => q.linkId),
        };
      }, { locale, mode });
      for (const id of shown.expected) assert.ok(shown.inForm.includes(id), `${locale}/${mode}: ${id} is in the form`);
      assert.deepEqual(shown.missingOnScreen, [], `${locale}/${mode}: questions asked from the start are on screen`);
      assert.ok(shown.unconditioned >= 20, `${locale}/${mode}: ${shown.unconditioned} questions on screen`);
    }
  }
  assert.deepEqual(tab.record.pageErrors, [], 'no page error');
});

// Every vignette's response (in its own mode, in `locale`) merged into LHC-Forms and exported again: what RootCheck
// reads back from the export, and the assessment of it, against the original answers. `part` cuts each vignette's
// answers to a share of them, in the order they were written, as a person who stopped half way would leave them.
async function roundTrip(locale, part = 1) {
  const cut = (answers) => Object.fromEntries(Object.entries(answers)
    .slice(0, Math.ceil(Object.keys(answers).length * part)));
  const documents = vignettes.map((v) => {
    const document = answersDocument(v);
    return { id: v.id, document: { ...document, answers: cut(document.answers), locale } };
  });
  return tab.page.evaluate(async (documents) => {
    const engine = window.testEngine;
    // A page's engine has English built in and fetches any other language (dist/locales/) when asked.
    const loaded = await engine.loadLocale(documents[0].document.locale);
    if (loaded.error) throw new Error(loaded.error.message);
    const forms = {};
    const formFor = async (mode) => {
      forms[mode] ??= LForms.Util.convertFHIRQuestionnaireToLForms(
        engine.fhirQuestionnaire(documents[0].document.locale, mode), 'R4');
      return forms[mode];
    };
    const summary = (r) => ({ level: r.triage.level, painType: r.pain_type.classification,
      root: r.roots[0]?.root ?? null, side: r.roots[0]?.side ?? null });
    const results = [];
    for (const { id, document } of documents) {
      const response = engine.fhirResponse(document);
      const sent = engine.fromFHIR(response);
      const merged = LForms.Util.mergeFHIRDataIntoLForms('QuestionnaireResponse', response,
        await formFor(document.mode ?? 'self'), 'R4');
      const exported = LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', new LForms.LFormsData(merged));
      const back = engine.fromFHIR(exported);
      results.push({ id, sent: sent.answers, back: back.error ?? back.answers,
        before: summary(engine.assess(document)), after: back.error ? null : summary(engine.assess(back)) });
    }
    return results;
  }, documents);
}

// English with every answer; Spanish with the first half of each vignette's answers (both ways take about a minute).
for (const [locale, part] of [['en', 1], ['es', 0.5]]) {
  test(`every vignette's response (${locale}, ${part * 100}% of the answers) goes through LHC-Forms: every answer, ` +
    'the same result', async () => {
    const results = await roundTrip(locale, part);
    assert.equal(results.length, vignettes.length);
    let answers = 0;
    for (const { id, sent, back, before, after } of results) {
      assert.deepEqual(back, sent, `${id}: the answers LHC-Forms exports`);
      assert.deepEqual(after, before, `${id}: level, pain type, root and side`);
      answers += Object.keys(sent).length;
    }
    assert.ok(answers > 5000 * part, `${answers} answers compared`);
  });
}

test('a form filled in through LHC-Forms\' own controls is read and assessed by RootCheck', async () => {
  const { page } = tab;
  await page.evaluate(async () => {
    const questionnaire = await (await fetch('/dist/fhir/questionnaire-self-en.json')).json();
    await LForms.Util.addFormToPage(questionnaire, document.getElementById('form'), { fhirVersion: 'R4' });
  });
  // LHC-Forms names each question's box "item-<linkId>/1/1" and its input "<linkId>/1/1".
  const item = (id) => page.locator(`#form [id="item-${id}/1/1"]`);
  const choose = (id, option) => item(id).getByRole('radio', { name: option, exact: true }).click();
  await choose('urinary_retention_new', 'No');
  await choose('urinary_incontinence_new', 'No');
  await choose('back_pain', 'Yes');
  await choose('leg_pain', 'Yes');
  await choose('leg_pain_side', 'Left leg');
  const age = page.locator('#form [id="age/1/1"]');
  await age.fill('42');
  await age.press('Tab');
  // The leg questions come in only once leg pain is answered, as in the widget.
  const weeks = page.locator('#form [id="leg_pain_duration_weeks/1/1"]');
  await weeks.fill('3');
  await weeks.press('Tab');

  const read = await page.evaluate(() => {
    const response = LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form'));
    const answers = window.testEngine.fromFHIR(response);
    return { answers, result: answers.error ? null : window.testEngine.assess(answers) };
  });
  assert.equal(read.answers.error, undefined, JSON.stringify(read.answers.error));
  assert.deepEqual(read.answers.answers, { urinary_retention_new: 'no', urinary_incontinence_new: 'no', age: 42,
    back_pain: 'yes', leg_pain: 'yes', leg_pain_side: 'left', leg_pain_duration_weeks: 3 });
  assert.equal(read.result.error, undefined);
  assert.ok(['self_care', 'soon', 'urgent', 'emergency'].includes(read.result.triage.level));
  assert.deepEqual(tab.record.pageErrors, [], 'no page error');
});
