// `rootcheck assess FILE|- [--rules DIR]`: one answers document in, its result document out.
// The document is read as bytes and handed to the engine untouched, so invalid UTF-8 is reported by the engine
// (invalid_utf8) like every other bad input. Result: printed, exit 0. Error document: printed, exit 2.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openEngineWithRules } from './open-engine.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck assess FILE|- [--rules DIR]';
export const summary = 'assess one answers document (- reads standard input)';

function readInput(file) {
    try {
        return readFileSync(file === '-' ? 0 : file);
    } catch (error) {
        throw new CliError(`cannot read ${file === '-' ? 'standard input' : file}: ${error.message}`);
    }
}

export async function main(args, { stdout }) {
    const { values, positionals } = parseArgs({ args, options: { rules: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new CliError(`usage: ${usage}`);
    const input = readInput(positionals[0]);
    const engine = await openEngineWithRules(values.rules);
    const result = engine.assess(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
    stdout.write(JSON.stringify(result) + '\n');
    return result.error ? 2 : 0;
}
