// The `rootcheck` CLI as a user runs it: a child process per call, checked on exit code and output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { repo, runCli, tempDir, copyOfRules, readJson } from './support.mjs';

const fullAnswersPath = join(repo, 'tests/bench/full-answers.json');

test('assess FILE prints the result document and exits 0', () => {
    const run = runCli(['assess', fullAnswersPath]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.endsWith('}\n'));
    assert.equal(run.stdout.split('\n').length, 2, 'one line of JSON');
    const result = JSON.parse(run.stdout);
    assert.ok(['emergency', 'urgent', 'soon', 'self_care'].includes(result.triage.level));
    assert.equal(result.mode, 'clinician');
});

test('assess - reads standard input and gives the same bytes as from a file', () => {
    const run = runCli(['assess', '-'], { input: readFileSync(fullAnswersPath) });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, runCli(['assess', fullAnswersPath]).stdout);
});

test('assess works from any working directory', (t) => {
    const run = runCli(['assess', fullAnswersPath], { cwd: tempDir(t) });
    assert.equal(run.status, 0, run.stderr);
});

test('assess prints the error document and exits 2 on bad input', () => {
    const unknown = runCli(['assess', '-'], { input: '{"answers": {"age": 300}}' });
    assert.equal(unknown.status, 2);
    assert.deepEqual(Object.keys(JSON.parse(unknown.stdout).error).sort(), ['code', 'message', 'path']);
    assert.equal(JSON.parse(unknown.stdout).error.code, 'out_of_range');
    assert.equal(JSON.parse(unknown.stdout).error.path, '/answers/age');

    const malformed = runCli(['assess', '-'], { input: '{"answers": ' });
    assert.equal(malformed.status, 2);
    assert.equal(JSON.parse(malformed.stdout).error.code, 'malformed_json');
});

test('assess hands invalid UTF-8 to the engine untouched -> invalid_utf8', () => {
    const run = runCli(['assess', '-'], { input: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) });
    assert.equal(run.status, 2);
    assert.equal(JSON.parse(run.stdout).error.code, 'invalid_utf8');
});

test('assess with a missing file or no argument is a usage error (exit 2, message on stderr)', () => {
    const missing = runCli(['assess', '/no/such/file.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read \/no\/such\/file\.json/);
    assert.equal(runCli(['assess']).status, 2);
    assert.equal(runCli(['frobnicate']).status, 2);
});

// A rules folder whose manifest.json is a folder, and a vignette folder whose only file is a folder.
function unreadableFolders(t) {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'rules', 'manifest.json'), { recursive: true });
    mkdirSync(join(dir, 'vignettes', 'cases.json'), { recursive: true });
    return { dir, rules: join(dir, 'rules'), vignettes: join(dir, 'vignettes') };
}

test('a path that is a folder, a file, missing or unreadable where the other is wanted: one line naming it, exit 2',
    (t) => {
        const { dir, rules, vignettes } = unreadableFolders(t);
        const manifest = join(rules, 'manifest.json');
        const cases = [
            [['assess', dir], `cannot read ${dir}: it is a folder, not a file`],
            [['assess', join(dir, 'none.json')], `cannot read ${join(dir, 'none.json')}: no such file`],
            [['assess', join(fullAnswersPath, 'x')], `cannot read ${join(fullAnswersPath, 'x')}: a part of the path ` +
                'is not a folder'],
            [['assess', '--rules', rules, fullAnswersPath], `cannot read ${manifest}: it is a folder, not a file`],
            [['lint', rules], `cannot read ${manifest}: it is a folder, not a file`],
            [['lint', fullAnswersPath], `${fullAnswersPath} is not a folder (give the rules folder)`],
            [['vignettes', fullAnswersPath], `${fullAnswersPath} is not a folder (give the vignette folder)`],
            [['vignettes', vignettes], `cannot read ${join(vignettes, 'cases.json')}: it is a folder, not a file`],
            [['vignettes', '--rules', rules, join(repo, 'tests/vignettes')],
                `cannot read ${manifest}: it is a folder, not a file`],
        ];
        for (const [args, message] of cases) {
            const run = runCli(args);
            assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
            assert.equal(run.stderr, `rootcheck ${args[0]}: ${message}\n`);
            assert.equal(run.stdout, '');
        }
    });

test('a file or folder without read permission is named: permission denied, exit 2',
    { skip: process.getuid?.() === 0 && 'root reads every file' }, (t) => {
        const file = join(tempDir(t), 'secret.json');
        writeFileSync(file, '{}');
        chmodSync(file, 0);
        const run = runCli(['assess', file]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr, `rootcheck assess: cannot read ${file}: permission denied\n`);

        const folder = join(tempDir(t), 'vignettes');
        mkdirSync(folder, { mode: 0 });
        const listing = runCli(['vignettes', folder]);
        assert.equal(listing.status, 2);
        assert.equal(listing.stderr, `rootcheck vignettes: cannot read ${folder}: permission denied\n`);
    });

test('assess --rules DIR uses that rule set', (t) => {
    const rules = copyOfRules(t);
    const manifestPath = join(rules, 'manifest.json');
    const manifest = readJson(manifestPath);
    manifest.version = '9.9.9-test';
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const run = runCli(['assess', '--rules', rules, fullAnswersPath]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).rules.version, '9.9.9-test');
});

test('fhir questionnaire prints the Questionnaire of a locale and mode; an unknown locale is the error, exit 2', () => {
    const spanish = runCli(['fhir', 'questionnaire', '--locale', 'es', '--mode', 'clinician']);
    assert.equal(spanish.status, 0, spanish.stderr);
    const questionnaire = JSON.parse(spanish.stdout);
    assert.equal(questionnaire.resourceType, 'Questionnaire');
    assert.equal(questionnaire.language, 'es');
    assert.match(questionnaire.url, /:clinician:es$/);
    assert.ok(questionnaire.item.some((group) => group.linkId === 'examination'), 'the clinician\'s examination');
    const unknown = runCli(['fhir', 'questionnaire', '--locale', 'xx']);
    assert.equal(unknown.status, 2);
    assert.equal(JSON.parse(unknown.stdout).error.code, 'unknown_locale');
    assert.equal(runCli(['fhir', 'answers']).status, 2, 'an unknown subcommand is a usage error');
});

test('fhir response, then assess --fhir (file or standard input): the same result as the answers document', (t) => {
    const dir = tempDir(t);
    const documentPath = join(dir, 'answers.json');
    const document = { ...readJson(fullAnswersPath), locale: 'es' };
    writeFileSync(documentPath, JSON.stringify(document));
    const response = runCli(['fhir', 'response', documentPath]);
    assert.equal(response.status, 0, response.stderr);
    assert.equal(JSON.parse(response.stdout).resourceType, 'QuestionnaireResponse');
    const responsePath = join(dir, 'response.json');
    writeFileSync(responsePath, response.stdout);
    const direct = JSON.parse(runCli(['assess', documentPath]).stdout);
    for (const args of [['assess', '--fhir', responsePath], ['assess', '--fhir', '-']]) {
        const viaFhir = runCli(args, { input: response.stdout });
        assert.equal(viaFhir.status, 0, viaFhir.stderr);
        assert.deepEqual(JSON.parse(viaFhir.stdout), direct, args.join(' '));
    }
    // A response to another Questionnaire, and text that is not JSON: error documents, exit 2.
    const other = runCli(['assess', '--fhir', '-'],
        { input: JSON.stringify({ resourceType: 'QuestionnaireResponse', questionnaire: 'http://example.org/q|1' }) });
    assert.equal(other.status, 2);
    assert.deepEqual(JSON.parse(other.stdout).error.path, '/questionnaire');
    const notJson = runCli(['assess', '--fhir', '-'], { input: 'nope' });
    assert.equal(notJson.status, 2);
    assert.equal(JSON.parse(notJson.stdout).error.code, 'malformed_json');
    const badDocument = runCli(['fhir', 'response', '-'], { input: '{"answers": {"age": "old"}}' });
    assert.equal(badDocument.status, 2);
    assert.equal(JSON.parse(badDocument.stdout).error.path, '/answers/age');
});

test('logic answers one line per input line, errors included', () => {
    const input = [
        '{"rule": {"+": [1, 2]}, "data": null}',
        '{"rule": {"var": "a"}, "data": {"a": [true, "x"]}}',
        'this is not json',
        '{"rule": {"throw": "oops"}}',
        '',
        '{"rule": {"if": [{"<": [{"var": "n"}, 3]}, "small", "big"]}, "data": {"n": 7}}',
        '[1, 2]',
    ].join('\n') + '\n';
    const run = runCli(['logic'], { input });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines[0], { result: 3 });
    assert.deepEqual(lines[1], { result: [true, 'x'] });
    assert.equal(lines[2].error.type, 'Invalid JSON');
    assert.deepEqual(lines[3], { error: { type: 'oops' } });
    assert.deepEqual(lines[4], { result: 'big' });
    assert.equal(lines[5].error.type, 'Invalid Request');
    assert.equal(lines.length, 6, 'blank lines give no output');
});

test('logic answers lines nested 100,000 levels deep with the engine\'s too_deep and goes on', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const input = [`{"rule": ${deep}}`, `{"rule": {"var": "a"}, "data": {"a": ${deep}}}`, '{"rule": {"+": [1, 2]}}']
        .join('\n') + '\n';
    const run = runCli(['logic'], { input });
    assert.equal(run.status, 0, run.stderr);
    const [rule, data, next, ...rest] = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(rule, { error: { code: 'too_deep', message: 'document nests more than 64 levels deep',
        path: '/rule' } });
    assert.deepEqual(data, { error: { code: 'too_deep', message: 'document nests more than 64 levels deep',
        path: '/data' } });
    assert.deepEqual(next, { result: 3 });
    assert.deepEqual(rest, []);
});

test('lint on the real rules exits 0 with an OK line', () => {
    const run = runCli(['lint']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^OK .*: \d+ questions, \d+ rules/);
    assert.equal(runCli(['lint', join(repo, 'rules')]).stdout, run.stdout);
});

test('lint on a folder without a manifest is a usage error', (t) => {
    const run = runCli(['lint', tempDir(t)]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no manifest\.json/);
});

test('lint reports a file the manifest lists but the folder lacks, and refuses paths outside the folder', (t) => {
    const dir = copyOfRules(t);
    const manifest = readJson(join(dir, 'manifest.json'));
    rmSync(join(dir, manifest.files.advice));
    const missing = runCli(['lint', dir]);
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, new RegExp(`^${manifest.files.advice}: `, 'm'));
    assert.match(missing.stdout, /lint checks did not run/);

    manifest.files.advice = '../../outside.json';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const outside = runCli(['lint', dir]);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /lists "\.\.\/\.\.\/outside\.json", which is outside the rules folder/);
});

// Rewrites one JSON file of a rules copy through `change(content)`.
function editJson(dir, path, change) {
    const full = join(dir, path);
    const content = readJson(full);
    change(content);
    writeFileSync(full, JSON.stringify(content, null, 2));
}

// Lint's output as problem lines (the last line is the count) and a checker that one of them matches.
function lintProblems(dir) {
    const run = runCli(['lint', dir]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1), new RegExp(`: ${lines.length - 1} problems?`));
    const problems = lines.slice(0, -1);
    for (const line of problems) assert.match(line, /^\S+: \S/, 'each problem is `path: message`');
    return (pattern, what) => assert.ok(problems.some((line) => pattern.test(line)),
        `${what} not reported in:\n${run.stdout}`);
}

// The engine checks in two stages (see web/cli/lint.mjs): a set that does not load is reported with every load
// problem; a set that loads is linted. One broken copy per stage.
test('lint on a copy that does not load exits 1 listing every load problem (missing locale strings)', (t) => {
    const dir = copyOfRules(t);
    const manifest = readJson(join(dir, 'manifest.json'));
    const questionnaire = readJson(join(dir, manifest.files.questionnaire));
    const [first, second] = questionnaire.questions.map((question) => question.id);
    editJson(dir, manifest.locales[manifest.default_locale], (texts) => { delete texts[`question.${first}.text`]; });
    editJson(dir, manifest.files.triage, (triage) => { triage.rules[0].source = 'no_such_source'; });
    for (const locale of Object.values(manifest.locales)) {
        editJson(dir, locale, (texts) => { delete texts[`question.${second}.help`]; });
    }
    const has = lintProblems(dir);
    has(new RegExp(`question\\.${first}\\.text`), 'missing locale string');
    for (const locale of Object.values(manifest.locales)) {
        has(new RegExp(`^${locale}.*question\\.${second}\\.help`), `missing help text in ${locale}`);
    }
    has(new RegExp(`^${manifest.files.triage}/rules/0/source: .*no_such_source`), 'unknown source');
});

test('lint on a copy that loads but is wrong exits 1 listing every lint problem', (t) => {
    const dir = copyOfRules(t);
    const manifest = readJson(join(dir, 'manifest.json'));
    const questionnaire = readJson(join(dir, manifest.files.questionnaire));
    const lastQuestion = questionnaire.questions.at(-1).id;
    const triage = readJson(join(dir, manifest.files.triage));
    const lastRule = triage.rules.length - 1;
    editJson(dir, manifest.files.triage, (content) => {
        content.rules.at(-1).when = { '==': [{ var: 'no_such_question' }, 'yes'] };
    });
    editJson(dir, manifest.files.advice, (content) => { delete content.advice[0].source; });
    editJson(dir, manifest.files.questionnaire, (content) => { content.questions.at(-1).visible = false; });
    const has = lintProblems(dir);
    has(new RegExp(`^${manifest.files.triage}/rules/${lastRule}/when: .*no_such_question`),
        'unknown question id in a condition');
    has(new RegExp(`^${manifest.files.advice}/advice/0: .*source`), 'rule without source');
    has(new RegExp(`question '${lastQuestion}' can never be visible`), 'unreachable question');
});

// Writes a vignette folder with the given vignettes in one file.
function vignetteDir(t, vignettes) {
    const dir = join(tempDir(t), 'vignettes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cases.json'), JSON.stringify({ vignettes }, null, 2));
    return dir;
}

const band = (level, min = level, max = level) => ({ level, level_min: min, level_max: max });
const saddle = { id: 'saddle-numbness', description: 'new saddle numbness', mode: 'self',
    answers: { saddle_numbness: 'yes' }, expect: { ...band('emergency'), escalate: true,
        red_flags: ['ces_saddle_numbness'] } };
// Nothing answered: the set's default level, self_care.
const nothing = (id, expect) => ({ id, answers: {}, expect });

test('vignettes: one passing, one failing -> exit 1, table and `1 passed, 1 failed`', (t) => {
    const wrong = { id: 'saddle-numbness-expected-wrongly', description: 'expects a level the set cannot give here',
        answers: { saddle_numbness: 'yes' }, expect: band('self_care') };
    const run = runCli(['vignettes', vignetteDir(t, [saddle, wrong])]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^vignette\s+ideal\s+band\s+actual\s+status\s+differences$/m);
    assert.match(run.stdout, /^saddle-numbness\s+emergency\s+emergency\s+emergency\s+pass$/m);
    assert.match(run.stdout,
        /^saddle-numbness-expected-wrongly\s+self_care\s+self_care\s+emergency\s+OVER-TRIAGE\s+level: emergency is above level_max self_care/m);
    assert.match(run.stdout, /^1 passed, 1 failed$/m);
    assert.match(run.stdout, /^under-triage: 0$/m);
    assert.match(run.stdout, /^over-triage: 1 of 2 \(50\.0%\)$/m);
});

test('vignettes: a level below level_min is under-triage, above level_max over-triage; both fail', (t) => {
    const under = nothing('nothing-answered-under', band('emergency'));
    const over = { id: 'saddle-over', answers: { saddle_numbness: 'yes' }, expect: band('soon', 'self_care', 'urgent') };
    const run = runCli(['vignettes', vignetteDir(t, [under, over])]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^nothing-answered-under\s.*UNDER-TRIAGE\s+level: self_care is below level_min emergency/m);
    assert.match(run.stdout, /^saddle-over\s+soon\s+self_care\.\.urgent\s+emergency\s+OVER-TRIAGE/m);
    assert.match(run.stdout, /^under-triage: 1$/m);
    assert.match(run.stdout, /^over-triage: 1 of 2 \(50\.0%\)$/m);
    assert.match(run.stdout, /^0 passed, 2 failed$/m);
});

test('vignettes: a level inside the band passes; the ideal-level and self-care rates count only exact matches',
    (t) => {
        const exact = nothing('self-care-ideal', band('self_care'));
        const inBand = nothing('soon-ideal-self-care-accepted', band('soon', 'self_care', 'soon'));
        const run = runCli(['vignettes', vignetteDir(t, [exact, inBand, saddle])]);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /^soon-ideal-self-care-accepted\s+soon\s+self_care\.\.soon\s+self_care\s+pass \(in band\)$/m);
        assert.match(run.stdout, /^ideal level: 2 of 3 \(66\.7%\)$/m);
        assert.match(run.stdout, /^self-care cases given self-care: 1 of 1 \(100\.0%\)$/m);
        assert.match(run.stdout, /^over-triage: 0 of 3 \(0\.0%\)$/m);
        assert.match(run.stdout, /^3 passed, 0 failed$/m);

        const json = JSON.parse(runCli(['vignettes', '--json', vignetteDir(t, [exact, inBand, saddle])]).stdout);
        assert.deepEqual(json.calibration, {
            under_triage: 0,
            over_triage: { count: 0, total: 3, percent: 0 },
            ideal_level: { count: 2, total: 3, percent: 66.7 },
            self_care_given_self_care: { count: 1, total: 1, percent: 100 },
        });
    });

test('vignettes --json reports the same findings as data', (t) => {
    const run = runCli(['vignettes', '--json', vignetteDir(t, [saddle])]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.passed, 1);
    assert.equal(report.failed, 0);
    assert.equal(report.vignettes[0].actual, 'emergency');
    assert.equal(report.vignettes[0].ideal, true);
});

test('vignettes --coverage fails and lists rule items a small set never fires', (t) => {
    const run = runCli(['vignettes', '--coverage', vignetteDir(t, [saddle])]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^coverage: \d+ of \d+ rule items fired/m);
    assert.match(run.stdout, /^never fired: triage\.ces_urinary_retention$/m);
    assert.doesNotMatch(run.stdout, /^never fired: triage\.ces_saddle_numbness$/m);
});

test('vignettes --knockout shows which red-flag rules no vignette depends on', (t) => {
    const run = runCli(['vignettes', '--knockout', vignetteDir(t, [saddle])]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^rule\s+vignettes failing without it\s+of which under-triage$/m);
    assert.match(run.stdout, /^ces_saddle_numbness\s+1\s+1$/m);
    assert.match(run.stdout, /^ces_urinary_retention\s+0\s+NOT TESTED$/m);
});

test('vignettes: bad vignette files give errors naming the file and the vignette', (t) => {
    const badKey = runCli(['vignettes', vignetteDir(t, [{ ...saddle, expect: { ...band('emergency'), levle: 'x' } }])]);
    assert.equal(badKey.status, 2);
    assert.match(badKey.stderr, /cases\.json vignettes\[0\] \(vignette "saddle-numbness"\): unknown expect key "levle"/);

    const noLevel = runCli(['vignettes', vignetteDir(t, [{ ...saddle, expect: { escalate: true } }])]);
    assert.equal(noLevel.status, 2);
    assert.match(noLevel.stderr, /vignette "saddle-numbness"\): expect has no "level"/);

    const noMax = runCli(['vignettes', vignetteDir(t, [{ ...saddle, expect: { level: 'emergency', level_min: 'emergency' } }])]);
    assert.equal(noMax.status, 2);
    assert.match(noMax.stderr, /vignette "saddle-numbness"\): expect has no "level_max"/);

    const badLevel = runCli(['vignettes', vignetteDir(t, [{ ...saddle, expect: band('asap', 'emergency', 'emergency') }])]);
    assert.equal(badLevel.status, 2);
    assert.match(badLevel.stderr, /vignette "saddle-numbness"\): expect\.level "asap" is not a level/);

    const outOfBand = runCli(['vignettes', vignetteDir(t, [{ ...saddle, expect: band('emergency', 'self_care', 'soon') }])]);
    assert.equal(outOfBand.status, 2);
    assert.match(outOfBand.stderr,
        /vignette "saddle-numbness"\): expect\.level "emergency" must lie between level_min "self_care" and level_max "soon"/);

    const duplicate = runCli(['vignettes', vignetteDir(t, [saddle, saddle])]);
    assert.equal(duplicate.status, 2);
    assert.match(duplicate.stderr, /vignette id "saddle-numbness" is also used/);
});
