// The result document over the real rule set, for every vignette's answers and the full answers document: it
// validates against rules/schema/result.schema.json, and its cited items name sources by id with one `sources` map
// (the schema's `sources`) holding exactly the ids cited, each with its text from rules/sources.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { answersDocument, readVignettes } from '../../web/cli/vignette-files.mjs';
import { repo, rulesDir, newEngine, readJson, compileSchema } from './support.mjs';

const engine = await newEngine();
const catalogue = readJson(join(rulesDir, 'sources.json')).sources;
const fullAnswers = readJson(join(repo, 'tests/bench/full-answers.json'));

// name -> answers document: every vignette, and the full document in both modes.
const documents = new Map([
    ['full-answers.json', fullAnswers],
    ['full-answers.json in self mode', { ...fullAnswers, mode: 'self' }],
    ['empty document', {}],
    ...readVignettes(join(repo, 'tests/vignettes')).map(({ vignette }) => [vignette.id, answersDocument(vignette)]),
]);

const compileResultSchema = () => compileSchema('result.schema.json');

// Every cited item of a result: triage reasons, pain-type, root and mechanism evidence, advice, safety net.
function citedItems(result) {
    return [
        ...result.triage.reasons,
        ...result.pain_type.evidence,
        ...result.roots.flatMap((root) => root.evidence),
        ...result.mechanisms.flatMap((mechanism) => mechanism.evidence),
        ...result.advice,
        ...result.safety_net,
    ];
}

test('every result validates against rules/schema/result.schema.json', () => {
    const validate = compileResultSchema();
    assert.ok(documents.size > 100, `only ${documents.size} documents`);
    for (const [name, document] of documents) {
        const result = engine.assess(document);
        assert.ok(validate(result), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
});

test('the schema refuses a result that repeats citation texts or lacks its sources map', () => {
    const validate = compileResultSchema();
    const result = engine.assess(fullAnswers);
    const { sources, ...withoutMap } = result;
    assert.ok(Object.keys(sources).length > 0);
    assert.equal(validate(withoutMap), false, 'a result without `sources`');
    const textInstead = structuredClone(result);
    textInstead.advice[0].source = sources[textInstead.advice[0].source];
    assert.equal(validate(textInstead), false, 'a citation text where a source id belongs');
});

test('cited items name sources by id; `sources` holds exactly those ids with their rules/sources.json texts', () => {
    const everCited = new Set();
    for (const [name, document] of documents) {
        const result = engine.assess(document);
        const cited = new Set(citedItems(result).map((item) => item.source));
        for (const id of cited) {
            assert.ok(Object.hasOwn(catalogue, id), `${name}: "${id}" is not a source id of rules/sources.json`);
            everCited.add(id);
        }
        assert.deepEqual(Object.keys(result.sources), [...cited].sort(), `${name}: sources keys = cited ids, sorted`);
        for (const [id, text] of Object.entries(result.sources)) assert.equal(text, catalogue[id], `${name}: ${id}`);
    }
    // The documents cite many sources between them, so the map is really filled per result.
    assert.ok(everCited.size >= 10, `only ${everCited.size} distinct sources cited`);
});

test('each citation text appears once in the result text', () => {
    const text = JSON.stringify(engine.assess(fullAnswers));
    for (const citation of Object.values(engine.assess(fullAnswers).sources)) {
        assert.equal(text.split(JSON.stringify(citation)).length - 1, 1, citation);
    }
});
