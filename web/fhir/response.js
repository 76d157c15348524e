// The answers and result as a FHIR R4 QuestionnaireResponse (https://hl7.org/fhir/R4/questionnaireresponse.html)
// to the Questionnaire of questionnaire.js, for handing over to a clinical record. Built on the device; nothing is
// sent anywhere.
//
// CONTRACT
//   import { toQuestionnaireResponse } from './response.js';
//   toQuestionnaireResponse({ questionnaire, answers, result, rules, authored, complete })
//     questionnaire  engine.questionnaire(locale, mode)
//     answers        the answers the engine counts ({question id: value}); [] is "none of these"
//     result         engine.assess(...) result, or null/undefined while the person is still answering
//     rules          engine.info().rules { name, version, sha256 } (falls back to result.rules)
//     authored       Date or FHIR dateTime string (default: now)
//     complete       optional boolean; false marks the response in progress even with a result
//   -> a plain QuestionnaireResponse, or { error: { code, message, path } } (path: JSON Pointer into the arguments)
//      when an answer does not fit its question.
//
// Shape:
//   questionnaire = "<url>|<version>" of toFhirQuestionnaire() for the same rule set, locale and mode (identity.js);
//   language = the locale; status "completed" (a result and complete !== false) or "in-progress"; authored.
//   item[]: the Questionnaire's groups (sections) that hold an answer, each with its answered questions in order,
//   linkId and text as in the Questionnaire. Every answer the person gave is kept, "no" and "unsure" included:
//     choice -> one valueCoding; multi / regions -> one valueCoding per value, and a list answered "none of these"
//     ([]) -> the single code "none"; integer -> valueInteger; number -> valueDecimal.
//   Codings carry system and code, and the display of the same locale's Questionnaire.
//   With a result: contained[0] is a RiskAssessment (id "rootcheck-result", basis: the response itself) that holds
//   what RootCheck derived, so the response keeps only what the person said and any renderer can load it:
//     status "final" (or "preliminary" while in progress), subject {type: "Patient"} (RootCheck knows no one: a
//     portal puts its patient's reference there), occurrenceDateTime = authored,
//     method: the rule set (urn:rootcheck:rules, code = name, version as the Questionnaire's);
//     prediction[]: the triage level (urn:rootcheck:triage-level, rationale: the reasons' texts), the pain type
//       (urn:rootcheck:pain-type), the top nerve root with its side (urn:rootcheck:root, urn:rootcheck:side), the
//       mechanism (urn:rootcheck:mechanism), each with its localized display;
//     mitigation: the advice texts; note: the safety net (which new symptoms mean an emergency department now);
//     extension urn:rootcheck:escalate (valueBoolean): the level asks for emergency care now.

import { ANSWER_SYSTEM, questionnaireCanonical, questionnaireVersion } from './identity.js';
import { NONE_CODE, optionsOf } from './answer-options.js';

export const RESULT_ID = 'rootcheck-result';
export const SYSTEMS = {
  rules: 'urn:rootcheck:rules',
  level: 'urn:rootcheck:triage-level',
  rule: 'urn:rootcheck:triage-rule',
  painType: 'urn:rootcheck:pain-type',
  root: 'urn:rootcheck:root',
  side: 'urn:rootcheck:side',
  mechanism: 'urn:rootcheck:mechanism',
  escalate: 'urn:rootcheck:escalate',
};

class AnswerError extends Error {
  constructor(code, message, path) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

function coding(system, code, display) {
  const value = { system, code: String(code) };
  if (typeof display === 'string' && display !== '') value.display = display;
  return value;
}

function answersFor(question, value, questionnaire) {
  const path = `/answers/${question.id}`;
  const displays = new Map(optionsOf(question, questionnaire).map((o) => [o.code, o.display]));
  const codeOf = (v, where) => {
    const isList = question.type === 'multi' || question.type === 'regions';
    if (typeof v !== 'string' || (isList && v === NONE_CODE) || !displays.has(v)) {
      throw new AnswerError('unknown_value', `'${v}' is not an answer of question '${question.id}'`, where);
    }
    return { valueCoding: coding(ANSWER_SYSTEM, v, displays.get(v)) };
  };
  switch (question.type) {
    case 'choice':
      return [codeOf(value, path)];
    case 'multi':
    case 'regions':
      if (!Array.isArray(value)) {
        throw new AnswerError('wrong_type', `question '${question.id}' takes a list of values`, path);
      }
      if (value.length === 0) return [{ valueCoding: coding(ANSWER_SYSTEM, NONE_CODE, displays.get(NONE_CODE)) }];
      return value.map((v, i) => codeOf(v, `${path}/${i}`));
    case 'integer':
      if (!Number.isInteger(value)) {
        throw new AnswerError('wrong_type', `question '${question.id}' takes a whole number`, path);
      }
      return [{ valueInteger: value }];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new AnswerError('wrong_type', `question '${question.id}' takes a number`, path);
      }
      return [{ valueDecimal: value }];
    default:
      throw new AnswerError('wrong_type', `question '${question.id}' has an unknown type '${question.type}'`, path);
  }
}

function prediction(system, code, display, rationale) {
  const entry = { outcome: { coding: [coding(system, code, display)] } };
  if (typeof display === 'string' && display !== '') entry.outcome.text = display;
  if (rationale) entry.rationale = rationale;
  return entry;
}

function riskAssessment(result, questionnaire, rules, authored, final) {
  const predictions = [];
  const triage = result.triage || {};
  const reasons = (triage.reasons || []).map((r) => r.text).filter(Boolean).join(' ');
  predictions.push(prediction(SYSTEMS.level, triage.level, triage.title, reasons || undefined));
  if (result.pain_type?.classification) {
    predictions.push(prediction(SYSTEMS.painType, result.pain_type.classification, result.pain_type.text));
  }
  const top = Array.isArray(result.roots) ? result.roots[0] : null;
  if (top) {
    const entry = prediction(SYSTEMS.root, top.root, top.label);
    entry.outcome.coding.push(coding(SYSTEMS.side, top.side));
    predictions.push(entry);
  }
  const mechanism = Array.isArray(result.mechanisms) ? result.mechanisms[0] : null;
  if (mechanism) predictions.push(prediction(SYSTEMS.mechanism, mechanism.id, mechanism.text));

  const assessment = {
    resourceType: 'RiskAssessment',
    id: RESULT_ID,
    extension: [{ url: SYSTEMS.escalate, valueBoolean: result.escalate === true }],
    status: final ? 'final' : 'preliminary',
    subject: { type: 'Patient' },
    occurrenceDateTime: authored,
    method: { coding: [{ system: SYSTEMS.rules, version: questionnaireVersion(rules), code: rules.name }] },
    basis: [{ reference: '#' }],
    prediction: predictions,
  };
  const advice = (result.advice || []).map((a) => a.text).filter(Boolean);
  if (advice.length) assessment.mitigation = advice.join('\n');
  const safetyNet = (result.safety_net || []).map((s) => s.text).filter(Boolean);
  if (safetyNet.length) assessment.note = safetyNet.map((text) => ({ text }));
  return assessment;
}

function authoredTime(authored) {
  if (authored === undefined || authored === null) return new Date().toISOString();
  if (authored instanceof Date) return authored.toISOString();
  return String(authored);
}

/** See the contract at the top of this file. */
export function toQuestionnaireResponse({ questionnaire, answers = {}, result = null, rules = null, authored,
  complete } = {}) {
  if (!questionnaire || !Array.isArray(questionnaire.questions) || !Array.isArray(questionnaire.sections)) {
    return { error: { code: 'invalid_questionnaire', message: 'questionnaire must be engine.questionnaire()',
      path: '/questionnaire' } };
  }
  if (result && result.error) {
    return { error: { code: 'invalid_result', message: `the result is an error: ${result.error.message}`,
      path: '/result' } };
  }
  const ruleSet = rules || (result && result.rules);
  if (!ruleSet || !ruleSet.name || !ruleSet.version || !ruleSet.sha256) {
    return { error: { code: 'missing_rules_info', message: 'rules (name, version, sha256) is required',
      path: '/rules' } };
  }
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    return { error: { code: 'not_an_object', message: 'answers must be an object', path: '/answers' } };
  }
  const questionsById = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!questionsById.has(key)) {
      return { error: { code: 'unknown_key', message: `'${key}' is not a question of this questionnaire`,
        path: `/answers/${key}` } };
    }
  }

  const groups = [];
  try {
    for (const section of questionnaire.sections) {
      const items = [];
      for (const id of section.questions) {
        const value = answers[id];
        if (value === undefined || value === null) continue;
        const question = questionsById.get(id);
        items.push({ linkId: id, text: question.text, answer: answersFor(question, value, questionnaire) });
      }
      if (items.length) groups.push({ linkId: section.id, text: section.title, item: items });
    }
  } catch (error) {
    if (error instanceof AnswerError) return { error: { code: error.code, message: error.message, path: error.path } };
    throw error;
  }

  const when = authoredTime(authored);
  const final = Boolean(result) && complete !== false;
  const response = { resourceType: 'QuestionnaireResponse' };
  if (result) response.contained = [riskAssessment(result, questionnaire, ruleSet, when, final)];
  Object.assign(response, {
    language: questionnaire.locale,
    questionnaire: questionnaireCanonical(ruleSet, questionnaire.locale, questionnaire.mode),
    status: final ? 'completed' : 'in-progress',
    authored: when,
  });
  if (groups.length) response.item = groups;
  return response;
}
