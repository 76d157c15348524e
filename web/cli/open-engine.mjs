// Opens the WebAssembly engine for the CLI: the same web/api.js and web/dist/ files the browser uses. The .wasm
// bytes are read here once and handed to every engine (vignettes --knockout opens one per red-flag rule), and a
// missing build is reported as such rather than as a file error from inside api.js. Optionally loads a
// rule-set folder in place of the built-in set; a refused set becomes a CliError carrying the engine's problems.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../api.js';
import { readRulesDir, RulesDirError } from './read-rules-dir.mjs';
import { readFailure } from './read-input.mjs';
import { CliError } from './cli-error.mjs';

const wasmPath = fileURLToPath(new URL('../dist/rootcheck-engine.wasm', import.meta.url));
// The package's own rules/ folder, found from this file so the CLI works from any working directory.
export const defaultRulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));

let wasmBinary;

function wasmBytes() {
    if (wasmBinary === undefined) {
        if (!existsSync(wasmPath)) throw new CliError(`${wasmPath} is missing: run \`npm run build\` first`);
        try {
            wasmBinary = readFileSync(wasmPath);
        } catch (error) {
            throw new CliError(`cannot read ${wasmPath}: ${readFailure(error)}`);
        }
    }
    return wasmBinary;
}

// A fresh engine over the built-in rule set.
export async function openEngine() {
    return createEngine({ wasmBinary: wasmBytes() });
}

// Reads a rule-set folder, turning a folder the reader refuses into a CliError.
export function readRules(dir) {
    try {
        return readRulesDir(dir);
    } catch (error) {
        if (error instanceof RulesDirError) throw new CliError(error.message);
        throw error;
    }
}

// Lines `path: message` for every problem of a refused rule set.
export function problemLines(problems) {
    return problems.map((problem) => `${problem.path}: ${problem.message}`);
}

// Loads `files` ({path: text}) into `engine`; throws a CliError listing every problem when the engine refuses them.
export function loadRulesOrFail(engine, files, label) {
    const loaded = engine.loadRules(files);
    if (loaded && loaded.error) {
        const problems = loaded.error.problems ?? [];
        const detail = problems.length ? '\n' + problemLines(problems).join('\n') : ` (${loaded.error.message})`;
        throw new CliError(`rule set ${label} refused:${detail}`);
    }
    return loaded;
}

// A fresh engine; with `rulesDir`, loaded with that folder's rule set.
export async function openEngineWithRules(rulesDir) {
    const engine = await openEngine();
    if (rulesDir !== undefined) loadRulesOrFail(engine, readRules(rulesDir), rulesDir);
    return engine;
}
