// RootCheck's JavaScript API (types: api.d.ts beside this file): the engine's calls of engine-core.js, whose
// header holds their contract, and the FHIR calls of fhir/engine-fhir.js (fhirQuestionnaire, fhirResponse,
// fromFHIR). Works in browsers and in Node 20.
//
//   import { createEngine } from './api.js';
//   const engine = await createEngine();          // options: engine-core.js
//   engine.assess({ answers: { leg_pain: 'yes' } });
import { createEngine as createCoreEngine, RulesError } from './engine-core.js';
import { withFhir } from './fhir/engine-fhir.js';

export { RulesError };

/** Creates one engine with every call of the API; see engine-core.js for the options. */
export async function createEngine(options) {
    return withFhir(await createCoreEngine(options));
}
