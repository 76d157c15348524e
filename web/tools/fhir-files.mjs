// Writes the FHIR R4 Questionnaires of the built-in rule set to web/dist/fhir/, one file per locale and mode
// (questionnaire-<mode>-<locale>.json), for portals that load them from a static host. Run by web/tools/build.mjs
// after the engine is built, since the files come from that engine: `node web/tools/fhir-files.mjs`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../api.js';

export const fhirDir = fileURLToPath(new URL('../dist/fhir/', import.meta.url));
export const MODES = ['self', 'clinician'];
export const questionnaireFile = (mode, locale) => `questionnaire-${mode}-${locale}.json`;

export async function writeFhirFiles() {
    const engine = await createEngine();
    mkdirSync(fhirDir, { recursive: true });
    // A locale dropped from the rule set must not leave its old file behind.
    for (const name of readdirSync(fhirDir)) rmSync(join(fhirDir, name));
    const written = [];
    for (const locale of engine.info().locales) {
        for (const mode of MODES) {
            const resource = engine.fhirQuestionnaire(locale, mode);
            if (resource.error) throw new Error(`${locale}/${mode}: ${resource.error.message}`);
            writeFileSync(join(fhirDir, questionnaireFile(mode, locale)), `${JSON.stringify(resource, null, 2)}\n`);
            written.push(questionnaireFile(mode, locale));
        }
    }
    return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const written = await writeFhirFiles();
    console.log(`fhir: ${written.length} Questionnaires in web/dist/fhir/`);
}
