// `rootcheck vignettes DIR [--rules DIR] [--coverage] [--knockout] [--json]`: runs every clinical vignette in DIR
// through assess and checks the result against its expectations.
//
// The rule set is always read from a folder (--rules, else the package's rules/) and loaded into the engine, so the
// rule items that --coverage and --knockout work on are exactly the ones being run.
// - Table of every vignette (its ideal level, the band level_min..level_max, the level given), then the calibration
//   figures: `under-triage: N` (below level_min) and `over-triage: N of M (x%)` (above level_max), each a failure of
//   its vignette; `ideal level: N of M (x%)`; `self-care cases given self-care: N of M (x%)` (vignettes whose ideal is
//   the least severe level). Last, `N passed, N failed`.
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
        const { level, level_min: min, level_max: max } = vignette.expect;
        const band = min === max ? min : `${min}..${max}`;
        return { file, id: vignette.id, expected: level, band, result, ...outcome };
    });
}

const failed = (runs) => runs.filter((run) => run.differences.length > 0);

// Every level named is one of the set's, and level_max is at least as severe as level, level at least as severe as
// level_min (levelOrder runs from the most severe).
function checkLevels(vignettes, levelOrder) {
    for (const { file, vignette } of vignettes) {
        const named = `${file} (vignette "${vignette.id}")`;
        for (const key of ['level', 'level_min', 'level_max']) {
            if (!levelOrder.includes(vignette.expect[key])) {
                throw new CliError(`${named}: expect.${key} "${vignette.expect[key]}" is not a level of the rule set ` +
                    `(${levelOrder.join(', ')})`);
            }
        }
        const { level, level_min: min, level_max: max } = vignette.expect;
        const severity = (id) => levelOrder.indexOf(id);
        if (!(severity(max) <= severity(level) && severity(level) <= severity(min))) {
            throw new CliError(`${named}: expect.level "${level}" must lie between level_min "${min}" and level_max ` +
                `"${max}" (levels from the most severe: ${levelOrder.join(', ')})`);
        }
    }
}

const percent = (count, total) => (total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`);
const share = (count, total) => ({ count, total, percent: total === 0 ? null : Math.round(1000 * count / total) / 10 });

// The calibration figures of a run (see the header).
function calibration(runs, levelOrder) {
    const selfCareLevel = levelOrder[levelOrder.length - 1];
    const selfCare = runs.filter((run) => run.expected === selfCareLevel);
    return {
        under_triage: runs.filter((run) => run.underTriage).length,
        over_triage: share(runs.filter((run) => run.overTriage).length, runs.length),
        ideal_level: share(runs.filter((run) => run.ideal).length, runs.length),
        self_care_given_self_care:
            share(selfCare.filter((run) => run.actual === selfCareLevel).length, selfCare.length),
    };
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
    const status = (run) => {
        if (run.under_triage) return 'UNDER-TRIAGE';
        if (run.over_triage) return 'OVER-TRIAGE';
        if (run.differences.length > 0) return 'FAIL';
        return run.ideal ? 'pass' : 'pass (in band)';
    };
    const rows = report.vignettes.map((run) => [run.id, run.expected, run.band, run.actual, status(run),
        run.differences.join('; ')]);
    stdout.write(formatTable(['vignette', 'ideal', 'band', 'actual', 'status', 'differences'], rows));
    const { under_triage: under, over_triage: over, ideal_level: ideal, self_care_given_self_care: selfCare } =
        report.calibration;
    stdout.write(`\nunder-triage: ${under}\n`);
    stdout.write(`over-triage: ${over.count} of ${over.total} (${percent(over.count, over.total)})\n`);
    stdout.write(`ideal level: ${ideal.count} of ${ideal.total} (${percent(ideal.count, ideal.total)})\n`);
    stdout.write(`self-care cases given self-care: ${selfCare.count} of ${selfCare.total} ` +
        `(${percent(selfCare.count, selfCare.total)})\n`);
    if (report.coverage) {
        const { total, fired, never_fired: neverFired } = report.coverage;
        stdout.write(`\ncoverage: ${fired} of ${total} rule items fired in at least one vignette\n`);
        for (const item of neverFired) stdout.write(`never fired: ${item}\n`);
    }
    if (report.knockout) {
        stdout.write('\nknockout (each red-flag rule removed in turn)\n');
        stdout.write(formatTable(['rule', 'vignettes failing without it', 'of which under-triage'],
            report.knockout.map((row) =>
                [row.rule, row.failing, row.failing === 0 ? 'NOT TESTED' : row.under_triage])));
    }
    stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
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
        vignettes: runs.map(({ file, id, expected, band, actual, differences, underTriage, overTriage, ideal }) =>
            ({ id, file, expected, band, actual, differences, under_triage: underTriage, over_triage: overTriage,
                ideal })),
        passed: runs.length - failures.length,
        failed: failures.length,
        calibration: calibration(runs, levelOrder),
    };
    if (values.coverage) report.coverage = coverage(files, runs);
    if (values.knockout) {
        report.knockout = await knockout(files, vignettes, levelOrder, new Set(failures.map((run) => run.id)));
    }

    if (values.json) stdout.write(JSON.stringify(report, null, 2) + '\n');
    else printReport(stdout, report);

    const ok = report.failed === 0 && report.calibration.under_triage === 0 &&
        (!report.coverage || report.coverage.never_fired.length === 0) &&
        (!report.knockout || report.knockout.every((row) => row.failing > 0));
    return ok ? 0 : 1;
}
