// The JavaScript API (web/api.js, contract in web/api.d.ts) over the built WebAssembly: shapes of every call,
// plain objects out, the three input forms, determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { repo, wasmPath, newEngine, readJson } from './support.mjs';

const fullAnswers = readJson(join(repo, 'tests/bench/full-answers.json'));
const levelIds = ['emergency', 'urgent', 'soon', 'self_care'];
const engine = await newEngine();

// True when every object in `value` is a plain object (no class instances, no Embind handles).
function plainThroughout(value) {
    if (Array.isArray(value)) return value.every(plainThroughout);
    if (value === null || typeof value !== 'object') return ['string', 'number', 'boolean'].includes(typeof value) ||
        value === null;
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plainThroughout);
}

// Object keys in the order the engine serialised them: sorted, at every level.
function keysSortedThroughout(value) {
    if (Array.isArray(value)) return value.every(keysSortedThroughout);
    if (value === null || typeof value !== 'object') return true;
    const keys = Object.keys(value);
    return keys.every((key, i) => i === 0 || keys[i - 1] < key) && Object.values(value).every(keysSortedThroughout);
}

test('createEngine gives an object with the contract methods', () => {
    for (const method of ['assess', 'next', 'questionnaire', 'info', 'loadRules', 'lint', 'logic', 'fhirQuestionnaire',
        'fhirResponse', 'fromFHIR']) {
        assert.equal(typeof engine[method], 'function', method);
    }
});

test('info names the engine and the rule set', () => {
    const info = engine.info();
    assert.ok(plainThroughout(info));
    assert.equal(info.engine, '1.0.0');
    assert.equal(typeof info.rules.name, 'string');
    assert.match(info.rules.version, /^\d+\.\d+\.\d+/);
    assert.match(info.rules.sha256, /^[0-9a-f]{64}$/);
    assert.ok(info.locales.includes('en'));
    assert.ok(info.locales.includes(info.default_locale));
});

// The built-in set's SHA-256 is computed at build time (cpp/tools/fingerprint_rules.cpp); it must be the digest the
// engine computes at run time for the same rules/ folder.
test('the built-in rule set has the SHA-256 the engine computes for rules/', async () => {
    const manifest = readJson(join(repo, 'rules/manifest.json'));
    const files = { 'manifest.json': readFileSync(join(repo, 'rules/manifest.json'), 'utf8') };
    for (const path of [...Object.values(manifest.files), ...Object.values(manifest.locales)]) {
        files[path] = readFileSync(join(repo, 'rules', path), 'utf8');
    }
    const loaded = await newEngine({ rulesFiles: files });
    assert.equal(engine.info().rules.sha256, loaded.info().rules.sha256);
});

test('questionnaire lists sections, questions, 38 regions, roots, the four levels and ui texts', () => {
    const q = engine.questionnaire();
    assert.ok(plainThroughout(q));
    assert.equal(q.mode, 'self');
    assert.equal(q.locale, q.default_locale);
    assert.deepEqual(q.levels.map((level) => level.id), levelIds);
    assert.equal(q.levels[0].escalate, true);
    assert.deepEqual(q.roots.map((root) => root.id), ['L2', 'L3', 'L4', 'L5', 'S1']);
    assert.equal(q.regions.length, 38);
    for (const region of q.regions) {
        assert.ok(['left', 'right', 'midline'].includes(region.side), region.id);
        assert.ok(['front', 'back'].includes(region.view), region.id);
        assert.equal(typeof region.label, 'string');
    }
    const questionIds = new Set(q.questions.map((question) => question.id));
    for (const section of q.sections) {
        assert.equal(typeof section.title, 'string');
        for (const id of section.questions) assert.ok(questionIds.has(id), `${section.id} lists ${id}`);
    }
    for (const question of q.questions) {
        assert.ok(['choice', 'multi', 'integer', 'number', 'regions'].includes(question.type), question.id);
        assert.ok(question.text.length > 0, `${question.id} has text`);
        if (question.type === 'choice' || question.type === 'multi') {
            assert.ok(question.options.every((option) => typeof option.value === 'string' && option.label.length));
        }
    }
    assert.ok(!questionIds.has('exam_slr_left'), 'examination questions are clinician-only');
    assert.equal(typeof q.ui, 'object');
});

test('clinician questionnaire adds the examination; every other locale works', () => {
    const clinician = engine.questionnaire('en', 'clinician');
    assert.equal(clinician.mode, 'clinician');
    const ids = clinician.questions.map((question) => question.id);
    assert.ok(ids.includes('exam_slr_left'));
    assert.ok(ids.length > engine.questionnaire('en', 'self').questions.length);
    for (const locale of engine.info().locales) assert.equal(engine.questionnaire(locale).locale, locale);
});

test('every key of the full answers document is a question of the clinician questionnaire', () => {
    const ids = new Set(engine.questionnaire('en', 'clinician').questions.map((question) => question.id));
    const unknown = Object.keys(fullAnswers.answers).filter((key) => !ids.has(key));
    assert.deepEqual(unknown, []);
    const missing = [...ids].filter((id) => !(id in fullAnswers.answers));
    assert.deepEqual(missing, [], 'tests/bench/full-answers.json should answer every question');
});

test('assess returns the result document (rules/schema/result.schema.json)', () => {
    const result = engine.assess(fullAnswers);
    assert.ok(plainThroughout(result));
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.ok(levelIds.includes(result.triage.level));
    assert.equal(typeof result.triage.title, 'string');
    assert.equal(typeof result.triage.text, 'string');
    for (const reason of result.triage.reasons) assert.deepEqual(Object.keys(reason), ['id', 'source', 'text']);
    assert.equal(typeof result.escalate, 'boolean');
    assert.ok(Array.isArray(result.red_flags));
    assert.ok(['radicular', 'referred', 'mixed', 'indeterminate'].includes(result.pain_type.classification));
    assert.equal(typeof result.pain_type.radicular, 'number');
    for (const root of result.roots) {
        assert.ok(['L2', 'L3', 'L4', 'L5', 'S1'].includes(root.root));
        assert.ok(['left', 'right', 'both'].includes(root.side));
        assert.ok(root.score > 0 && root.score <= 1);
        assert.ok(Array.isArray(root.regions));
    }
    for (const mechanism of result.mechanisms) assert.equal(typeof mechanism.spinal, 'boolean');
    assert.ok(result.safety_net.length > 0, 'the safety net appears on every result');
    assert.ok(result.fired.every((item) => typeof item === 'string' && item.includes('.')));
    // Only answers to questions visible for these answers count (the document also answers the conditional ones).
    const visible = engine.next(fullAnswers).visible;
    assert.equal(result.answered, Object.keys(fullAnswers.answers).filter((id) => visible.includes(id)).length);
    assert.ok(result.answered < Object.keys(fullAnswers.answers).length);
    assert.equal(result.mode, 'clinician');
    assert.equal(result.locale, 'en');
    assert.deepEqual(result.rules, engine.info().rules);
    assert.equal(result.engine, '1.0.0');
    assert.ok(keysSortedThroughout(result), 'keys are serialised sorted');
});

test('a red flag escalates to emergency', () => {
    const result = engine.assess({ answers: { saddle_numbness: 'yes' } });
    assert.equal(result.triage.level, 'emergency');
    assert.equal(result.escalate, true);
    assert.ok(result.red_flags.includes('ces_saddle_numbness'));
    assert.ok(result.fired.includes('triage.ces_saddle_numbness'));
    assert.ok(result.triage.reasons.some((reason) => reason.id === 'ces_saddle_numbness'));
});

test('assess takes an object, JSON text or UTF-8 bytes alike', () => {
    const text = JSON.stringify(fullAnswers);
    const fromObject = engine.assess(fullAnswers);
    assert.deepEqual(engine.assess(text), fromObject);
    assert.deepEqual(engine.assess(new TextEncoder().encode(text)), fromObject);
});

test('the same input gives the same result, deep-equal and byte-identical, in one engine and across engines',
    async () => {
        const first = engine.assess(fullAnswers);
        const second = engine.assess(fullAnswers);
        assert.deepEqual(second, first);
        assert.equal(JSON.stringify(second), JSON.stringify(first));
        const other = await newEngine();
        assert.equal(JSON.stringify(other.assess(fullAnswers)), JSON.stringify(first));
        assert.equal(JSON.stringify(engine.next(fullAnswers)), JSON.stringify(engine.next(fullAnswers)));
    });

test('an engine made from a compiled module (or its promise) answers like one made from the bytes; one module serves many',
    async () => {
        const { createEngine } = await import('../../web/api.js');
        const compiled = await WebAssembly.compile(readFileSync(wasmPath));
        const expected = JSON.stringify(engine.assess(fullAnswers));
        const fromModule = await createEngine({ wasmModule: compiled });
        const fromPromise = await createEngine({ wasmModule: Promise.resolve(compiled) });
        assert.equal(JSON.stringify(fromModule.assess(fullAnswers)), expected);
        assert.equal(JSON.stringify(fromPromise.assess(fullAnswers)), expected);
        assert.deepEqual(fromPromise.info(), engine.info());
    });

test('a failed compile, or a module that is not the engine, rejects createEngine', async () => {
    const { createEngine } = await import('../../web/api.js');
    await assert.rejects(createEngine({ wasmModule: Promise.reject(new Error('network down')) }), /network down/);
    // The smallest valid module: no exports, so the engine's own start cannot find its functions.
    const empty = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await assert.rejects(createEngine({ wasmModule: empty }));
});

test('next walks the questionnaire', () => {
    const empty = engine.next({ answers: {} });
    assert.ok(plainThroughout(empty));
    assert.equal(typeof empty.next, 'string');
    assert.ok(empty.visible.includes(empty.next));
    assert.equal(empty.progress.answered, 0);
    assert.ok(empty.progress.total > 0);
    assert.equal(empty.progress.fraction, 0);
    assert.equal(empty.complete, false);
    assert.equal(empty.escalate, false);
    assert.ok(levelIds.includes(empty.level));

    const full = engine.next(fullAnswers);
    assert.equal(full.complete, true);
    assert.equal(full.next, null);
    assert.equal(full.progress.fraction, 1);

    const emergency = engine.next({ answers: { saddle_numbness: 'yes' } });
    assert.equal(emergency.level, 'emergency');
    assert.equal(emergency.escalate, true);
});

test('logic evaluates JsonLogic and reports its errors as data', () => {
    assert.deepEqual(engine.logic({ '+': [1, 2] }, null), { result: 3 });
    assert.deepEqual(engine.logic({ var: 'a.b' }, { a: { b: [1, 'x'] } }), { result: [1, 'x'] });
    assert.deepEqual(engine.logic({ throw: 'boom' }, null), { error: { type: 'boom' } });
    assert.equal(engine.logic({ no_such_operator: [] }, null).error.type, 'Unknown Operator');
});

// JsonLogic's numbers behave as JavaScript's: the engine turns numbers into text and text into numbers itself
// (cpp/numbers/decimal.h), and JavaScript is the judge here. Seeded, so every run checks the same values.
test('logic writes and reads numbers exactly as JavaScript does', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const differences = [];
    for (let i = 0; i < 3000; i++) {
        let x;
        if (i % 3 === 0) { // any finite double: every exponent, subnormals included
            words[0] = Math.floor(random() * 2 ** 32);
            words[1] = Math.floor(random() * 2 ** 31);
            x = bits[0];
            if (!Number.isFinite(x)) continue;
        } else if (i % 3 === 1) { // a short decimal, 1e-20 to 1e20 (0.3, 2.5e-7)
            x = Number((random() * 10 ** Math.floor(random() * 40 - 20)).toPrecision(1 + Math.floor(random() * 17)));
        } else { // a measurement (12.5, 0.003)
            x = Math.round(random() * 1e6) / 10 ** Math.floor(random() * 8);
        }
        const written = engine.logic({ cat: [{ var: 'x' }] }, { x }).result;
        if (written !== String(x)) differences.push(`String(${x}): ${written}`);
        const text = ` ${random() < 0.5 ? '-' : ''}${x.toExponential(Math.floor(random() * 25))} `;
        const read = engine.logic({ '+': [{ var: 's' }] }, { s: text }).result;
        if (read !== Number(text)) differences.push(`Number("${text}"): ${read}`);
    }
    // Where String switches between plain digits and exponents (1e21, 1e-7), and the ends of the double range.
    for (const x of [1e21, 1e20, 123456789012345680000, 1e-6, 1e-7, 1.5e-7, 5e-324, 1.7976931348623157e308, 0.1 + 0.2,
        -0, -2.5, 2 ** 53 + 2]) {
        const written = engine.logic({ cat: [{ var: 'x' }] }, { x }).result;
        if (written !== String(x)) differences.push(`String(${x}): ${written}`);
    }
    for (const text of ['1e-400', '2.4703282292062327e-324', '2.4703282292062328e-324', '9007199254740993', '.5',
        '-.5e1', '+3', '1.', `1${'0'.repeat(400)}e-390`]) {
        const read = engine.logic({ '+': [{ var: 's' }] }, { s: text }).result;
        if (read !== Number(text)) differences.push(`Number("${text}"): ${read}`);
    }
    assert.deepEqual(differences.slice(0, 5), []);
});

test('lint of the built-in rule set finds nothing', () => {
    assert.deepEqual(engine.lint(), { problems: [] });
});
