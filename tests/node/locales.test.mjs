// Locales on demand through the JavaScript API (web/engine-core.js's header, add_locale in cpp/engine/engine.h): the
// built-in set carries English only; Spanish is the file rules/ holds (Node) or web/dist/locales/es.json (browsers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, newEngine, readJson, runCli } from './support.mjs';

const manifest = readJson(join(repo, 'rules/manifest.json'));
const spanishFile = readFileSync(join(repo, 'rules', manifest.locales.es), 'utf8');
const spanishBuilt = readFileSync(join(repo, 'web/dist/locales/es.json'), 'utf8');
const document = { answers: { leg_pain: 'yes', age: 40 }, locale: 'es' };

const onDemand = () => newEngine({ localesOnDemand: true });

test('in Node, createEngine adds every locale: nothing waits, Spanish works as before', async () => {
    const engine = await newEngine();
    const info = engine.info();
    assert.deepEqual(info.locales, Object.keys(manifest.locales).sort());
    assert.deepEqual(info.locales_to_load, []);
    assert.equal(engine.questionnaire('es').locale, 'es');
    assert.equal(engine.assess(document).error, undefined);
});

test('on demand, a locale not added yet is locale_not_loaded for questionnaire, assess and next', async () => {
    const engine = await onDemand();
    const info = engine.info();
    assert.deepEqual(info.locales_to_load, ['es']);
    assert.ok(info.locales.includes('es'), 'info() still lists every locale of the set');
    for (const reply of [engine.questionnaire('es'), engine.assess(document), engine.next(document)]) {
        assert.equal(reply.error?.code, 'locale_not_loaded');
        assert.equal(reply.error.path, '/locale');
    }
    // English, built in, needs nothing; an unknown locale is what it always was.
    assert.equal(engine.questionnaire('en').locale, 'en');
    assert.equal(engine.questionnaire('fr').error.code, 'unknown_locale');
});

test('addLocale takes the Spanish file as rules/ holds it and as the build writes it, and nothing else', async () => {
    const reference = (await newEngine()).questionnaire('es', 'clinician');
    for (const text of [spanishFile, spanishBuilt, new TextEncoder().encode(spanishFile)]) {
        const engine = await onDemand();
        const added = engine.addLocale('es', text);
        assert.equal(added.error, undefined, JSON.stringify(added));
        assert.deepEqual(added.locales_to_load, []);
        assert.deepEqual(engine.questionnaire('es', 'clinician'), reference);
        // Adding it again, or the built-in default, changes nothing.
        assert.deepEqual(engine.addLocale('es', 'anything'), added);
        assert.deepEqual(engine.addLocale('en', 'anything'), added);
    }

    const engine = await onDemand();
    const changed = spanishFile.replace('"ui.start": "', '"ui.start": "¡');
    assert.notEqual(changed, spanishFile);
    for (const text of [changed, '', '{}', spanishFile.replace('{', '[')]) {
        const refused = engine.addLocale('es', text);
        assert.equal(refused.error?.code, 'invalid_locale', JSON.stringify(refused));
        assert.equal(refused.error.path, '/text');
        assert.match(refused.error.message, /locales\/es\.json/);
    }
    assert.deepEqual(engine.info().locales_to_load, ['es'], 'a refused text leaves the locale waiting');
    assert.equal(engine.addLocale('fr', spanishFile).error.code, 'unknown_locale');
    assert.deepEqual(engine.addLocale(7, spanishFile).error, {
        code: 'wrong_type', message: 'expected a string, got number', path: '/locale' });
    assert.equal(engine.addLocale('es', { text: spanishFile }).error.path, '/text');
});

test('loadLocale reads the file once however many ask, and answers what is not waiting at once', async () => {
    const engine = await onDemand();
    const [first, second] = await Promise.all([engine.loadLocale('es'), engine.loadLocale('es')]);
    assert.deepEqual(first, second);
    assert.deepEqual(first.locales_to_load, []);
    assert.equal(engine.questionnaire('es').locale, 'es');
    assert.deepEqual(await engine.loadLocale('en'), engine.info());
    assert.equal((await engine.loadLocale('fr')).error.code, 'unknown_locale');
});

test('a rule set given at run time is checked whole, every locale in: nothing waits', async () => {
    const files = { 'manifest.json': JSON.stringify(manifest) };
    for (const path of [...Object.values(manifest.files), ...Object.values(manifest.locales)]) {
        files[path] = readFileSync(join(repo, 'rules', path), 'utf8');
    }
    const engine = await onDemand();
    const builtIn = engine.info();
    const spanishAdded = await onDemand();
    spanishAdded.addLocale('es', spanishFile);
    const loaded = engine.loadRules(files);
    assert.equal(loaded.error, undefined);
    assert.deepEqual(loaded.locales_to_load, []);
    // The same set: the built-in fingerprint covers the Spanish it left out, and Spanish added on demand reads as
    // Spanish checked at load.
    assert.equal(loaded.rules.sha256, builtIn.rules.sha256);
    for (const mode of ['self', 'clinician']) {
        assert.deepEqual(engine.questionnaire('es', mode), spanishAdded.questionnaire('es', mode));
    }
    assert.deepEqual(engine.assess(document), spanishAdded.assess(document));
    const withoutSpanish = { ...files };
    delete withoutSpanish[manifest.locales.es];
    assert.equal(engine.loadRules(withoutSpanish).error.code, 'invalid_rules');
});

test('the CLI still assesses and shows Spanish documents', () => {
    const { status, stdout } = runCli(['assess', '-'], { input: JSON.stringify(document) });
    assert.equal(status, 0, stdout);
    assert.equal(JSON.parse(stdout).locale, 'es');
});
