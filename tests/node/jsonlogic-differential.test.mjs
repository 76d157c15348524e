// Differential test of RootCheck's JsonLogic (engine.logic through the WebAssembly build) against two other
// implementations, json-logic-engine (LogicEngine) and json-logic-js: random rules and data from fast-check, seeded
// and with a fixed number of runs, so a run is repeatable (ROOTCHECK_DIFF_SEED picks another seed).
//
// Every difference is traced to the operation where it starts: the smallest sub-rule whose own operands, evaluated
// alone (for an iterator's body: per element, or per reduce step, with the values RootCheck computed), agree between
// RootCheck and the peer but whose result does not. That operation and its operand values decide what happens:
// - operands outside what the community suites define (../shared/jsonlogic-suites; `suiteDefines` below: e.g. cat of
//   an array, min of a string, a var default taken for a null value) are counted, not judged;
// - otherwise the difference must be a deliberate one: an entry of `deliberate` for that peer, operation and kind of
//   difference (RootCheck errs where the peer gives a value, or the reverse, or both err differently, or both give
//   different values), naming the suite case that decides it. The first test checks each such case: RootCheck passes
//   it, the peer fails it, and the peer's failure starts at that operation with that kind of difference.
// Any other difference fails the test, with the seed, the smallest rule fast-check shrinks it to, and both answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { jsonEqual, newEngine, repo } from './support.mjs';

const require = createRequire(import.meta.url);
const { LogicEngine } = require('json-logic-engine');
const jsonLogic = require('json-logic-js');

const seed = Number(process.env.ROOTCHECK_DIFF_SEED ?? 16);
const numRuns = 10000;
const suitesDir = process.env.ROOTCHECK_JSONLOGIC_SUITES ?? resolve(repo, '../shared/jsonlogic-suites');

const rootcheck = await newEngine();
// Interpreted: by default LogicEngine optimises each new rule, and after 500 rules it has not seen again it switches
// to interpreting for good; the two differ, so a run would change peer halfway. Interpreting throughout is repeatable.
const logicEngine = new LogicEngine(undefined, { disableInterpretedOptimization: true });

// ---- The three implementations, answering {result} or {error: type} ----

// What the peers throw: LogicEngine throws NaN itself, {type} objects, or {message} from try; anything else (a
// TypeError from inside the library) is kept as its text.
function thrownType(thrown) {
    if (typeof thrown === 'number' && Number.isNaN(thrown)) return 'NaN';
    if (thrown && typeof thrown === 'object' && !(thrown instanceof Error)) {
        const inner = thrown.type ?? thrown.message;
        if (inner !== undefined) return thrownType(inner);
    }
    return typeof thrown === 'string' ? thrown : `${thrown}`;
}

// The peers get their own copy of rule and data as plain JSON objects (fast-check's records are not).
function runPeer(apply, rule, data) {
    const [ownRule, ownData] = JSON.parse(JSON.stringify([rule, data]));
    try {
        return { result: apply(ownRule, ownData) };
    } catch (thrown) {
        return { error: thrownType(thrown) };
    }
}

const implementations = {
    rootcheck: (rule, data) => {
        const answer = rootcheck.logic(rule, data);
        return 'error' in answer ? { error: answer.error.type ?? JSON.stringify(answer.error) } : answer;
    },
    'json-logic-engine': (rule, data) => runPeer((r, d) => logicEngine.run(r, d), rule, data),
    'json-logic-js': (rule, data) => runPeer((r, d) => jsonLogic.apply(r, d), rule, data),
};
const peers = ['json-logic-engine', 'json-logic-js'];

const sameAnswer = (a, b) =>
    ('error' in a ? 'error' in b && a.error === b.error : 'result' in b && jsonEqual(a.result, b.result));

function differenceKind(ours, theirs) {
    if ('error' in ours) return 'error' in theirs ? 'both-error' : 'error-vs-value';
    return 'error' in theirs ? 'value-vs-error' : 'value-vs-value';
}

// Text for messages: non-finite numbers and undefined spelled out (JSON.stringify would print null or drop them).
const show = (value) => JSON.stringify(value, (key, v) =>
    (v === undefined ? 'undefined' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

// ---- Where a difference starts ----

const operation = (rule) => (rule !== null && typeof rule === 'object' && !Array.isArray(rule)
    ? Object.keys(rule)[0] : undefined);
const operandsOf = (rule) => {
    const operands = rule[operation(rule)];
    return Array.isArray(operands) ? operands : [operands];
};
const iterators = new Set(['map', 'filter', 'all', 'some', 'none']);

// The sub-rules evaluated against the same data as `rule` (an iterator's body sees other data: iterationContexts).
function sameDataParts(rule) {
    if (Array.isArray(rule)) return rule;
    const op = operation(rule);
    if (op === undefined || ['var', 'missing', 'missing_some'].includes(op)) return [];
    const operands = operandsOf(rule);
    if (iterators.has(op)) return operands.slice(0, 1);
    if (op === 'reduce') return [operands[0], operands[2]].filter((operand) => operand !== undefined);
    return operands;
}

// An iterator's body with each data it is evaluated against, from RootCheck's values of the array (and of the
// accumulator, for reduce): [[body, data], ...].
function iterationContexts(rule, data) {
    const op = operation(rule);
    if (!iterators.has(op) && op !== 'reduce') return [];
    const [arrayRule, body, initial] = operandsOf(rule);
    const array = implementations.rootcheck(arrayRule, data).result;
    if (!Array.isArray(array)) return [];
    if (op !== 'reduce') return array.map((element) => [body, element]);
    const start = initial === undefined ? { result: null } : implementations.rootcheck(initial, data);
    if ('error' in start) return [];  // the reduce fails before its body runs
    const contexts = [];
    let accumulator = start.result;
    for (const current of array) {
        contexts.push([body, { current, accumulator }]);
        const step = implementations.rootcheck(body, { current, accumulator });
        if ('error' in step) break;  // the reduce ends there
        accumulator = step.result;
    }
    return contexts;
}

// The smallest sub-rule of `rule` (with the data it is evaluated against) on which `peer` differs from RootCheck,
// given that they differ on `rule` itself.
function divergence(rule, data, peer) {
    const differs = ([part, partData]) =>
        !sameAnswer(implementations.rootcheck(part, partData), implementations[peer](part, partData));
    const inner = sameDataParts(rule).map((part) => [part, data]).find(differs) ??
        iterationContexts(rule, data).find(differs);
    return inner ? divergence(inner[0], inner[1], peer) : { rule, data };
}

// ---- What the suites define ----

// The kinds of value the suites tell apart: a string is numeric ("3", "-1", "2.5", "1e2"), empty or text; a numeric
// string beyond the range of a double ("1e2100", which cat can build) is a kind of its own, which no case holds.
function kindOf(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    if (typeof value === 'string') {
        if (value === '') return 'empty';
        if (!/^-?\d+(\.\d+)?(e\d+)?$/.test(value)) return 'text';
        return Number.isFinite(Number(value)) ? 'numeric' : 'huge';
    }
    return typeof value;  // boolean, number, object
}
const isScalar = (value) => !['array', 'object'].includes(kindOf(value));
const isString = (value) => typeof value === 'string';

// The pairs of kinds two-operand comparisons are defined on (comparison/*.json: "(1n, As)", "(null, 1)", "(1, true)",
// "[] and [1]", "{} and 1", "(a, b)", "(3s, 21n)", ...), as "kind,kind" in either order. Strings against strings
// compare as text whatever they hold ("< with (2023, 2024-01-01)").
const comparablePairs = new Set(['number,number', 'number,numeric', 'number,text', 'boolean,boolean', 'boolean,number',
    'boolean,null', 'null,number', 'array,array', 'array,number', 'number,object']);
const comparable = (a, b) => (isString(a) && isString(b) && a !== '' && b !== '') ||
    comparablePairs.has([kindOf(a), kindOf(b)].sort().join(','));

const eagerOperators = new Set(['+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'in', 'merge']);

// The value at a dotted path, or undefined when a step is missing; `through` collects the values stepped through.
function atPath(data, path, through = []) {
    let value = data;
    for (const key of String(path).split('.')) {
        through.push(value);
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
        value = value[key];
    }
    return value;
}

// Whether the suites define operation `op` on these operand values (RootCheck's values; the peer agrees on them,
// that is where the difference starts).
function suiteDefines(rule, data) {
    const op = operation(rule);
    if (op === undefined) return true;
    const operands = operandsOf(rule);
    const values = () => operands.map((operand) => implementations.rootcheck(operand, data).result);
    // The suites fix the order of evaluation for the lazy operators only (comparison/*.json "is lazily evaluated",
    // control/*.json "will not evaluate"): for the others, when an operand fails, which failure wins is not defined.
    if (eagerOperators.has(op) && operands.some((operand) => 'error' in implementations.rootcheck(operand, data))) {
        return false;
    }
    switch (op) {
        case '+': case '*':  // arithmetic/plus.json, multiply.json: every kind (text, arrays and objects give NaN)
            return true;
        case '-': case '/': {  // minus.json, divide.json: one operand a number or what converts to one; no objects
            const found = values();
            return found.length === 1
                ? ['number', 'numeric', 'boolean', 'empty', 'null'].includes(kindOf(found[0]))
                : found.every((value) => kindOf(value) !== 'object');
        }
        case '%':  // modulo.json: one operand is an error whatever it is; else numbers, strings, booleans, arrays
            return operands.length === 1 ||
                values().every((value) => ['number', 'numeric', 'text', 'boolean', 'array'].includes(kindOf(value)));
        case '<': case '<=': case '>': case '>=': case '==': case '!=': {
            const found = values();  // three operands: numbers only (lessThan.json "< with 3 arguments")
            if (found.length === 2) return comparable(found[0], found[1]);
            return found.every((value) => kindOf(value) === 'number');
        }
        case '===': case '!==':  // strictEquals.json: scalars of every kind; arrays and objects never
            return values().every(isScalar);
        case 'min': case 'max':  // chained.json, compatible.json: numbers only
            return values().every((value) => kindOf(value) === 'number');
        case 'cat':  // string/cat.json: strings, numbers, booleans, null
            return values().every(isScalar);
        case 'substr': {  // string/substr.json: a string or a number, integer positions
            const [text, ...positions] = values();
            return (isString(text) || typeof text === 'number') && positions.every(Number.isInteger);
        }
        case 'in': {  // string/in.json: a string needle in a non-empty string or an array ("" only holds "test")
            const [needle, haystack] = values();
            return isString(needle) && ((isString(haystack) && haystack !== '') || Array.isArray(haystack));
        }
        case '!': {  // control/not.json: {"!": x} for a value x; an operation there whose array result would be read
            // as the operand list (chained.json reads it so for max, cat and + only) is not defined
            const written = rule[op];
            return Array.isArray(written) || operation(written) === undefined || !Array.isArray(values()[0]);
        }
        case 'var': {  // compatible.json, var.extra.json: paths through objects; a default for a missing value
            const [path, fallback] = Array.isArray(operands[0]) ? operands[0] : operands;
            const through = [];
            const value = atPath(data, path, through);
            return through.every((step) => step === null || typeof step === 'object') &&
                (fallback === undefined || value !== null);
        }
        case 'missing': case 'missing_some': {  // compatible.json: values present or absent, never null or ""
            const paths = op === 'missing' ? operands : operands[1] ?? [];
            return paths.every((path) => ![null, ''].includes(atPath(data, path)));
        }
        case 'map': case 'filter': case 'all': case 'some': case 'none': case 'reduce': {
            // array/*.json: an array, or a var that finds nothing; not a string, number or object. reduce.json starts
            // from a number or "" (or nothing)
            const array = implementations.rootcheck(operands[0], data).result;
            const initial = op === 'reduce' && operands.length > 2 ? implementations.rootcheck(operands[2], data) : {};
            const startsWell = !('error' in initial) &&
                (!('result' in initial) || ['number', 'empty'].includes(kindOf(initial.result)));
            return (Array.isArray(array) || (operation(operands[0]) === 'var' && array === null)) && startsWell;
        }
        default:  // merge, truthiness and the control operators: every kind (array/merge.json, control/*.json)
            return true;
    }
}

// ---- Deliberate differences: where a peer departs from the suites ----
//
// Each names the peer, the operation where the difference starts, its kind, and the suite case that decides it,
// which the peer fails in the same way, or, with `example`, a case RootCheck passes that the peer also passes but
// departs from elsewhere: the example shows where (and `when`, given the operation's operands and their values,
// narrows the entry to that departure). json-logic-js predates the suites' error values (NaN, Invalid Arguments): it
// returns NaN, Infinity, null or a plain value where they expect an error, and reads "" and booleans with parseFloat.
const deliberate = [
    ['json-logic-js', '+', 'error-vs-value', 'arithmetic/plus.json', 'Addition with string produces NaN'],
    ['json-logic-js', '+', 'value-vs-value', 'arithmetic/plus.json', 'Addition with Multiple Value Types'],
    ['json-logic-js', '-', 'error-vs-value', 'arithmetic/minus.json', 'Subtraction with string produces NaN'],
    ['json-logic-js', '*', 'error-vs-value', 'arithmetic/multiply.json', 'Multiply with string produces NaN'],
    ['json-logic-js', '*', 'value-vs-value', 'arithmetic/multiply.json', 'Multiply with Multiple Value Types (3)'],
    ['json-logic-js', '/', 'error-vs-value', 'arithmetic/divide.json', 'Divide by Zero'],
    ['json-logic-js', '%', 'error-vs-value', 'arithmetic/modulo.json', 'Modulo with string produces NaN'],
    ['json-logic-js', '<', 'error-vs-value', 'comparison/lessThan.json', '< with (1n, As)'],
    ['json-logic-js', '<=', 'error-vs-value', 'comparison/lessThanEquals.json', '<= with (1n, As)'],
    ['json-logic-js', '>', 'error-vs-value', 'comparison/greaterThan.json', '> with (1n, As)'],
    ['json-logic-js', '>=', 'error-vs-value', 'comparison/greaterThanEquals.json', '>= with (1n, As)'],
    ['json-logic-js', '==', 'error-vs-value', 'comparison/softEquals.json', '== with (1n, As)'],
    ['json-logic-js', '==', 'value-vs-value', 'comparison/softEquals.json', '== with (null, 0)'],
    ['json-logic-js', '!=', 'error-vs-value', 'comparison/softNotEquals.json', '!= with (1n, As)'],
    ['json-logic-js', '!=', 'value-vs-value', 'comparison/softNotEquals.json', '!= with (null, 0)'],
    ['json-logic-js', 'all', 'error-vs-value', 'array/all.json', 'Missing array returns error'],
    ['json-logic-js', 'some', 'error-vs-value', 'array/some.json', 'Missing array returns error'],
    ['json-logic-js', 'none', 'error-vs-value', 'array/none.json', 'Missing array returns error'],
    ['json-logic-engine', 'all', 'error-vs-value', 'array/all.json', 'Missing array returns error'],
    ['json-logic-engine', 'some', 'error-vs-value', 'array/some.json', 'Missing array returns error'],
    ['json-logic-engine', 'none', 'error-vs-value', 'array/none.json', 'Missing array returns error'],
    ['json-logic-engine', 'substr', 'value-vs-error', 'string/substr.json',
        'Substr with non-string input returns empty'],
    // json-logic-engine divides by a string "0" into an infinity (a number 0 it catches).
    ['json-logic-engine', '/', 'error-vs-value', 'arithmetic/divide.json', 'Any division by zero should return NaN',
        { example: [{ '/': [-1, '0'] }, null],
            when: (operands, answers) => answers.slice(1).some(({ result }) => result === '0') }],
].map(([peer, op, kind, file, description, departure = {}]) => ({ peer, op, kind, file, description, ...departure }));

// The entry for a difference starting at `rule` (with `data`), or undefined. `when` gets the operands as written and
// RootCheck's answer for each alone.
function deliberateFor(peer, kind, rule, data) {
    const op = operation(rule);
    return deliberate.find((entry) => entry.peer === peer && entry.op === op && entry.kind === kind &&
        (!entry.when || entry.when(operandsOf(rule),
            operandsOf(rule).map((operand) => implementations.rootcheck(operand, data)))));
}

// ---- The classification of one generated case ----

// For each peer, its answer and how it compares: same, outside (the difference starts outside the suites' domain),
// entry (a deliberate difference) or unexplained (a message).
function compare(rule, data) {
    const ours = implementations.rootcheck(rule, data);
    return peers.map((peer) => {
        const theirs = implementations[peer](rule, data);
        if (sameAnswer(ours, theirs)) return { peer, theirs, same: true };
        const start = divergence(rule, data, peer);
        if (!suiteDefines(start.rule, start.data)) return { peer, theirs, outside: true };
        const startOurs = implementations.rootcheck(start.rule, start.data);
        const startTheirs = implementations[peer](start.rule, start.data);
        const kind = differenceKind(startOurs, startTheirs);
        const entry = deliberateFor(peer, kind, start.rule, start.data);
        if (entry) return { peer, theirs, entry };
        return {
            peer,
            theirs,
            unexplained: `${peer} differs (${kind}) at ${show(start.rule)} with data ${show(start.data)}: RootCheck ` +
                `${show(startOurs)}, ${peer} ${show(startTheirs)}; whole rule: RootCheck ${show(ours)}, ` +
                `${peer} ${show(theirs)}`,
        };
    });
}

// ---- Generated rules and data ----

const number = fc.constantFrom(0, 1, 2, 3, -1, 10, 0.5, -1.5, 2.25);
const scalar = fc.oneof(
    fc.constantFrom(null, true, false),
    number,
    fc.constantFrom('', 'a', 'b', 'abc', '0', '1', '2.5', '-1', 'A', 'true', 'null', '1e2'));
const shortArray = fc.array(scalar, { maxLength: 3 });
const data = fc.record({
    a: scalar, b: scalar, c: fc.oneof(scalar, shortArray), n: fc.constant(null), arr: shortArray,
    obj: fc.record({ x: scalar, y: fc.oneof(scalar, shortArray) }),
});
const path = fc.constantFrom('a', 'b', 'c', 'n', 'arr', 'arr.0', 'arr.1', 'arr.5', 'obj', 'obj.x', 'obj.y', 'obj.x.z',
    'missing');
const operands = (operand, minLength, maxLength) => fc.array(operand, { minLength, maxLength });
const operationOf = (op, operandsArbitrary) => operandsArbitrary.map((value) => ({ [op]: value }));
const position = fc.integer({ min: -4, max: 4 });

const { rule } = fc.letrec((tie) => ({
    rule: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        scalar,
        operationOf('var', fc.oneof(path, fc.tuple(path, scalar))),
        operationOf('missing', operands(path, 0, 3)),
        operationOf('missing_some', fc.tuple(fc.integer({ min: 0, max: 3 }), operands(path, 0, 3))),
        ...['+', '*', 'cat', 'and', 'or', 'merge'].map((op) => operationOf(op, operands(tie('rule'), 1, 3))),
        // min and max are defined on numbers only: mostly numbers, so that most of them are judged
        ...['min', 'max'].map((op) => operationOf(op, operands(fc.oneof(number, number, tie('rule')), 1, 3))),
        operationOf('-', operands(tie('rule'), 1, 2)),
        ...['/', '%', '==', '===', '!=', '!==', '<', '>', '<=', '>=', 'in']
            .map((op) => operationOf(op, operands(tie('rule'), 2, 2))),
        ...['<', '<='].map((op) => operationOf(op, operands(tie('rule'), 3, 3))),
        operationOf('!', tie('rule')),
        operationOf('!!', operands(tie('rule'), 1, 1)),
        operationOf('if', operands(tie('rule'), 1, 5)),
        operationOf('?:', operands(tie('rule'), 3, 3)),
        operationOf('substr', fc.oneof(fc.tuple(tie('rule'), position), fc.tuple(tie('rule'), position, position))),
        ...[...iterators].map((op) => operationOf(op, fc.tuple(tie('array'), tie('body')))),
        operationOf('reduce', fc.tuple(tie('array'), tie('reducer'), tie('rule'))),
    ),
    array: fc.oneof(shortArray.map((array) => ({ merge: [array] })),
        operationOf('var', fc.constantFrom('arr', 'c', 'obj.y', 'missing'))),
    body: fc.oneof(
        fc.constant({ var: '' }),
        ...['+', '*', 'cat', '==', '<', '>', '!!', 'in']
            .map((op) => operationOf(op, fc.tuple(fc.constant({ var: '' }), scalar))),
    ),
    reducer: fc.oneof(...['+', '*', 'cat', 'max', 'min']
        .map((op) => operationOf(op, fc.constant([{ var: 'current' }, { var: 'accumulator' }])))),
}));

// ---- The tests ----

function loadCases() {
    const index = JSON.parse(readFileSync(join(suitesDir, 'index.json'), 'utf8'));
    return index.flatMap((file) => JSON.parse(readFileSync(join(suitesDir, file), 'utf8'))
        .filter((entry) => typeof entry === 'object')
        .map((entry) => ({ file, ...entry })));
}

const passes = (testCase, answer) => ('error' in testCase
    ? answer.error === testCase.error.type : 'result' in answer && jsonEqual(answer.result, testCase.result));

test('each deliberate difference is decided by its suite case, and the peer departs from it as the entry says', () => {
    const cases = loadCases();
    for (const entry of deliberate) {
        const label = `${entry.peer} ${entry.op} ${entry.kind}: ${entry.file}: ${entry.description}`;
        const testCase = cases.find((candidate) =>
            candidate.file === entry.file && candidate.description === entry.description);
        assert.ok(testCase, `${label}: no such suite case`);
        const caseData = testCase.data ?? null;
        assert.ok(passes(testCase, implementations.rootcheck(testCase.rule, caseData)), `${label}: RootCheck fails it`);
        if (!entry.example) {
            const onCase = implementations[entry.peer](testCase.rule, caseData);
            assert.ok(!passes(testCase, onCase), `${label}: ${entry.peer} passes it (${show(onCase)})`);
        }
        const [rule, data] = entry.example ?? [testCase.rule, caseData];
        const ours = implementations.rootcheck(rule, data);
        const theirs = implementations[entry.peer](rule, data);
        assert.ok(!sameAnswer(ours, theirs), `${label}: no difference on ${show(rule)}`);
        const start = divergence(rule, data, entry.peer);
        const kind = differenceKind(implementations.rootcheck(start.rule, start.data),
            implementations[entry.peer](start.rule, start.data));
        assert.equal(deliberateFor(entry.peer, kind, start.rule, start.data), entry,
            `${label}: the difference starts at ${show(start.rule)} (${kind})`);
    }
});

test(`RootCheck's logic agrees with json-logic-engine and json-logic-js on ${numRuns} generated rules (seed ${seed})`,
    () => {
        const tally = new Map();
        const count = (key) => tally.set(key, (tally.get(key) ?? 0) + 1);
        let unexplained;
        try {
            fc.assert(fc.property(rule, data, (generatedRule, generatedData) => {
                const outcomes = compare(generatedRule, generatedData);
                for (const outcome of outcomes) {
                    if (outcome.unexplained) {
                        unexplained = outcome.unexplained;
                        return false;
                    }
                    if (outcome.same) count(`${outcome.peer}: same answer`);
                    if (outcome.outside) count(`${outcome.peer}: differs outside the suites`);
                    if (outcome.entry) count(`${outcome.peer}: deliberate, ${outcome.entry.op} ${outcome.entry.kind}`);
                }
                // Outside the suites nothing is judged, but both peers answering alike against RootCheck is worth
                // seeing in the output.
                const [first, second] = outcomes;
                if (first.outside && second.outside && sameAnswer(first.theirs, second.theirs)) {
                    count('both peers alike against RootCheck, outside the suites');
                }
                return true;
            }), { seed, numRuns });
        } catch (error) {
            assert.fail(`seed ${seed}: ${unexplained ?? 'the property threw'}\n${error.message}`);
        }
        console.log(`JsonLogic differential: ${numRuns} rules, seed ${seed}; answers by peer:`);
        for (const [key, times] of [...tally].sort()) console.log(`  ${key}: ${times}`);
    });
