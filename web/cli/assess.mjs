// `rootcheck assess FILE|- [--fhir] [--rules DIR]`: one answers document in, its result document out.
// The document is read as bytes and handed to the engine untouched, so invalid UTF-8 is reported by the engine
// (invalid_utf8) like every other bad input. Result: printed, exit 0. Error document: printed, exit 2.
// With --fhir the input is a FHIR QuestionnaireResponse to one of the rule set's Questionnaires, read back into the
// answers document by engine.fromFHIR (its errors point into the response; text that is not JSON: malformed_json).
import { parseArgs } from 'node:util';
import { openEngineWithRules } from './open-engine.mjs';
import { readInput } from './read-input.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck assess FILE|- [--fhir] [--rules DIR]';
export const summary = 'assess one answers document, or a FHIR QuestionnaireResponse with --fhir (- reads standard ' +
    'input)';

// The answers document of a QuestionnaireResponse given as bytes, or an error document.
function fromFhirText(engine, input) {
    let resource;
    try {
        resource = JSON.parse(input.toString('utf8'));
    } catch (error) {
        return { error: { code: 'malformed_json', message: `the response is not JSON: ${error.message}`, path: '' } };
    }
    return engine.fromFHIR(resource);
}

export async function main(args, { stdin, stdout }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true,
        options: { rules: { type: 'string' }, fhir: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new CliError(`usage: ${usage}`);
    const input = await readInput(positionals[0], stdin);
    const engine = await openEngineWithRules(values.rules);
    const document = values.fhir ? fromFhirText(engine, input)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const result = document.error ? document : engine.assess(document);
    stdout.write(JSON.stringify(result) + '\n');
    return result.error ? 2 : 0;
}
