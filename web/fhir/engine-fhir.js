// The FHIR calls of the JS API (web/api.js), built from the engine's own calls; also used by the CLI.
//
// CONTRACT
//   withFhir(engine) -> a frozen copy of an engine object of createEngine() with three more calls:
//     fhirQuestionnaire(locale = '', mode = 'self') -> the FHIR R4 Questionnaire (questionnaire.js), or the error of
//                                                    engine.questionnaire() (unknown_locale, unknown_mode, and
//                                                    locale_not_loaded until engine.loadLocale(locale) in a browser)
//     fhirResponse(answersDocument, { authored } = {}) -> the QuestionnaireResponse of the document's answers that the
//                                                    engine counts (the visible ones), with its result (response.js);
//                                                    or the engine's error for a bad document
//     fromFHIR(questionnaireResponse)              -> the answers document {answers, locale, mode} (import.js), or an
//                                                    error whose path points into the response (locale_not_loaded
//                                                    at /questionnaire for a locale not loaded yet)
//   None of them throws: an error is returned as {error: {code, message, path}}.

import { fromQuestionnaireResponse } from './import.js';
import { toFhirQuestionnaire } from './questionnaire.js';
import { toQuestionnaireResponse } from './response.js';

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export function withFhir(engine) {
  const rules = () => engine.info().rules;

  function fhirQuestionnaire(locale = '', mode = 'self') {
    const questionnaire = engine.questionnaire(locale, mode);
    if (questionnaire.error) return questionnaire;
    return toFhirQuestionnaire(questionnaire, rules());
  }

  function fhirResponse(document, { authored } = {}) {
    if (!isObject(document)) {
      return { error: { code: 'not_an_object', message: 'the answers document must be an object', path: '' } };
    }
    const result = engine.assess(document);
    if (result.error) return result;
    const navigation = engine.next(document);
    if (navigation.error) return navigation;
    // Only the answers the engine counts: an answer to a question that is not asked (hidden by an earlier answer)
    // changes nothing and would not fit a FHIR renderer's form either.
    const visible = new Set(navigation.visible);
    const answers = Object.fromEntries(Object.entries(document.answers ?? {})
      .filter(([id, value]) => visible.has(id) && value !== null));
    const questionnaire = engine.questionnaire(result.locale, result.mode);
    return toQuestionnaireResponse({ questionnaire, answers, result, rules: result.rules, authored });
  }

  function fromFHIR(resource) {
    const info = engine.info();
    if (info.error) return info;
    return fromQuestionnaireResponse(resource, { rules: info.rules, locales: info.locales,
      questionnaireFor: (locale, mode) => engine.questionnaire(locale, mode) });
  }

  return Object.freeze({ ...engine, fhirQuestionnaire, fhirResponse, fromFHIR });
}
