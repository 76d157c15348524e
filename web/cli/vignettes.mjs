// `rootcheck vignettes DIR [--rules DIR] [--coverage] [--knockout] [--json]`: runs every clinical vignette in DIR
// through assess and checks the result against its expectations.
//
// The rule set is always read from a folder (--rules, else the package's rules/) and loaded into the engine, so the
// rule items that --coverage and --knockout work on are exactly the ones being run.
// - Table of every vignette, then `N passed, N failed` and `under-triage: N` (actual level less severe than
//   expected; any is a failure).
// - --coverage: every rule item of the set (triage rule, evidence, advice, safety net, fact) must appear in the
//   `fired` list of at least one vignette; the ones that never fire are listed.
// - --knockout: for each red-flag triage rule, the set without that rule is loaded into a fresh engine and every
//   vignette run again. Removing any red-flag rule must make at least one passing vignette fail; 0 means no vignette
//   depends on that rule. The table also shows how many of those failures are under-triage.
// - --json: the same findings as one JSON document instead of the tables.
// Exit 0 when everything holds, 1 when any check fails, 2 when the run cannot be made (bad vignette file, refused
// rule set).
import { parseArgs } from 'node:util';
import { openEngine, readRules, defaultRulesDir, loadRulesOrFail } from './open-engine.mjs';
import { readVignettes, answersDocument } from './vignette-files.mjs';
import { compareWithExpectations } from './expectations.mjs';
import { ruleItems } from './rule-items.mjs';
import { formatTable } from './table.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck vignettes DIR [--rules DIR] [--coverage] [--knockout] [--json]';
export const summary = 'check the clinical vignettes of a folder against the rule set';

function runAll(engine, vignettes, levelOrder) {
    return vignettes.map(({ file, vignette }) => {
        const result = engine.assess(answersDocument(vignette));
        const outcome = compareWithExpectations(vignette.expect, result, levelOrder);
        return { file, id: vignette.id, expected: vignette.expect.level, result, ...outcome };
    });
}

const failed = (runs) => runs.filter((run) => run.differences.length > 0);

function checkLevels(vignettes, levelOrder) {
    for (const { file, vignette } of vignettes) {
        if (!levelOrder.includes(vignette.expect.level)) {
            throw new CliError(`${file} (vignette "${vignette.id}"): expect.level "${vignette.expect.level}" is not a ` +
                `level of the rule set (${levelOrder.join(', ')})`);
        }
    }
}

function coverage(files, runs) {
    const fired = new Set(runs.flatMap((run) => run.result.fired ?? []));
    const { items } = ruleItems(files);
    return { total: items.length, fired: items.filter((item) => fired.has(item)).length,
        never_fired: items.filter((item) => !fired.has(item)) };
}

// The rule files without triage rule `ruleId`: its entry in the triage file and its texts in every locale go.
function withoutTriageRule(files, ruleId) {
    const manifest = JSON.parse(files['manifest.json']);
    const copy = { ...files };
    const triagePath = manifest.files.triage;
    const triage = JSON.parse(files[triagePath]);
    triage.rules = triage.rules.filter((rule) => rule.id !== ruleId);
    copy[triagePath] = JSON.stringify(triage);
    for (const localePath of Object.values(manifest.locales ?? {})) {
        const texts = JSON.parse(files[localePath]);
        delete texts[`triage.${ruleId}`];
        delete texts[`triage.${ruleId}@clinician`];
        copy[localePath] = JSON.stringify(texts);
    }
    return copy;
}

// Vignettes that pass with the full set are the ones a knocked-out rule can make fail: those already failing are left
// out of the counts, so they never make a rule look tested.
async function knockout(files, vignettes, levelOrder, baselineFailures) {
    const triage = JSON.parse(files[JSON.parse(files['manifest.json']).files.triage]);
    const redFlags = triage.rules.filter((rule) => rule.red_flag === true).map((rule) => rule.id);
    const rows = [];
    for (const rule of redFlags) {
        const engine = await openEngine();
        loadRulesOrFail(engine, withoutTriageRule(files, rule), `without triage rule ${rule}`);
        const failing = failed(runAll(engine, vignettes, levelOrder)).filter((run) => !baselineFailures.has(run.id));
        rows.push({ rule, failing: failing.length, under_triage: failing.filter((run) => run.underTriage).length,
            vignettes: failing.map((run) => run.id) });
    }
    return rows;
}

function printReport(stdout, report) {
    const rows = report.vignettes.map((run) => [run.id, run.expected, run.actual,
        run.differences.length === 0 ? 'pass' : run.under_triage ? 'UNDER-TRIAGE' : 'FAIL',
        run.differences.join('; ')]);
    stdout.write(formatTable(['vignette', 'expected', 'actual', 'status', 'differences'], rows));
    stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
    stdout.write(`under-triage: ${report.under_triage}\n`);
    if (report.coverage) {
        const { total, fired, never_fired: neverFired } = report.coverage;
        stdout.write(`\ncoverage: ${fired} of ${total} rule items fired in at least one vignette\n`);
        for (const item of neverFired) stdout.write(`never fired: ${item}\n`);
    }
    if (report.knockout) {
        stdout.write('\nknockout (each red-flag rule removed in turn)\n');
        stdout.write(formatTable(['rule', 'vignettes failing without it', 'of which under-triage'],
            report.knockout.map((row) => [row.rule, row.failing, row.failing === 0 ? 'NOT TESTED' : row.under_triage])));
    }
}

export async function main(args, { stdout }) {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true,
        options: { rules: { type: 'string' }, coverage: { type: 'boolean' }, knockout: { type: 'boolean' },
            json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new CliError(`usage: ${usage}`);
    const vignettes = readVignettes(positionals[0]);
    const rulesDir = values.rules ?? defaultRulesDir;
    const files = readRules(rulesDir);
    const engine = await openEngine();
    loadRulesOrFail(engine, files, rulesDir);
    const levelOrder = engine.questionnaire().levels.map((level) => level.id);
    checkLevels(vignettes, levelOrder);

    const runs = runAll(engine, vignettes, levelOrder);
    const failures = failed(runs);
    const report = {
        vignettes: runs.map(({ file, id, expected, actual, differences, underTriage }) =>
            ({ id, file, expected, actual, differences, under_triage: underTriage })),
        passed: runs.length - failures.length,
        failed: failures.length,
        under_triage: runs.filter((run) => run.underTriage).length,
    };
    if (values.coverage) report.coverage = coverage(files, runs);
    if (values.knockout) {
        report.knockout = await knockout(files, vignettes, levelOrder, new Set(failures.map((run) => run.id)));
    }

    if (values.json) stdout.write(JSON.stringify(report, null, 2) + '\n');
    else printReport(stdout, report);

    const ok = report.failed === 0 && report.under_triage === 0 &&
        (!report.coverage || report.coverage.never_fired.length === 0) &&
        (!report.knockout || report.knockout.every((row) => row.failing > 0));
    return ok ? 0 : 1;
}
