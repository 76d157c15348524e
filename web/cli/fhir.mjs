// `rootcheck fhir questionnaire [--locale L] [--mode self|clinician] [--rules DIR]`: the rule set's FHIR R4
// Questionnaire. `rootcheck fhir response FILE|- [--rules DIR]`: the QuestionnaireResponse of an answers document,
// with its result. Both print the resource (exit 0) or the engine's error document (exit 2). README, "FHIR for
// portals", describes the resources.
import { parseArgs } from 'node:util';
import { openEngineWithRules } from './open-engine.mjs';
import { readInput } from './read-input.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck fhir questionnaire [--locale L] [--mode self|clinician] | response FILE|- ' +
    '[--rules DIR]';
export const summary = 'the FHIR R4 Questionnaire, or the QuestionnaireResponse of an answers document';

const subcommands = {
    async questionnaire({ values, positionals }) {
        if (positionals.length !== 0) throw new CliError(`usage: ${usage}`);
        const engine = await openEngineWithRules(values.rules);
        return engine.fhirQuestionnaire(values.locale ?? '', values.mode ?? 'self');
    },
    async response({ values, positionals }, stdin) {
        if (positionals.length !== 1 || values.locale !== undefined || values.mode !== undefined) {
            throw new CliError(`usage: ${usage} (the document names its own locale and mode)`);
        }
        const text = (await readInput(positionals[0], stdin)).toString('utf8');
        const engine = await openEngineWithRules(values.rules);
        // The engine reads the text first, so that bad JSON gets the same error document as `rootcheck assess`.
        const checked = engine.assess(text);
        if (checked.error) return checked;
        return engine.fhirResponse(JSON.parse(text));
    },
};

export async function main(args, { stdin, stdout }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
        locale: { type: 'string' }, mode: { type: 'string' }, rules: { type: 'string' } } });
    const [name, ...rest] = positionals;
    const subcommand = subcommands[name];
    if (!subcommand) throw new CliError(`usage: ${usage}`);
    const resource = await subcommand({ values, positionals: rest }, stdin);
    stdout.write(JSON.stringify(resource) + '\n');
    return resource.error ? 2 : 0;
}
