// Answers back in: a FHIR R4 QuestionnaireResponse to RootCheck's Questionnaire (questionnaire.js), from the widget or
// from any other renderer, read back as an answers document the engine assesses.
//
// CONTRACT
//   import { fromQuestionnaireResponse } from './import.js';
//   fromQuestionnaireResponse(resource, { rules, locales, questionnaireFor })
//     resource          the QuestionnaireResponse (a plain object)
//     rules             engine.info().rules { name, version, sha256 }; the response must name this rule set
//     locales           engine.info().locales
//     questionnaireFor  (locale, mode) => engine.questionnaire(locale, mode)
//   -> { answers: {question id: value}, locale, mode }, the answers document engine.assess() takes,
//    | { error: { code, message, path } }, path a JSON Pointer into the resource.
//
// What is read: `questionnaire` ("<url>|<version>", identity.js) gives the locale and mode; every item with an answer,
// at any depth (in the Questionnaire's groups, in groups of the renderer's own with linkIds of its own, under another
// answer, or flat) and in any order, is a question by its linkId. Codes are read by `code` (and `system` when
// present); `display`, `text`, `language`, the contained result and empty groups are ignored, so a renderer's own
// wording and layout change nothing. The code "none" is "none of these" ([]). Items without an answer count as not
// answered.
// Errors: not_an_object, wrong_type (resourceType, a value of the wrong kind), unknown_questionnaire (another
// Questionnaire, another rule set or version: path /questionnaire), unknown_key (a linkId that is no question),
// duplicate_value (a question answered twice, or a code twice), unknown_value (a code outside the answer options, or
// "none" beside other codes), out_of_range (a number outside the question's limits), and too_many_values (more than
// one answer to a question that takes one).

import { ANSWER_SYSTEM, parseCanonical, questionnaireVersion } from './identity.js';
import { NONE_CODE, optionsOf } from './answer-options.js';

class ReadError extends Error {
  constructor(code, message, path) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function expectArray(value, path, what) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ReadError('wrong_type', `${what} must be a list`, path);
  return value;
}

// One answer's value for a question, or a ReadError.
function readAnswer(question, answer, path, codes) {
  if (!isObject(answer)) throw new ReadError('wrong_type', 'an answer must be an object', path);
  const valueKeys = Object.keys(answer).filter((key) => key.startsWith('value'));
  const expected = { integer: 'valueInteger', number: 'valueDecimal' }[question.type] ?? 'valueCoding';
  if (valueKeys.length !== 1 || valueKeys[0] !== expected) {
    throw new ReadError('wrong_type', `question '${question.id}' takes ${expected}, not ` +
      `${valueKeys.join(' and ') || 'no value'}`, valueKeys.length === 1 ? `${path}/${valueKeys[0]}` : path);
  }
  const value = answer[expected];
  const where = `${path}/${expected}`;
  if (expected === 'valueCoding') {
    if (!isObject(value) || typeof value.code !== 'string') {
      throw new ReadError('wrong_type', 'valueCoding needs a code', where);
    }
    if (value.system !== undefined && value.system !== ANSWER_SYSTEM) {
      throw new ReadError('unknown_value', `code system '${value.system}' is not RootCheck's answers ` +
        `(${ANSWER_SYSTEM})`, `${where}/system`);
    }
    if (!codes.has(value.code)) {
      throw new ReadError('unknown_value', `'${value.code}' is not an answer of question '${question.id}'`,
        `${where}/code`);
    }
    return value.code;
  }
  const whole = expected === 'valueInteger';
  if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    throw new ReadError('wrong_type', `${expected} of question '${question.id}' must be a ` +
      `${expected === 'valueInteger' ? 'whole number' : 'number'}`, where);
  }
  if ((typeof question.min === 'number' && value < question.min) ||
      (typeof question.max === 'number' && value > question.max)) {
    throw new ReadError('out_of_range', `${value} is outside ${question.min} to ${question.max} for question ` +
      `'${question.id}'`, where);
  }
  return value;
}

function readQuestion(question, item, path, codesOf) {
  const answers = expectArray(item.answer, `${path}/answer`, 'answer');
  const codes = codesOf(question);
  const values = answers.map((answer, i) => readAnswer(question, answer, `${path}/answer/${i}`, codes));
  if (question.type === 'multi' || question.type === 'regions') {
    const seen = new Set();
    values.forEach((value, i) => {
      if (seen.has(value)) {
        throw new ReadError('duplicate_value', `'${value}' is given twice`, `${path}/answer/${i}/valueCoding/code`);
      }
      seen.add(value);
    });
    if (seen.has(NONE_CODE)) {
      if (values.length > 1) {
        throw new ReadError('unknown_value', `'${NONE_CODE}' ("none of these") cannot go with other answers`,
          `${path}/answer`);
      }
      return [];
    }
    return values;
  }
  if (values.length > 1) {
    throw new ReadError('too_many_values', `question '${question.id}' takes one answer`, `${path}/answer/1`);
  }
  return values[0];
}

/** See the contract at the top of this file. */
export function fromQuestionnaireResponse(resource, { rules, locales, questionnaireFor }) {
  try {
    if (!isObject(resource)) throw new ReadError('not_an_object', 'a QuestionnaireResponse must be an object', '');
    if (resource.resourceType !== 'QuestionnaireResponse') {
      throw new ReadError('wrong_type', `resourceType is '${resource.resourceType}', not 'QuestionnaireResponse'`,
        '/resourceType');
    }
    const named = parseCanonical(resource.questionnaire);
    const expectedVersion = questionnaireVersion(rules);
    if (!named || named.name !== rules.name || named.version !== expectedVersion ||
        !locales.includes(named.locale) || !['self', 'clinician'].includes(named.mode)) {
      throw new ReadError('unknown_questionnaire', `the response answers '${resource.questionnaire}', not a ` +
        `Questionnaire of rule set ${rules.name} version ${expectedVersion} (locale ${locales.join(', ')}, mode ` +
        'self or clinician)', '/questionnaire');
    }
    const questionnaire = questionnaireFor(named.locale, named.mode);
    if (questionnaire.error) {
      throw new ReadError(questionnaire.error.code, questionnaire.error.message, '/questionnaire');
    }
    const questionsById = new Map(questionnaire.questions.map((q) => [q.id, q]));
    // Groups and help texts of the Questionnaire: a renderer may send them back, with no answer.
    const otherIds = new Set([...questionnaire.sections.map((s) => s.id),
      ...questionnaire.questions.map((q) => `${q.id}.help`)]);
    const codeSets = new Map();
    const codesOf = (question) => {
      if (!codeSets.has(question.id)) {
        codeSets.set(question.id, new Set(optionsOf(question, questionnaire).map((o) => o.code)));
      }
      return codeSets.get(question.id);
    };

    const answers = {};
    const visit = (items, path) => {
      expectArray(items, path, 'item').forEach((item, i) => {
        const where = `${path}/${i}`;
        if (!isObject(item)) throw new ReadError('wrong_type', 'an item must be an object', where);
        const question = questionsById.get(item.linkId);
        if (question) {
          if (Object.hasOwn(answers, question.id)) {
            throw new ReadError('duplicate_value', `question '${question.id}' is answered twice`, `${where}/linkId`);
          }
          const answerList = expectArray(item.answer, `${where}/answer`, 'answer');
          if (answerList.length) answers[question.id] = readQuestion(question, item, where, codesOf);
          answerList.forEach((answer, a) => {
            if (isObject(answer) && answer.item !== undefined) visit(answer.item, `${where}/answer/${a}/item`);
          });
        } else if (!otherIds.has(item.linkId) && (item.answer !== undefined || item.item === undefined)) {
          // An unknown linkId is taken only as a renderer's own group: no answer, items inside.
          throw new ReadError('unknown_key', `'${item.linkId}' is not a question of this Questionnaire`,
            `${where}/linkId`);
        } else if (item.answer !== undefined) {
          throw new ReadError('wrong_type', `'${item.linkId}' is a group or text and takes no answer`,
            `${where}/answer`);
        }
        if (item.item !== undefined) visit(item.item, `${where}/item`);
      });
    };
    visit(resource.item, '/item');
    return { answers, locale: named.locale, mode: named.mode };
  } catch (error) {
    if (error instanceof ReadError) return { error: { code: error.code, message: error.message, path: error.path } };
    throw error;
  }
}
