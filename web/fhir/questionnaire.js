// The rule set's questionnaire as a FHIR R4 Questionnaire (https://hl7.org/fhir/R4/questionnaire.html), so that a
// portal's own FHIR renderer can show, check and read it.
//
// CONTRACT
//   import { toFhirQuestionnaire } from './questionnaire.js';
//   toFhirQuestionnaire(questionnaire, rules)
//     questionnaire  engine.questionnaire(locale, mode)
//     rules          engine.info().rules: { name, version, sha256 }
//   -> a plain Questionnaire object. Nothing is left to chance in it: the same inputs give the same resource.
//
// Shape:
//   url/version/language/status "active"/publisher/title (identity.js). One group item per section (linkId = the
//   section id, text = its title), holding its questions in order; linkId = the question id, text = the question,
//   its help as a child display item with itemControl "help".
//   choice -> type "choice", answerOption valueCoding {system: ANSWER_SYSTEM, code: option value, display: label};
//   multi  -> the same with repeats: true and one more option, code "none" (display ui.none_of_these): the person's
//             "none of these", so that a denial reads differently from a question not asked;
//   regions -> repeats: true, one option per body-diagram region (display: the region's name), and "none";
//   integer / number -> type "integer" / "decimal", with the minValue and maxValue extensions.
//   A question's `visible` condition becomes enableWhen (+ enableBehavior) or an SDC enableWhenExpression
//   (enable-when.js); a condition neither can say is left out, and the question is then always shown.
//   What FHIR cannot carry: the immediate emergency alert after a red-flag answer (a renderer shows no result), the
//   screens, the body diagram's drawing.

import { optionsOf } from './answer-options.js';
import { enableWhenFor } from './enable-when.js';
import { ANSWER_SYSTEM, PUBLISHER, questionnaireUrl, questionnaireVersion } from './identity.js';

const EXTENSION = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  enableWhenExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
};
const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
// Short lists show all their options at once (radio buttons, check boxes), as the widget does; the body diagram's
// regions are a searchable list.
const MAX_OPTIONS_SHOWN = 12;

const itemControl = (code) => ({ url: EXTENSION.itemControl,
  valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code }] } });
const coding = (code, display) => ({ system: ANSWER_SYSTEM, code, display });

function rangeExtensions(question) {
  const valueKey = question.type === 'integer' ? 'valueInteger' : 'valueDecimal';
  const extensions = [];
  if (typeof question.min === 'number') extensions.push({ url: EXTENSION.minValue, [valueKey]: question.min });
  if (typeof question.max === 'number') extensions.push({ url: EXTENSION.maxValue, [valueKey]: question.max });
  return extensions;
}

function questionItem(question, questionnaire, questionsById) {
  const item = { linkId: question.id, text: question.text };
  const extensions = [];
  switch (question.type) {
    case 'choice':
    case 'multi':
    case 'regions':
      item.type = 'choice';
      if (question.type !== 'choice') item.repeats = true;
      item.answerOption = optionsOf(question, questionnaire).map((o) => ({ valueCoding: coding(o.code, o.display) }));
      if (item.answerOption.length <= MAX_OPTIONS_SHOWN) {
        extensions.push(itemControl(question.type === 'choice' ? 'radio-button' : 'check-box'));
      }
      break;
    case 'integer':
    case 'number':
      item.type = question.type === 'integer' ? 'integer' : 'decimal';
      extensions.push(...rangeExtensions(question));
      break;
    default:
      throw new Error(`question '${question.id}' has a type FHIR output does not know: '${question.type}'`);
  }
  const condition = enableWhenFor(question.visible, questionsById, ANSWER_SYSTEM);
  if (condition?.enableWhen) {
    item.enableWhen = condition.enableWhen;
    if (condition.enableBehavior) item.enableBehavior = condition.enableBehavior;
  } else if (condition?.expression) {
    extensions.push({ url: EXTENSION.enableWhenExpression,
      valueExpression: { language: 'text/fhirpath', expression: condition.expression } });
  }
  if (extensions.length) item.extension = extensions;
  if (typeof question.help === 'string' && question.help !== '') {
    item.item = [{ linkId: `${question.id}.help`, type: 'display', text: question.help,
      extension: [itemControl('help')] }];
  }
  return item;
}

/** See the contract at the top of this file. */
export function toFhirQuestionnaire(questionnaire, rules) {
  const questionsById = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const items = questionnaire.sections.map((section) => ({
    linkId: section.id,
    type: 'group',
    text: section.title,
    item: section.questions.map((id) => questionItem(questionsById.get(id), questionnaire, questionsById)),
  }));
  return {
    resourceType: 'Questionnaire',
    id: `rootcheck-${questionnaire.mode}-${questionnaire.locale}`,
    url: questionnaireUrl(rules, questionnaire.locale, questionnaire.mode),
    version: questionnaireVersion(rules),
    name: 'RootCheck',
    title: questionnaire.ui?.title ?? 'RootCheck',
    status: 'active',
    publisher: PUBLISHER,
    language: questionnaire.locale,
    subjectType: ['Patient'],
    item: items,
  };
}
