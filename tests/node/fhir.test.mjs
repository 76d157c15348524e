// FHIR through the JS API (web/fhir/): the Questionnaire generated from the rule set is valid R4 and keeps its own
// invariants (checked with FHIRPath), every vignette's answers go out as a QuestionnaireResponse and come back in
// identical and assessed the same, the enableWhenExpressions agree with the engine on what is asked, and a response
// that does not fit is refused with the path of the culprit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repo, newEngine } from './support.mjs';
import { readVignettes, answersDocument } from '../../web/cli/vignette-files.mjs';

const require = createRequire(import.meta.url);
const FhirValidator = require('@asymmetrik/fhir-json-schema-validator');
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

const validator = new FhirValidator();
const engine = await newEngine();
const { locales } = engine.info();
const modes = ['self', 'clinician'];
const vignettes = readVignettes(join(repo, 'tests/vignettes')).map((entry) => entry.vignette);
const EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';

const path = (resource, expression) => fhirpath.evaluate(resource, expression, { resource }, r4);
const questionItems = (questionnaire) =>
  path(questionnaire, "repeat(item).where(type != 'group' and type != 'display')");

test('a Questionnaire per locale and mode: valid R4, every question once, identity of the rule set', () => {
  const { rules } = engine.info();
  for (const locale of locales) {
    for (const mode of modes) {
      const resource = engine.fhirQuestionnaire(locale, mode);
      assert.deepEqual(validator.validate(resource), [], `${locale}/${mode}: schema errors`);
      assert.equal(resource.url, `urn:rootcheck:questionnaire:${rules.name}:${mode}:${locale}`);
      assert.equal(resource.version, `${rules.version}+sha256.${rules.sha256}`);
      assert.equal(resource.language, locale);
      assert.equal(resource.status, 'active');
      assert.ok(resource.title && resource.publisher);
      const doc = engine.questionnaire(locale, mode);
      assert.deepEqual(questionItems(resource).map((item) => item.linkId), doc.questions.map((q) => q.id)
        .sort((a, b) => order(doc, a) - order(doc, b)), 'every question, in section order');
      assert.deepEqual(resource.item.map((group) => group.text), doc.sections.map((s) => s.title));
    }
  }
  // The error of an unknown locale passes through.
  assert.equal(engine.fhirQuestionnaire('xx', 'self').error.code, 'unknown_locale');
});

function order(doc, id) {
  const flat = doc.sections.flatMap((s) => s.questions);
  return flat.indexOf(id);
}

test('the Questionnaire keeps its invariants: unique linkIds, enableWhen on earlier questions with their codes', () => {
  for (const mode of modes) {
    const resource = engine.fhirQuestionnaire('en', mode);
    const linkIds = path(resource, 'repeat(item).linkId');
    assert.equal(new Set(linkIds).size, linkIds.length, 'linkIds are unique (que-2)');
    const items = questionItems(resource);
    const position = new Map(items.map((item, i) => [item.linkId, i]));
    let conditions = 0;
    for (const item of items) {
      for (const when of item.enableWhen ?? []) {
        conditions += 1;
        assert.ok(position.has(when.question), `${item.linkId}: enableWhen names ${when.question}`);
        assert.ok(position.get(when.question) < position.get(item.linkId),
          `${item.linkId}: ${when.question} is earlier`);
        const target = items[position.get(when.question)];
        const codes = (target.answerOption ?? []).map((o) => o.valueCoding.code);
        assert.ok(codes.includes(when.answerCoding.code), `${item.linkId}: ${when.answerCoding.code} is an option`);
        assert.equal(when.answerCoding.system, target.answerOption[0].valueCoding.system);
      }
      if ((item.enableWhen ?? []).length > 1) assert.ok(['all', 'any'].includes(item.enableBehavior));
      const codes = (item.answerOption ?? []).map((o) => o.valueCoding.code);
      assert.equal(new Set(codes).size, codes.length, `${item.linkId}: codes are unique`);
      for (const option of item.answerOption ?? []) {
        assert.equal(item.type, 'choice', `${item.linkId}: options only on choice items`);
        assert.ok(option.valueCoding.code && option.valueCoding.display, `${item.linkId}: code and display`);
      }
    }
    assert.ok(conditions > 20, `${mode}: ${conditions} enableWhen conditions`);
  }
});

// The answers of a vignette that the engine counts (visible ones), as the widget would hold them.
function countedAnswers(document) {
  const visible = new Set(engine.next(document).visible);
  return Object.fromEntries(Object.entries(document.answers).filter(([id, v]) => visible.has(id) && v !== null));
}

const summary = (result) => ({ level: result.triage.level, painType: result.pain_type.classification,
  root: result.roots[0]?.root ?? null, side: result.roots[0]?.side ?? null, escalate: result.escalate });

test('every vignette goes out as a QuestionnaireResponse and comes back with every answer and the same result', () => {
  let answersCompared = 0;
  for (const vignette of vignettes) {
    const document = answersDocument(vignette);
    const response = engine.fhirResponse(document, { authored: '2026-12-07T10:00:00Z' });
    assert.equal(response.error, undefined, `${vignette.id}: ${JSON.stringify(response.error)}`);
    assert.deepEqual(validator.validate(response), [], `${vignette.id}: schema errors`);
    const back = engine.fromFHIR(response);
    assert.equal(back.error, undefined, `${vignette.id}: ${JSON.stringify(back.error)}`);
    const counted = countedAnswers(document);
    assert.deepEqual(back.answers, counted, `${vignette.id}: answers`);
    answersCompared += Object.keys(counted).length;
    assert.equal(back.mode, document.mode ?? 'self');
    assert.deepEqual(summary(engine.assess(back)), summary(engine.assess(document)), `${vignette.id}: result`);
    const assessment = response.contained[0];
    assert.equal(assessment.resourceType, 'RiskAssessment');
    assert.equal(assessment.prediction[0].outcome.coding[0].code, engine.assess(document).triage.level);
  }
  assert.ok(vignettes.length > 250 && answersCompared > 5000,
    `${vignettes.length} vignettes, ${answersCompared} answers`);
});

test('"no", "unsure" and "none of these" are kept: a denial reads differently from a question not asked', () => {
  const document = { answers: { leg_pain: 'no', fever: 'unsure', numbness_regions: [], treatments_tried: [] } };
  const response = engine.fhirResponse(document);
  const answer = (id) => path(response, `repeat(item).where(linkId='${id}').answer.value.code`);
  assert.deepEqual(answer('leg_pain'), ['no']);
  assert.deepEqual(answer('fever'), ['unsure']);
  assert.deepEqual(answer('numbness_regions'), ['none']);
  assert.deepEqual(answer('tingling_regions'), []);
  assert.deepEqual(engine.fromFHIR(response).answers, document.answers);
});

test('a response from another renderer reads the same: any order, other groups or none, no display or text', () => {
  const vignette = vignettes.find((v) => v.expect.root && (v.mode ?? 'self') === 'self');
  const document = answersDocument(vignette);
  const response = engine.fhirResponse(document);
  const leaves = path(response, 'repeat(item).where(answer.exists())');
  const stripped = leaves.map((item) => ({ linkId: item.linkId,
    answer: item.answer.map((a) => (a.valueCoding ? { valueCoding: { code: a.valueCoding.code } } : a)) }));
  const flatReversed = { resourceType: 'QuestionnaireResponse', questionnaire: response.questionnaire,
    status: 'completed', item: stripped.reverse() };
  const regrouped = { ...flatReversed, item: [{ linkId: 'pain', item: stripped.slice(0, 5) },
    { linkId: 'red_flags_ces', item: [] },
    { linkId: 'page-2', item: [{ linkId: 'part-a', item: stripped.slice(5, 9) }] },
    ...stripped.slice(9)] };
  const expected = engine.fromFHIR(response);
  assert.deepEqual(engine.fromFHIR(flatReversed), expected);
  assert.deepEqual(engine.fromFHIR(regrouped), expected);
});

test('each enableWhenExpression agrees with the engine on whether the question is asked, for every vignette', () => {
  let compared = 0;
  for (const mode of modes) {
    const questionnaire = engine.fhirQuestionnaire('en', mode);
    const withExpression = questionItems(questionnaire).filter((item) =>
      (item.extension ?? []).some((e) => e.url === EXPRESSION));
    assert.ok(withExpression.length >= 3, `${mode}: ${withExpression.length} expressions`);
    for (const vignette of vignettes.filter((v) => (v.mode ?? 'self') === mode)) {
      const document = answersDocument(vignette);
      const visible = new Set(engine.next(document).visible);
      const response = engine.fhirResponse({ ...document, locale: 'en' });
      for (const item of withExpression) {
        const { expression } = item.extension.find((e) => e.url === EXPRESSION).valueExpression;
        const [shown] = path(response, expression);
        assert.equal(shown, visible.has(item.linkId), `${vignette.id}: ${item.linkId}`);
        compared += 1;
      }
    }
  }
  assert.ok(compared > 500, `${compared} comparisons`);
});

test('a response that does not fit is refused with the path of the culprit', () => {
  const good = engine.fhirResponse({ answers: { leg_pain: 'yes', age: 40, pain_quality: ['sharp'] } });
  const pointer = (id) => {
    const groups = good.item;
    for (let g = 0; g < groups.length; g += 1) {
      const i = groups[g].item.findIndex((item) => item.linkId === id);
      if (i >= 0) return [g, i];
    }
    throw new Error(id);
  };
  const change = (id, edit) => {
    const copy = structuredClone(good);
    const [g, i] = pointer(id);
    edit(copy.item[g].item[i]);
    return { copy, at: `/item/${g}/item/${i}` };
  };
  const refused = (resource, code, at) => {
    const { error } = engine.fromFHIR(resource);
    assert.ok(error, `expected ${code} at ${at}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.path, at, error.message);
    assert.match(error.message, /\S/);
  };

  refused({ ...good, questionnaire: 'http://example.org/Questionnaire/phq-9|1' }, 'unknown_questionnaire',
    '/questionnaire');
  refused({ ...good, questionnaire: good.questionnaire.replace(/\+sha256\.\w+/, '+sha256.0') },
    'unknown_questionnaire', '/questionnaire');
  refused({ ...good, resourceType: 'Observation' }, 'wrong_type', '/resourceType');
  refused([], 'not_an_object', '');

  let { copy, at } = change('leg_pain', (item) => { item.linkId = 'leg_pains'; });
  refused(copy, 'unknown_key', `${at}/linkId`);
  ({ copy, at } = change('age', (item) => { item.answer = [{ valueDecimal: 40.5 }]; }));
  refused(copy, 'wrong_type', `${at}/answer/0/valueDecimal`);
  ({ copy, at } = change('age', (item) => { item.answer = [{ valueInteger: 140 }]; }));
  refused(copy, 'out_of_range', `${at}/answer/0/valueInteger`);
  ({ copy, at } = change('leg_pain', (item) => { item.answer[0].valueCoding.code = 'maybe'; }));
  refused(copy, 'unknown_value', `${at}/answer/0/valueCoding/code`);
  ({ copy, at } = change('leg_pain', (item) => { item.answer[0].valueCoding.system = 'http://loinc.org'; }));
  refused(copy, 'unknown_value', `${at}/answer/0/valueCoding/system`);
  ({ copy, at } = change('leg_pain', (item) => { item.answer.push(item.answer[0]); }));
  refused(copy, 'too_many_values', `${at}/answer/1`);
  ({ copy, at } = change('pain_quality', (item) => {
    item.answer.push({ valueCoding: { system: 'urn:rootcheck:answer', code: 'none' } });
  }));
  refused(copy, 'unknown_value', `${at}/answer`);
  ({ copy, at } = change('pain_quality', (item) => { item.answer.push(item.answer[0]); }));
  refused(copy, 'duplicate_value', `${at}/answer/1/valueCoding/code`);
  ({ copy } = change('age', () => {}));
  copy.item.push({ linkId: 'age', answer: [{ valueInteger: 41 }] });
  refused(copy, 'duplicate_value', `/item/${copy.item.length - 1}/linkId`);
});
