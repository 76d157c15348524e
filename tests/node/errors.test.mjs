// Bad input through the JavaScript API: every kind comes back as {"error": {code, message, path}} with the JSON
// Pointer of the culprit; the instance survives any number of errors without its memory growing; a bad rule set is
// refused with every problem listed and the old set kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repo, newEngine, readJson } from './support.mjs';
import { readRulesDir } from '../../web/cli/read-rules-dir.mjs';

const fullAnswers = readJson(join(repo, 'tests/bench/full-answers.json'));
const engine = await newEngine();

function assertError(result, code, path) {
    assert.ok(result.error, `expected error ${code}, got ${JSON.stringify(result).slice(0, 200)}`);
    assert.deepEqual(Object.keys(result), ['error']);
    assert.equal(result.error.code, code, result.error.message);
    assert.equal(result.error.path, path, result.error.message);
    assert.equal(typeof result.error.message, 'string');
    assert.ok(result.error.message.length > 0);
}

const nested = (depth) => '['.repeat(depth) + ']'.repeat(depth);

const cases = [
    ['malformed JSON', '{"answers": {', 'malformed_json', ''],
    ['trailing garbage', '{"answers": {}} x', 'malformed_json', ''],
    ['not an object', '[1, 2]', 'not_an_object', ''],
    ['answers not an object', { answers: [] }, 'wrong_type', '/answers'],
    ['unknown top-level key', { answers: {}, colour: 'blue' }, 'unknown_key', '/colour'],
    ['unknown answer key', { answers: { favourite_food: 'yes' } }, 'unknown_key', '/answers/favourite_food'],
    ['wrong type (string for integer)', { answers: { age: 'forty' } }, 'wrong_type', '/answers/age'],
    ['wrong type (number for choice)', { answers: { back_pain: 1 } }, 'wrong_type', '/answers/back_pain'],
    ['fractional integer', { answers: { age: 40.5 } }, 'wrong_type', '/answers/age'],
    ['out of range (above)', { answers: { age: 121 } }, 'out_of_range', '/answers/age'],
    ['out of range (below)', { answers: { leg_pain_duration_weeks: -1 } }, 'out_of_range',
        '/answers/leg_pain_duration_weeks'],
    ['unknown value', { answers: { back_pain: 'maybe' } }, 'unknown_value', '/answers/back_pain'],
    ['unknown value in a list', { answers: { pain_quality: ['sharp', 'fizzy'] } }, 'unknown_value',
        '/answers/pain_quality/1'],
    ['unknown region', { answers: { pain_regions: ['left_big_toe', 'left_elbow'] } }, 'unknown_region',
        '/answers/pain_regions/1'],
    ['duplicate region', { answers: { numbness_regions: ['left_heel', 'left_heel'] } }, 'duplicate_value',
        '/answers/numbness_regions/1'],
    ['unknown locale', { answers: {}, locale: 'tlh' }, 'unknown_locale', '/locale'],
    ['unknown mode', { answers: {}, mode: 'surgeon' }, 'unknown_mode', '/mode'],
    ['too large (> 64 KiB)', `{"answers": {}, "locale": "${'x'.repeat(64 * 1024)}"}`, 'too_large', ''],
    ['too deep', `{"answers": {"pain_regions": ${nested(40)}}}`, 'too_deep', ''],
];

for (const [name, input, code, path] of cases) {
    test(`assess and next refuse: ${name} -> ${code} at "${path}"`, () => {
        assertError(engine.assess(input), code, path);
        assertError(engine.next(input), code, path);
    });
}

test('assess refuses bytes that are not UTF-8 -> invalid_utf8', () => {
    const text = new TextEncoder().encode('{"answers": {}, "locale": "en"}');
    const bytes = new Uint8Array([...text.slice(0, 12), 0xc3, 0x28, ...text.slice(12)]);
    assertError(engine.assess(bytes), 'invalid_utf8', '');
    assertError(engine.assess(new Uint8Array([0xff, 0xfe])), 'invalid_utf8', '');
});

test('exactly 64 KiB is accepted, one byte more is too large', () => {
    const base = '{"answers": {}}';
    const padded = (size) => base.slice(0, -1) + ' '.repeat(size - base.length) + '}';
    assert.equal(engine.assess(padded(64 * 1024)).error, undefined);
    assertError(engine.assess(padded(64 * 1024 + 1)), 'too_large', '');
});

test('the instance keeps working after 10,000 errors, and its memory does not grow', () => {
    const reference = JSON.stringify(engine.assess(fullAnswers));
    const bad = cases.map(([, input]) => (typeof input === 'string' ? input : JSON.stringify(input)));
    // Warm-up: the first calls may size the heap once (allocator pools); after that it must stay put.
    for (let i = 0; i < 1000; i++) engine.assess(bad[i % bad.length]);
    const before = engine.memoryBytes();
    for (let i = 0; i < 10000; i++) {
        const result = engine.assess(bad[i % bad.length]);
        if (!result.error) assert.fail(`call ${i} did not fail`);
    }
    assert.equal(engine.memoryBytes(), before, 'WebAssembly memory grew while handling errors');
    assert.equal(JSON.stringify(engine.assess(fullAnswers)), reference);
});

test('loadRules with the real files is accepted and returns info', async () => {
    const fresh = await newEngine();
    const info = fresh.loadRules(readRulesDir(join(repo, 'rules')));
    assert.equal(info.error, undefined, JSON.stringify(info.error));
    assert.deepEqual(info, fresh.info());
});

test('loadRules with a bad set lists every problem and keeps the old set', async () => {
    const fresh = await newEngine();
    const before = fresh.info();
    const reference = JSON.stringify(fresh.assess(fullAnswers));
    const files = readRulesDir(join(repo, 'rules'));
    const manifest = JSON.parse(files['manifest.json']);
    const broken = { ...files };
    broken[manifest.files.triage] = '{"levels": [';
    delete broken[manifest.files.advice];
    const refused = fresh.loadRules(broken);
    assert.equal(refused.error?.code, 'invalid_rules');
    const paths = refused.error.problems.map((problem) => problem.path);
    assert.ok(paths.some((path) => path.startsWith(manifest.files.triage)), paths.join(', '));
    assert.ok(paths.some((path) => path.startsWith(manifest.files.advice) || path.startsWith('manifest.json')),
        paths.join(', '));
    for (const problem of refused.error.problems) assert.ok(problem.message.length > 0);
    assert.deepEqual(fresh.info(), before);
    assert.equal(JSON.stringify(fresh.assess(fullAnswers)), reference);
});

test('questionnaire refuses an unknown locale or mode', () => {
    assertError(engine.questionnaire('tlh', 'self'), 'unknown_locale', '/locale');
    assertError(engine.questionnaire('en', 'surgeon'), 'unknown_mode', '/mode');
});
