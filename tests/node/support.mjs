// Shared by the Node tests: repository paths, a fresh engine over the built WebAssembly, the CLI as a child process,
// a throw-away copy of the rules folder to break on purpose, and the JSON schemas of rules/schema/ compiled.
import { readFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { createEngine } from '../../web/api.js';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const rulesDir = join(repo, 'rules');
export const cliPath = join(repo, 'web/cli/rootcheck.mjs');
export const wasmPath = join(repo, 'web/dist/rootcheck-engine.wasm');

const wasmBinary = readFileSync(wasmPath);

export function newEngine(options = {}) {
    return createEngine({ wasmBinary, ...options });
}

// Runs `node web/cli/rootcheck.mjs ...args` to completion: {status, stdout, stderr}.
export function runCli(args, { input, cwd = repo } = {}) {
    const child = spawnSync(process.execPath, [cliPath, ...args], {
        cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    });
    if (child.error) throw child.error;
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

// A temporary folder for one test, removed by the returned cleanup.
export function tempDir(t) {
    const dir = mkdtempSync(join(tmpdir(), 'rootcheck-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

// A copy of the real rules folder in a temporary folder; returns its path.
export function copyOfRules(t) {
    const dir = join(tempDir(t), 'rules');
    cpSync(rulesDir, dir, { recursive: true });
    return dir;
}

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// A schema of rules/schema/ compiled to a validate function. Ajv 6 implements draft-07; the schemas are written to
// draft 2020-12 but use only keywords both drafts share, so they are handed over with `$defs` under draft-07's name
// `definitions`; strictKeywords makes any keyword Ajv 6 does not know (a 2020-12 one) an error instead of being
// silently ignored.
export function compileSchema(name) {
    const text = readFileSync(join(rulesDir, 'schema', name), 'utf8');
    const { $schema, $defs, ...schema } = JSON.parse(text.replaceAll('"#/$defs/', '"#/definitions/'));
    if ($schema !== 'https://json-schema.org/draft/2020-12/schema') throw new Error(`${name}: $schema is ${$schema}`);
    return new Ajv({ allErrors: true, strictKeywords: true }).compile({ ...schema, definitions: $defs });
}

// JSON equality: like deep strict equality, except that numbers compare with === (JSON cannot tell -0 from 0 once
// the engine's text has been through JSON.parse and JSON.stringify, and neither can the suites' expectations).
export function jsonEqual(a, b) {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}
