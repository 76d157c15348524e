// The community JsonLogic conformance suites (all 1,138 cases, read-only from ../shared/jsonlogic-suites or
// $ROOTCHECK_JSONLOGIC_SUITES), run through `rootcheck logic` in one process as JSON Lines: the WebAssembly build and
// the CLI's streaming are checked together. A case passes when its result deep-equals the expected one, or, for a
// case that must fail, when the error type matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonEqual, repo, runCli } from './support.mjs';

const suitesDir = process.env.ROOTCHECK_JSONLOGIC_SUITES ?? resolve(repo, '../shared/jsonlogic-suites');
const expectedCases = 1138;

function loadCases() {
    const index = JSON.parse(readFileSync(join(suitesDir, 'index.json'), 'utf8'));
    return index.flatMap((file) => JSON.parse(readFileSync(join(suitesDir, file), 'utf8'))
        .filter((entry) => typeof entry === 'object')
        .map((entry) => ({ file, ...entry })));
}

function passes(testCase, output) {
    if ('error' in testCase) return output.error !== undefined && jsonEqual(output.error.type, testCase.error.type);
    return 'result' in output && jsonEqual(output.result, testCase.result);
}

test('JsonLogic conformance suites through `rootcheck logic`', () => {
    const cases = loadCases();
    assert.equal(cases.length, expectedCases, `suite count in ${suitesDir}`);
    const input = cases.map(({ rule, data }) => JSON.stringify({ rule, data: data ?? null })).join('\n') + '\n';
    const run = runCli(['logic'], { input });
    assert.equal(run.status, 0, run.stderr);
    const outputs = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(outputs.length, cases.length, 'one output line per case');

    const failures = cases.filter((testCase, i) => !passes(testCase, outputs[i]))
        .map((testCase) => `${testCase.file}: ${testCase.description}: expected ` +
            `${JSON.stringify('error' in testCase ? { error: testCase.error } : { result: testCase.result })}, got ` +
            JSON.stringify(outputs[cases.indexOf(testCase)]));
    const passed = cases.length - failures.length;
    console.log(`JsonLogic conformance (WebAssembly via rootcheck logic): ${passed} of ${cases.length} cases passed`);
    for (const failure of failures) console.log(`  FAIL ${failure}`);
    assert.equal(passed, cases.length, `${failures.length} conformance cases failed`);
});
