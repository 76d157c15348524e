// `npm run fuzz`: builds the fuzz preset (clang, libFuzzer, AddressSanitizer + UBSan; tests/fuzz/), writes the seed
// corpora (tests/fuzz/seeds.mjs) and runs each fuzz target in turn with its dictionary (tests/fuzz/<target>.dict),
// then prints one line per target: runs, coverage (libFuzzer's cov: edges and ft: features), corpus size, time and
// what it found (crashes, timeouts, out-of-memory and leaks, each saved under build/fuzz/artifacts/<target>/).
//
//   npm run fuzz                          every target for 60 s, growing build/fuzz/corpus/<target>/ run after run
//   npm run fuzz -- --seconds 300         300 s per target
//   npm run fuzz -- --target logic        only the targets named (the option repeats)
//   npm run fuzz -- --keep-going          on past a crash or timeout (libFuzzer's fork mode), counting them all;
//                                         its cov figure is counted otherwise than a plain run's
//   npm run fuzz -- --test                what `npm test` runs: each target a fixed number of runs with a fixed random
//                                         seed over the seeds and tests/fuzz/regressions/<target>/, keeping nothing
//
// A target fails when it found anything; the last line is "<n> passed, <m> failed" and the exit status 1 on a failure.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build, buildDir, repo } from './build.mjs';
import { runAndKeep } from './run-and-keep.mjs';
import { fuzzTargets, regressionDir, writeSeeds } from '../../tests/fuzz/seeds.mjs';

// --test: runs per target (seeds included, which libFuzzer runs first), so that a crash any seed reaches fails
// `npm test`; each takes 5-10 s on the 2-core development machine (rules: a load of the whole set per run).
const testRuns = { json_input: 16000, logic: 40000, assess: 10000, rules: 60 };
// A unit slower than this is reported as a timeout (a normal one takes well under a second, even loading rules).
const unitTimeoutSeconds = 10;

const fuzzDir = buildDir('fuzz');

function parseOptions() {
    const { values } = parseArgs({
        options: {
            seconds: { type: 'string', default: '60' },
            target: { type: 'string', multiple: true },
            'keep-going': { type: 'boolean', default: false },
            test: { type: 'boolean', default: false },
        },
    });
    const seconds = Number(values.seconds);
    if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`--seconds ${values.seconds}: a whole number > 0`);
    const targets = values.target ?? fuzzTargets;
    const unknown = targets.filter((target) => !fuzzTargets.includes(target));
    if (unknown.length > 0) throw new Error(`unknown target ${unknown.join(', ')} (${fuzzTargets.join(', ')})`);
    return { seconds, targets, keepGoing: values['keep-going'], test: values.test };
}

// Runs the fuzzer with its output shown as it comes; resolves to {status, output}.
const runFuzzer = (executable, args) =>
    runAndKeep(executable, args, { UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' });

const lastMatch = (output, pattern) => [...output.matchAll(pattern)].at(-1);

// libFuzzer's figures from its output: status lines "#N <event> cov: C ft: F corp: K/..." (fork mode: "#N: cov: C
// ft: F corp: K exec/s: E oom/timeout/crash: O/T/X ..."), final stats "stat::number_of_executed_units: N".
function figures(output, status, keepGoing) {
    const runs = Number(lastMatch(output, /^stat::number_of_executed_units: (\d+)$/gm)?.[1] ??
        lastMatch(output, /^#(\d+)(?::|\s)/gm)?.[1] ?? 0);
    const coverage = lastMatch(output, /cov: (\d+) ft: (\d+) corp: (\d+)/g);
    const found = { crashes: 0, timeouts: 0, ooms: 0, leaks: 0 };
    const forkCounts = lastMatch(output, /oom\/timeout\/crash: (\d+)\/(\d+)\/(\d+)/g);
    if (keepGoing && forkCounts) {
        [found.ooms, found.timeouts, found.crashes] = forkCounts.slice(1).map(Number);
    } else if (status !== 0) {
        if (/ALARM: working on the last Unit for/.test(output)) found.timeouts = 1;
        else if (/ERROR: libFuzzer: out-of-memory/.test(output)) found.ooms = 1;
        else if (/ERROR: LeakSanitizer/.test(output)) found.leaks = 1;
        else found.crashes = 1;
    }
    // The first lines of the first report, for the summary (sanitizer, broken property or libFuzzer's own).
    const report = output.match(
        /^(?:==\d+== ?ERROR: .*|.*runtime error: .*|fuzz property broken: .*|terminate called .*|ALARM: .*)$/m)?.[0];
    const artifacts = [...output.matchAll(/Test unit written to (\S+)/g)].map((match) => match[1]);
    return {
        runs,
        cov: Number(coverage?.[1] ?? 0),
        ft: Number(coverage?.[2] ?? 0),
        corpus: Number(coverage?.[3] ?? 0),
        ...found,
        report,
        artifacts,
    };
}

async function fuzz(target, { seconds, keepGoing, test }, seedsDir) {
    const artifactsDir = join(fuzzDir, 'artifacts', target);
    // libFuzzer adds what it finds to the first folder; under --test that is a scratch folder, emptied each time.
    const corpusDir = join(fuzzDir, test ? 'test-corpus' : 'corpus', target);
    if (test) rmSync(corpusDir, { recursive: true, force: true });
    for (const dir of [artifactsDir, corpusDir]) mkdirSync(dir, { recursive: true });
    const regressions = regressionDir(repo, target);
    const args = [
        `-dict=${join(repo, 'tests/fuzz', `${target}.dict`)}`,
        `-artifact_prefix=${artifactsDir}/`,
        `-timeout=${unitTimeoutSeconds}`,
        '-print_final_stats=1',
        ...(test ? ['-seed=1', `-runs=${testRuns[target]}`] : [`-max_total_time=${seconds}`]),
        ...(keepGoing ? ['-fork=1', '-ignore_crashes=1', '-ignore_timeouts=1', '-ignore_ooms=1'] : []),
        corpusDir,
        join(seedsDir, target),
        ...(existsSync(regressions) ? [regressions] : []),
    ];
    console.log(`\n=== fuzz ${target} ===`);
    const started = performance.now();
    const { status, output } = await runFuzzer(join(fuzzDir, 'tests/fuzz', `${target}_fuzzer`), args);
    return { target, status, seconds: (performance.now() - started) / 1000, ...figures(output, status, keepGoing) };
}

const foundCount = ({ crashes, timeouts, ooms, leaks }) => crashes + timeouts + ooms + leaks;
const failed = (result) => foundCount(result) > 0 || result.status !== 0;

function summaryLine(result) {
    const { target, runs, cov, ft, corpus, seconds, crashes, timeouts, ooms, leaks, status } = result;
    const figuresText = `runs ${runs}  cov ${cov}  ft ${ft}  corpus ${corpus}  ${seconds.toFixed(1)} s`;
    const foundText = `crashes ${crashes}, timeouts ${timeouts}, ooms ${ooms}, leaks ${leaks}`;
    const exitText = status !== 0 && foundCount(result) === 0 ? `  (exited with ${status})` : '';
    return `fuzz ${target}: ${failed(result) ? 'FAILED' : 'ok'}  ${figuresText}  ${foundText}${exitText}`;
}

async function main() {
    const options = parseOptions();
    build(['fuzz']);
    const seedsDir = join(fuzzDir, 'seeds');
    const seeds = writeSeeds(repo, seedsDir);
    console.log(`seeds in ${relative(repo, seedsDir)}: ` +
        Object.entries(seeds).map(([target, count]) => `${target} ${count}`).join(', '));

    const results = [];
    for (const target of options.targets) results.push(await fuzz(target, options, seedsDir));

    console.log('\n=== fuzz summary ===');
    for (const result of results) {
        console.log(summaryLine(result));
        if (result.report) console.log(`  ${result.report}`);
        for (const artifact of result.artifacts) console.log(`  input: ${relative(repo, artifact)}`);
    }
    const failures = results.filter(failed).length;
    console.log(`${results.length - failures} passed, ${failures} failed`);
    process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((error) => {
    console.error(`fuzz: ${error.message}`);
    process.exitCode = 1;
});
