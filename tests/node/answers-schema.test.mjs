// rules/schema/answers.schema.json against the rule set it describes: it names exactly the questions of the
// questionnaire, accepts every answer the questionnaire offers (as the engine does), and refuses what the engine
// refuses. Host pages and FHIR mappings validate against this schema, so an answer the widget can give must pass it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { answersDocument, readVignettes } from '../../web/cli/vignette-files.mjs';
import { repo, newEngine, compileSchema } from './support.mjs';

const engine = await newEngine();
const validate = compileSchema('answers.schema.json');
// Clinician mode shows every question (the examination too).
const questionnaire = engine.questionnaire('en', 'clinician');

// Every value the questionnaire offers for `question`: each option (and, for multi and region questions, none and
// all of them together), and the ends of a numeric range.
function offeredValues(question) {
    switch (question.type) {
    case 'choice': return question.options.map((option) => option.value);
    case 'multi': {
        const values = question.options.map((option) => option.value);
        return [[], values, ...values.map((value) => [value])];
    }
    case 'regions': {
        const regions = questionnaire.regions.map((region) => region.id);
        return [[], regions, ...regions.map((region) => [region])];
    }
    default: return [question.min, question.max];
    }
}

const accepted = (answers) => {
    const valid = validate({ answers });
    return { valid, errors: JSON.stringify(validate.errors) };
};

test('the answers schema names exactly the questions of the questionnaire', () => {
    const schemaIds = Object.keys(validate.schema.properties.answers.properties).sort();
    const questionIds = questionnaire.questions.map((question) => question.id).sort();
    assert.deepEqual(schemaIds, questionIds);
});

test('the answers schema accepts every answer the questionnaire offers, and so does the engine', () => {
    let checked = 0;
    for (const question of questionnaire.questions) {
        for (const value of offeredValues(question)) {
            const answers = { [question.id]: value };
            const { valid, errors } = accepted(answers);
            assert.ok(valid, `${question.id} = ${JSON.stringify(value)}: ${errors}`);
            const result = engine.assess({ answers, mode: 'clinician' });
            assert.equal(result.error, undefined, `${question.id} = ${JSON.stringify(value)}: ${JSON.stringify(result.error)}`);
            checked += 1;
        }
    }
    assert.ok(checked > 300, `only ${checked} answers checked`);
});

test('the answers schema and the engine both refuse an option the questionnaire does not offer', () => {
    for (const question of questionnaire.questions.filter((q) => q.type === 'choice')) {
        const answers = { [question.id]: 'maybe_later' };
        assert.equal(accepted(answers).valid, false, question.id);
        assert.equal(engine.assess({ answers, mode: 'clinician' }).error?.code, 'unknown_value', question.id);
    }
    assert.equal(accepted({ not_a_question: 'yes' }).valid, false);
});

test('every vignette answers document validates against the answers schema', () => {
    const vignettes = readVignettes(join(repo, 'tests/vignettes'));
    for (const { vignette } of vignettes) {
        assert.ok(validate(answersDocument(vignette)), `${vignette.id}: ${JSON.stringify(validate.errors)}`);
    }
});
