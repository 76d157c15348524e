#!/usr/bin/env node
// rootcheck: the command line face of the RootCheck engine (the same WebAssembly the widget runs).
// This file only dispatches; each command lives in its own module in this folder, exporting `usage`, `summary` and
// `main(args, {stdin, stdout, stderr})`, which resolves to the exit code. A command reads its input through
// read-input.mjs (a FILE or - for standard input, or standard input line by line) and reports what stops it with a
// CliError (cli-error.mjs).
import * as assess from './assess.mjs';
import * as fhir from './fhir.mjs';
import * as logic from './logic.mjs';
import * as lint from './lint.mjs';
import * as vignettes from './vignettes.mjs';
import { CliError } from './cli-error.mjs';

const commands = { assess, fhir, logic, lint, vignettes };

const help = 'usage:\n' +
    Object.values(commands).map((command) => `  ${command.usage}\n      ${command.summary}\n`).join('') +
    'exit codes: 0 ok, 1 a check found problems, 2 the command could not run (or assess returned an error)\n';

async function run([name, ...args]) {
    if (name === undefined) {
        process.stderr.write(help);
        return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(help);
        return 0;
    }
    const command = commands[name];
    if (!command) {
        process.stderr.write(`rootcheck: unknown command "${name}"\n${help}`);
        return 2;
    }
    try {
        return await command.main(args, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    } catch (error) {
        // parseArgs reports unknown or malformed options with these codes: a usage error like any other.
        if (error instanceof CliError || error.code?.startsWith('ERR_PARSE_ARGS')) {
            process.stderr.write(`rootcheck ${name}: ${error.message}\n`);
            return error.exitCode ?? 2;
        }
        throw error;
    }
}

// A reader that stops early (`rootcheck fhir questionnaire | head`) closes the pipe: that ends the output, not in error.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2));
