#!/usr/bin/env node
// rootcheck: the command line face of the RootCheck engine (the same WebAssembly the widget runs).
// This file only dispatches; each command lives in its own module in this folder, exporting `usage` and
// `usage`, `summary` and `main(args, {stdin, stdout, stderr})`, which resolves to the exit code.
import * as assess from './assess.mjs';
import * as logic from './logic.mjs';
import * as lint from './lint.mjs';
import * as vignettes from './vignettes.mjs';
import { CliError } from './cli-error.mjs';

const commands = { assess, logic, lint, vignettes };

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

process.exitCode = await run(process.argv.slice(2));
