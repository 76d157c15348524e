// The answer codes of a coded question, shared by the Questionnaire (questionnaire.js), the response (response.js)
// and the reading back (import.js), so that all three agree on every code.
//
// CONTRACT
//   optionsOf(question, questionnaire) -> [{code, display}]   question and questionnaire: engine.questionnaire()
//     choice: its options; multi: its options and NONE_CODE; regions: every body-diagram region and NONE_CODE.
//   NONE_CODE: the person's "none of these" for a list question (the answer []), display ui.none_of_these.
// No list question of the rule set has an option "none" of its own (tests/node/fhir.test.mjs checks), which would
// make the code ambiguous.

export const NONE_CODE = 'none';

export function optionsOf(question, questionnaire) {
  const noneLabel = questionnaire.ui?.none_of_these ?? 'None of these';
  switch (question.type) {
    case 'choice':
      return question.options.map((o) => ({ code: o.value, display: o.label }));
    case 'multi':
      return [...question.options.map((o) => ({ code: o.value, display: o.label })),
        { code: NONE_CODE, display: noneLabel }];
    case 'regions':
      return [...questionnaire.regions.map((r) => ({ code: r.id, display: r.label })),
        { code: NONE_CODE, display: noneLabel }];
    default:
      return [];
  }
}
