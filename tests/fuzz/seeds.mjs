// The fuzz targets' seed corpora, written at fuzz time (web/tools/fuzz.mjs) instead of thousands of files checked in:
// one folder per target, each input a file named by its SHA-1 (as libFuzzer names its own), so repeats collapse.
//
//   json_input  every JSON file of rules/ and tests/cpp/fixtures/rules/, every vignette file and answers document,
//               and the rule and data of every case of the JsonLogic conformance suites
//   logic       each suite case as its rule, a NUL byte, its data (logic_fuzzer.cpp's input)
//   assess      each vignette's answers document ({"answers", "mode"}) and the benchmark's full document
//   rules       each file of rules/ and of the fixture set as "<path in the set>\n<text>" (rules_fuzzer.cpp's input)
//
// The suites are read from $ROOTCHECK_JSONLOGIC_SUITES, else ../shared/jsonlogic-suites beside the repository (as
// CI lays it out); missing suites are an error, not a smaller corpus.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const fuzzTargets = ['json_input', 'logic', 'assess', 'rules'];

function suitesDir(repo) {
    return process.env.ROOTCHECK_JSONLOGIC_SUITES ?? resolve(repo, '../shared/jsonlogic-suites');
}

function suiteCases(repo) {
    const dir = suitesDir(repo);
    if (!existsSync(join(dir, 'index.json'))) {
        throw new Error(`no JsonLogic suites at ${dir} (set ROOTCHECK_JSONLOGIC_SUITES)`);
    }
    return JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
        .flatMap((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')))
        .filter((entry) => typeof entry === 'object');
}

// Files below `dir` ending in .json, as [path relative to dir, text].
function jsonFiles(dir) {
    return readdirSync(dir, { recursive: true })
        .filter((name) => name.endsWith('.json'))
        .map((name) => [name.split('\\').join('/'), readFileSync(join(dir, name), 'utf8')]);
}

// The inputs of each target, as strings or Buffers.
function seedInputs(repo) {
    const rules = jsonFiles(join(repo, 'rules'));
    const fixtureRules = jsonFiles(join(repo, 'tests/cpp/fixtures/rules'));
    const ruleSetFiles = [...rules.filter(([path]) => !path.startsWith('schema/')), ...fixtureRules];
    const vignetteFiles = jsonFiles(join(repo, 'tests/vignettes')).map(([, text]) => text);
    const vignettes = vignetteFiles.flatMap((text) => JSON.parse(text).vignettes ?? []);
    const documents = vignettes.map(({ answers, mode }) => JSON.stringify({ answers, mode }))
        .concat(readFileSync(join(repo, 'tests/bench/full-answers.json'), 'utf8'));
    const cases = suiteCases(repo);
    const caseTexts = cases.flatMap(({ rule, data }) => [JSON.stringify(rule), JSON.stringify(data ?? null)]);
    return {
        json_input: [...rules, ...fixtureRules].map(([, text]) => text).concat(vignetteFiles, documents, caseTexts),
        logic: cases.map(({ rule, data }) => `${JSON.stringify(rule)}\0${JSON.stringify(data ?? null)}`),
        assess: documents,
        rules: ruleSetFiles.map(([path, text]) => `${path}\n${text}`),
    };
}

// Writes each target's seeds into `corpusDir`/<target>/ (emptied first); returns {target: number of files}.
export function writeSeeds(repo, corpusDir) {
    const counts = {};
    for (const [target, inputs] of Object.entries(seedInputs(repo))) {
        const dir = join(corpusDir, target);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const names = new Set();
        for (const input of inputs) {
            const name = createHash('sha1').update(input).digest('hex');
            names.add(name);
            writeFileSync(join(dir, name), input);
        }
        counts[target] = names.size;
    }
    return counts;
}

// The checked-in reproducers of crashes found so far (tests/fuzz/regressions/<target>/), run with the seeds.
export function regressionDir(repo, target) {
    return join(repo, 'tests/fuzz/regressions', target);
}
