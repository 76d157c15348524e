// `npm test`: builds, then runs every test runner of the project in turn and closes with one total line.
//
// Runners: the GoogleTest binary natively (native-debug), under AddressSanitizer + UBSan (native-asan), as
// WebAssembly under Node (wasm-release) and as WebAssembly under UBSan (wasm-sanitize), all through CTest; the Node tests (tests/node/) and the browser tests
// (tests/browser/) through `node --test`; the fuzz targets (tests/fuzz/) through `npm run fuzz -- --test`, which
// builds the fuzz preset and runs each target a fixed number of times over its seeds, one test per target. Each
// runner's output is shown as it runs; its own summary is read for the counts. A runner that exits non-zero without
// reporting a failure, or reports no test at all, counts as one failure, so a broken runner can never look green.
// Exit status 0 only when nothing failed.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, repo } from './build.mjs';
import { runAndKeep } from './run-and-keep.mjs';

const gtestPresets = ['native-debug', 'native-asan', 'wasm-release', 'wasm-sanitize'];
// Time limits, so that a hang fails the run with a name instead of holding CI until CI's own limit ends it with no
// result. In Node 20, --test-timeout limits each test file as a whole (each file runs in a process of its own): the
// log names the file, and the test that hung is the one after the file's last reported result. The slowest files
// take 75-130 s on a 2-core machine (tests/browser/accessibility.test.mjs). CTest's limit is per GoogleTest
// binary; the slowest, native-asan, takes about 16 s.
const nodeTestFileTimeoutMs = 600_000;
const ctestTimeoutSeconds = 600;
// What node --test (a file over its limit) and CTest (a binary over its limit) print when they stop one.
const TIMED_OUT = /test timed out after \d+ms|\*\*\*Timeout/;
const clock = () => new Date().toISOString().slice(11, 19);

// GoogleTest's closing lines. In --gtest_brief mode it prints how many ran, passed and were skipped (failures only
// inline), so the failed count is the difference.
function gtestCounts(output) {
    const count = (pattern) => [...output.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
    const ran = count(/\[=+\] (\d+) tests? from \d+ test suites? ran\./g);
    const passed = count(/\[\s+PASSED\s+\] (\d+) tests?\./g);
    const skipped = count(/\[\s+SKIPPED\s+\] (\d+) tests?[.,]/g);
    return { passed, failed: ran - passed - skipped, skipped };
}

// node --test's closing lines (spec reporter).
function nodeTestCounts(output) {
    const count = (name) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
    return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') };
}

// web/tools/fuzz.mjs's summary: a line "fuzz <target>: ok|FAILED ..." per target.
function fuzzCounts(output) {
    const count = (verdict) => output.match(new RegExp(`^fuzz \\S+: ${verdict} `, 'gm'))?.length ?? 0;
    return { passed: count('ok'), failed: count('FAILED'), skipped: 0 };
}

const hasTestFiles = (folder) => existsSync(folder) &&
    readdirSync(folder, { recursive: true }).some((name) => /\.test\.m?js$/.test(name));

async function runRunner({ name, command, args, env, counts }) {
    console.log(`\n=== ${name} === started ${clock()} UTC`);
    const started = performance.now();
    const { status, output } = await runAndKeep(command, args, env);
    const result = { name, ...counts(output), seconds: (performance.now() - started) / 1000, note: '' };
    if (TIMED_OUT.test(output)) {
        result.failed = Math.max(result.failed, 1);
        result.note = 'stopped at its time limit (search the output for "timed out" or "Timeout")';
    } else if (status !== 0 && result.failed === 0) {
        result.failed = 1;
        result.note = `exited with ${status} without reporting a failed test`;
    } else if (result.passed + result.failed === 0) {
        result.failed = 1;
        result.note = 'ran no test';
    }
    return result;
}

const runners = [
    ...gtestPresets.map((preset) => ({
        name: `GoogleTest ${preset}`,
        command: 'ctest',
        args: ['--preset', preset, '--verbose', '--timeout', String(ctestTimeoutSeconds)],
        counts: gtestCounts,
    })),
    {
        name: 'Node tests (tests/node)',
        folder: join(repo, 'tests/node'),
        command: process.execPath,
        args: ['--test', `--test-timeout=${nodeTestFileTimeoutMs}`, '--test-reporter=spec', 'tests/node/'],
        counts: nodeTestCounts,
    },
    {
        name: 'fuzz targets (tests/fuzz)',
        command: process.execPath,
        args: ['web/tools/fuzz.mjs', '--test'],
        counts: fuzzCounts,
    },
    {
        name: 'browser tests (tests/browser)',
        folder: join(repo, 'tests/browser'),
        command: process.execPath,
        args: ['--test', `--test-timeout=${nodeTestFileTimeoutMs}`, '--test-reporter=spec', 'tests/browser/'],
        counts: nodeTestCounts,
    },
];

console.log(`=== build === started ${clock()} UTC`);
try {
    build(['wasm-release', 'native-debug', 'native-asan', 'wasm-sanitize']);
} catch (error) {
    console.error(`\nbuild failed: ${error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
}

const results = [];
for (const runner of runners) {
    if (runner.folder && !hasTestFiles(runner.folder)) {
        console.log(`\n=== ${runner.name} === no test files yet, skipped`);
        continue;
    }
    results.push(await runRunner(runner));
}

console.log('\n=== summary ===');
for (const { name, passed, failed, skipped, seconds, note } of results) {
    const extra = [skipped ? `${skipped} skipped` : '', note].filter(Boolean).join(', ');
    console.log(`${name.padEnd(32)} ${String(passed).padStart(5)} passed ${String(failed).padStart(4)} failed` +
        `  ${seconds.toFixed(1).padStart(6)} s${extra ? `  (${extra})` : ''}`);
}
const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
const skipped = total('skipped');
console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = total('failed') === 0 ? 0 : 1;
