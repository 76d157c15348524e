// What the element needs only once the person has started, and imports from here alone, dynamically (element.js,
// loadLater): the body diagram, the results screen, the copied summary, sharing and the FHIR response. One module
// gives the bundle one place to cut: web/tools/bundle.mjs puts this module and what only it reaches into the second
// file, dist/root-check-later.js, which the first file fetches on this module's first import. Unbundled it is one
// more module to fetch, after the first question.
export { createBodyDiagram } from './body-diagram.js';
export { renderResults } from './results-view.js';
export { summaryText } from './summary-text.js';
export { copyText, downloadJson } from './share.js';
export { toQuestionnaireResponse } from '../fhir/response.js';
