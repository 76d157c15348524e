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

// The memory of a WebAssembly instance never shrinks, so the API must not ask for room beyond the text's own size.
test('a 10 MB text document is refused (too_large) growing the memory by less than 1.5 times its size', async () => {
    const fresh = await newEngine();
    fresh.assess('{}');
    const before = fresh.memoryBytes();
    const text = JSON.stringify({ answers: {}, locale: 'x'.repeat(10_000_000) });
    assertError(fresh.assess(text), 'too_large', '');
    const grown = fresh.memoryBytes() - before;
    assert.ok(grown < 1.5 * text.length, `grew by ${grown} bytes for ${text.length}`);
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

// JavaScript values JSON cannot hold, given to the API as objects: refused as data (never thrown) with the JSON
// Pointer of the culprit (contract: the header of web/engine-core.js). Values nested deeper than the API walks get
// the engine's own answer for text nested too deep.

// An array nested `depth` levels deep ([] is 1), built without recursion.
function deepArray(depth) {
    let value = [];
    for (let level = 1; level < depth; level++) value = [value];
    return value;
}

const answersWith = (answers) => ({ answers });
const cyclicRegions = () => {
    const regions = ['left_heel'];
    regions.push(regions);
    return regions;
};
const throwingGetter = { get age() { throw new Error('no age here'); } };

const notJsonCases = [
    ['undefined at the top', undefined, ''],
    ['undefined as an answer', answersWith({ age: undefined }), '/answers/age'],
    ['undefined in a list', answersWith({ pain_regions: ['left_heel', undefined] }), '/answers/pain_regions/1'],
    ['a hole in a list', answersWith({ pain_regions: [, 'left_heel'] }), '/answers/pain_regions/0'],
    ['a cycle', answersWith({ pain_regions: cyclicRegions() }), '/answers/pain_regions/1'],
    ['a BigInt', answersWith({ age: 40n }), '/answers/age'],
    ['a function', answersWith({ age: () => 40 }), '/answers/age'],
    ['a Symbol', answersWith({ back_pain: Symbol('yes') }), '/answers/back_pain'],
    ['NaN', answersWith({ age: NaN }), '/answers/age'],
    ['Infinity', answersWith({ leg_pain_duration_weeks: Infinity }), '/answers/leg_pain_duration_weeks'],
    ['-Infinity', answersWith({ leg_pain_duration_weeks: -Infinity }), '/answers/leg_pain_duration_weeks'],
    ['a Date', answersWith({ onset: new Date(0) }), '/answers/onset'],
    ['a Map', { answers: new Map([['age', 40]]) }, '/answers'],
    ['a class instance', new (class Document { answers = {}; })(), ''],
    ['a getter that throws', { answers: throwingGetter }, '/answers/age'],
    ['a key with / and ~ (escaped in the path)', answersWith({ 'a/b~c': NaN }), '/answers/a~1b~0c'],
];

for (const [name, input, path] of notJsonCases) {
    test(`assess and next refuse a value JSON cannot hold: ${name} -> not_json at "${path}"`, () => {
        assertError(engine.assess(input), 'not_json', path);
        assertError(engine.next(input), 'not_json', path);
    });
}

test('a document nested 100,000 levels deep gets the engine\'s too_deep, as the same document as text does', () => {
    const deep = answersWith({ leg_pain: deepArray(100_000) });
    const asText = engine.assess(`{"answers": {"leg_pain": ${nested(40)}}}`);
    assertError(asText, 'too_deep', '');
    assert.deepEqual(engine.assess(deep), asText);
    assert.deepEqual(engine.next(deep), engine.next(`{"answers": {"leg_pain": ${nested(40)}}}`));
});

test('logic refuses rule and data JSON cannot hold, under /rule and /data; too deep is the engine\'s too_deep', () => {
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    assertError(engine.logic(undefined), 'not_json', '/rule');
    assertError(engine.logic({ '+': [1n, 2] }), 'not_json', '/rule/+/0');
    assertError(engine.logic({ '+': [1, NaN] }), 'not_json', '/rule/+/1');
    assertError(engine.logic({ var: 'x' }, { x: cyclic }), 'not_json', '/data/x/self');
    assertError(engine.logic({ var: 'f' }, { f: () => 1 }), 'not_json', '/data/f');
    assertError(engine.logic({ var: 'when' }, { when: new Date(0) }), 'not_json', '/data/when');
    assert.deepEqual(engine.logic(deepArray(100_000)), engine.logic(JSON.parse(nested(65))));
    assertError(engine.logic(deepArray(100_000)), 'too_deep', '/rule');
    assertError(engine.logic({ var: 'a' }, { a: deepArray(100_000) }), 'too_deep', '/data');
    assert.deepEqual(engine.logic({ var: 'a' }), { result: null }, 'data left out is null');
});

test('loadRules refuses a files object JSON cannot hold and keeps its rule set', async () => {
    const fresh = await newEngine();
    const before = fresh.info();
    const files = readRulesDir(join(repo, 'rules'));
    assertError(fresh.loadRules({ ...files, 'manifest.json': 1n }), 'not_json', '/manifest.json');
    assertError(fresh.loadRules(undefined), 'not_json', '');
    const deepRefusal = fresh.loadRules({ ...files, 'manifest.json': deepArray(100_000) });
    assert.equal(deepRefusal.error.code, 'invalid_rules');
    assert.deepEqual(deepRefusal, fresh.loadRules({ ...files, 'manifest.json': JSON.parse(nested(70)) }));
    assert.deepEqual(fresh.info(), before);
});

test('questionnaire refuses a locale or mode that is not a string -> wrong_type', () => {
    assertError(engine.questionnaire(Symbol('en')), 'wrong_type', '/locale');
    assertError(engine.questionnaire(5), 'wrong_type', '/locale');
    assertError(engine.questionnaire('en', { mode: 'self' }), 'wrong_type', '/mode');
    assert.equal(engine.questionnaire().locale, engine.info().default_locale);
    assert.equal(engine.questionnaire().mode, 'self');
});

test('JSON data of every plain kind is still taken: null prototypes, -0, and a polluted Object.prototype', (t) => {
    const reference = engine.assess(JSON.stringify(fullAnswers));
    const bare = Object.assign(Object.create(null), fullAnswers);
    bare.answers = Object.assign(Object.create(null), fullAnswers.answers);
    assert.deepEqual(engine.assess(bare), reference);
    assert.deepEqual(engine.logic({ '+': [-0, 1] }), { result: 1 });
    // An enumerable key inherited from Object.prototype is none of a document's own keys (JSON.stringify skips it).
    Object.defineProperty(Object.prototype, 'inheritedByEveryObject', { value: () => 0, enumerable: true,
        configurable: true });
    t.after(() => delete Object.prototype.inheritedByEveryObject);
    assert.deepEqual(engine.assess(fullAnswers), reference);
});

test('after every kind of refused value the instance answers as before', () => {
    const reference = JSON.stringify(engine.assess(fullAnswers));
    for (const [, input] of notJsonCases) engine.assess(input);
    engine.assess(answersWith({ leg_pain: deepArray(100_000) }));
    assert.equal(JSON.stringify(engine.assess(fullAnswers)), reference);
});
