// The answers and result as a FHIR R4 QuestionnaireResponse (https://hl7.org/fhir/R4/questionnaireresponse.html),
// for handing over to a clinical record. Built on the device; nothing is sent anywhere.
//
// CONTRACT
//   import { toQuestionnaireResponse } from './widget/fhir.js';
//   toQuestionnaireResponse({ questionnaire, answers, result, info, authored, complete })
//     questionnaire  engine.questionnaire(locale, mode): questions (in order), options, regions, roots, ui texts
//     answers        the answers the engine counts ({key: value}); keys must be question ids
//     result         engine.assess(...) result, or null/undefined while the person is still answering
//     info           engine.info(): { rules: { name, version, sha256 }, ... } (falls back to result.rules)
//     authored       Date or FHIR dateTime string (default: now)
//     complete       optional boolean; false marks the response in progress even with a result
//   -> a plain QuestionnaireResponse object, or { error: { code, message, path } } (path: JSON Pointer into the
//      arguments) when an answer does not fit its question.
//
// Shape:
//   resourceType "QuestionnaireResponse"; status "completed" (a result and not complete === false) or "in-progress";
//   language = questionnaire.locale; questionnaire = "urn:rootcheck:questionnaire:<rules name>|<rules version>";
//   meta.tag = [{ system: "urn:rootcheck:rules-sha256", code: <sha256>, display: "<name> <version>" }];
//   item[]: one per answered question, in questionnaire order, linkId = question id, text = question text:
//     choice / multi / regions -> valueCoding { system: "urn:rootcheck:answer", code, display: option/region label }
//     integer -> valueInteger; number -> valueDecimal. Unanswered questions and empty lists are left out.
//   With a result, a last group item linkId "rootcheck-result" (text ui.results_title) holds:
//     rootcheck-result.triage-level    valueCoding urn:rootcheck:triage-level (display: level title)
//     rootcheck-result.escalate        valueBoolean
//     rootcheck-result.triage-reasons  valueCoding urn:rootcheck:triage-rule per reason (display: reason text)
//     rootcheck-result.pain-type       valueCoding urn:rootcheck:pain-type (display: classification text)
//     rootcheck-result.root            valueCoding urn:rootcheck:root (display: root label), if a root is reported
//     rootcheck-result.root-side       valueCoding urn:rootcheck:side, if a root is reported
//     rootcheck-result.root-summary    valueString, the localized "<root> <side>" label, if a root is reported
//     rootcheck-result.mechanism       valueCoding urn:rootcheck:mechanism (display: its text), if one is reported

export const ANSWER_SYSTEM = 'urn:rootcheck:answer';
export const RULES_TAG_SYSTEM = 'urn:rootcheck:rules-sha256';
export const RESULT_LINK_ID = 'rootcheck-result';

const SYSTEMS = {
  level: 'urn:rootcheck:triage-level',
  rule: 'urn:rootcheck:triage-rule',
  painType: 'urn:rootcheck:pain-type',
  root: 'urn:rootcheck:root',
  side: 'urn:rootcheck:side',
  mechanism: 'urn:rootcheck:mechanism',
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

function answersFor(question, value, regionLabels) {
  const path = `/answers/${question.id}`;
  const optionLabel = (v, where) => {
    const option = (question.options || []).find((o) => o.value === v);
    if (!option) {
      throw new AnswerError('invalid_answer', `'${v}' is not an option of question '${question.id}'`, where);
    }
    return option.label;
  };
  const list = (where) => {
    if (!Array.isArray(value)) {
      throw new AnswerError('invalid_answer', `question '${question.id}' takes a list of values`, where);
    }
    return value;
  };
  switch (question.type) {
    case 'choice':
      return [{ valueCoding: coding(ANSWER_SYSTEM, value, optionLabel(value, path)) }];
    case 'multi':
      return list(path).map((v, i) => ({ valueCoding: coding(ANSWER_SYSTEM, v, optionLabel(v, `${path}/${i}`)) }));
    case 'regions':
      return list(path).map((id, i) => {
        if (!regionLabels.has(id)) {
          throw new AnswerError('invalid_answer', `'${id}' is not a region of question '${question.id}'`,
            `${path}/${i}`);
        }
        return { valueCoding: coding(ANSWER_SYSTEM, id, regionLabels.get(id)) };
      });
    case 'integer':
      if (!Number.isInteger(value)) {
        throw new AnswerError('invalid_answer', `question '${question.id}' takes a whole number`, path);
      }
      return [{ valueInteger: value }];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new AnswerError('invalid_answer', `question '${question.id}' takes a number`, path);
      }
      return [{ valueDecimal: value }];
    default:
      throw new AnswerError('unknown_type', `question '${question.id}' has unknown type '${question.type}'`,
        `/questionnaire/questions/${question.id}`);
  }
}

function resultItem(result, questionnaire) {
  const ui = questionnaire.ui || {};
  const withText = (item, key) => (typeof ui[key] === 'string' ? { ...item, text: ui[key] } : item);
  const items = [];
  const triage = result.triage || {};
  items.push(withText({ linkId: `${RESULT_LINK_ID}.triage-level`,
    answer: [{ valueCoding: coding(SYSTEMS.level, triage.level, triage.title) }] }, 'results_level'));
  items.push({ linkId: `${RESULT_LINK_ID}.escalate`, answer: [{ valueBoolean: result.escalate === true }] });
  if (Array.isArray(triage.reasons) && triage.reasons.length) {
    items.push(withText({ linkId: `${RESULT_LINK_ID}.triage-reasons`,
      answer: triage.reasons.map((r) => ({ valueCoding: coding(SYSTEMS.rule, r.id, r.text) })) },
    'results_reasons'));
  }
  if (result.pain_type && result.pain_type.classification) {
    items.push(withText({ linkId: `${RESULT_LINK_ID}.pain-type`,
      answer: [{ valueCoding: coding(SYSTEMS.painType, result.pain_type.classification, result.pain_type.text) }] },
    'results_pain_type'));
  }
  const top = Array.isArray(result.roots) ? result.roots[0] : null;
  if (top) {
    const rootLabel = (questionnaire.roots || []).find((r) => r.id === top.root);
    items.push(withText({ linkId: `${RESULT_LINK_ID}.root`,
      answer: [{ valueCoding: coding(SYSTEMS.root, top.root, rootLabel && rootLabel.label) }] }, 'results_root'));
    items.push({ linkId: `${RESULT_LINK_ID}.root-side`, answer: [{ valueCoding: coding(SYSTEMS.side, top.side) }] });
    if (typeof top.label === 'string' && top.label !== '') {
      items.push({ linkId: `${RESULT_LINK_ID}.root-summary`, answer: [{ valueString: top.label }] });
    }
  }
  const mechanism = Array.isArray(result.mechanisms) ? result.mechanisms[0] : null;
  if (mechanism) {
    items.push(withText({ linkId: `${RESULT_LINK_ID}.mechanism`,
      answer: [{ valueCoding: coding(SYSTEMS.mechanism, mechanism.id, mechanism.text) }] }, 'results_mechanism'));
  }
  return withText({ linkId: RESULT_LINK_ID, item: items }, 'results_title');
}

function authoredTime(authored) {
  if (authored === undefined || authored === null) return new Date().toISOString();
  if (authored instanceof Date) return authored.toISOString();
  return String(authored);
}

/** See the contract at the top of this file. */
export function toQuestionnaireResponse({ questionnaire, answers = {}, result = null, info = null, authored,
  complete } = {}) {
  if (!questionnaire || !Array.isArray(questionnaire.questions)) {
    return { error: { code: 'invalid_questionnaire', message: 'questionnaire must be engine.questionnaire()',
      path: '/questionnaire' } };
  }
  if (result && result.error) {
    return { error: { code: 'invalid_result', message: `the result is an error: ${result.error.message}`,
      path: '/result' } };
  }
  const rules = (info && info.rules) || (result && result.rules);
  if (!rules || !rules.name || !rules.version || !rules.sha256) {
    return { error: { code: 'missing_rules_info', message: 'info.rules (name, version, sha256) is required',
      path: '/info/rules' } };
  }
  const questionsById = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!questionsById.has(key)) {
      return { error: { code: 'unknown_question', message: `'${key}' is not a question of this questionnaire`,
        path: `/answers/${key}` } };
    }
  }
  const regionLabels = new Map((questionnaire.regions || []).map((r) => [r.id, r.label]));

  const items = [];
  try {
    for (const question of questionnaire.questions) {
      const value = answers[question.id];
      if (value === undefined || value === null) continue;
      const answer = answersFor(question, value, regionLabels);
      if (answer.length === 0) continue;
      const item = { linkId: question.id, answer };
      if (typeof question.text === 'string' && question.text !== '') item.text = question.text;
      items.push(item);
    }
  } catch (error) {
    if (error instanceof AnswerError) return { error: { code: error.code, message: error.message, path: error.path } };
    throw error;
  }
  if (result) items.push(resultItem(result, questionnaire));

  const response = {
    resourceType: 'QuestionnaireResponse',
    meta: { tag: [coding(RULES_TAG_SYSTEM, rules.sha256, `${rules.name} ${rules.version}`)] },
    questionnaire: `urn:rootcheck:questionnaire:${rules.name}|${rules.version}`,
    status: result && complete !== false ? 'completed' : 'in-progress',
    authored: authoredTime(authored),
  };
  if (typeof questionnaire.locale === 'string' && questionnaire.locale !== '') response.language = questionnaire.locale;
  if (items.length) response.item = items;
  return response;
}
