// assess by RootCheck's engine (WebAssembly, through the JS API) against the same assess written in JavaScript
// (tests/bench/js-assess.mjs) with its JsonLogic done by json-logic-js (`apply`, interpreted on every call) and by
// json-logic-engine (LogicEngine, each condition compiled once with `build`), on the rules of rules/ and the answers
// of tests/bench/full-answers.json. Each is timed the same way: JSON text in (the answers document) to the result
// out, one call per sample. Out is, for the engine, its reply as the JS API returns it, JSON text decoded and parsed
// into an object; for the JavaScript ones, JSON.stringify text: the engine's figure carries one JSON.parse of its
// 14 KB result that theirs do not, so that parse is timed too and reported beside them.
// The three run in turns of `turn` calls, in a rotating order, so that a busy spell of the machine falls on all of
// them alike. Before timing, each JavaScript result must show the engine's findings (fired list, triage, pain type,
// roots, mechanisms, advice): else the comparison would time different work, and the bench says so (ERROR).
// Reported, no target: the three medians and each library's median over the engine's.
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { join } from 'node:path';
import { createJsAssess, readRuleSet } from './js-assess.mjs';
import { fullAnswersText, newEngine, quantile, repo, row } from './support.mjs';

const warmUp = 2000;
const turns = 10;
const turn = 500; // calls per implementation and turn: 5,000 timed calls each

export const title = 'assess vs JS + JsonLogic libraries (Node)';

// What the comparison needs equal: everything the conditions decide.
const findings = (result) => JSON.stringify({
    fired: result.fired,
    triage: [result.triage.level, result.triage.reasons.map((reason) => reason.id), result.red_flags],
    pain_type: result.pain_type,
    roots: result.roots.map((root) => [root.root, root.side, root.score]),
    mechanisms: result.mechanisms.map((mechanism) => [mechanism.id, mechanism.score]),
    advice: [result.advice.map((item) => item.id), result.safety_net.map((item) => item.id)],
    answered: result.answered,
});

export async function run() {
    const engine = await newEngine();
    const document = fullAnswersText();
    const reference = engine.assess(document);
    if (reference.error) throw new Error(`full-answers.json is refused: ${JSON.stringify(reference.error)}`);
    const set = readRuleSet(join(repo, 'rules'));
    const about = { engine: reference.engine, rules: reference.rules };
    const logicEngine = new LogicEngine();
    const applyEachTime = (rule) => (data) => jsonLogic.apply(rule, data);
    const contenders = [
        { name: 'RootCheck engine (WebAssembly)', assess: (text) => engine.assess(text) },
        { name: 'JS + json-logic-js', assess: createJsAssess(set, applyEachTime, about) },
        { name: 'JS + json-logic-engine', assess: createJsAssess(set, (rule) => logicEngine.build(rule), about) },
    ];
    const referenceText = JSON.stringify(reference);
    const sameDocument = {};
    for (const contender of contenders.slice(1)) {
        const text = contender.assess(document);
        const result = JSON.parse(text);
        if (findings(result) !== findings(reference)) {
            throw new Error(`${contender.name} finds otherwise than the engine: ${findings(result)}`);
        }
        sameDocument[contender.name] = text === referenceText;
    }

    for (const contender of contenders) {
        for (let i = 0; i < warmUp; i++) contender.assess(document);
        contender.micros = new Float64Array(turns * turn);
    }
    for (let t = 0; t < turns; t++) {
        for (let c = 0; c < contenders.length; c++) {
            const contender = contenders[(t + c) % contenders.length];
            for (let i = t * turn; i < (t + 1) * turn; i++) {
                const start = process.hrtime.bigint();
                contender.assess(document);
                contender.micros[i] = Number(process.hrtime.bigint() - start) / 1000;
            }
        }
    }
    const medians = contenders.map((contender) => quantile(contender.micros.sort(), 0.5));
    const parseMicros = new Float64Array(turn);
    for (let i = 0; i < turn; i++) {
        const start = process.hrtime.bigint();
        JSON.parse(referenceText);
        parseMicros[i] = Number(process.hrtime.bigint() - start) / 1000;
    }
    const medianRow = (c) => row(`${contenders[c].name}, median of ${turns * turn}`, `${medians[c].toFixed(1)} µs`);
    return [
        row(`result documents: ${referenceText.length} bytes`, contenders.slice(1).map((contender) =>
            `${contender.name}: ${sameDocument[contender.name] ? 'identical' : 'same findings'}`).join('; ')),
        medianRow(0),
        row(`  of which JSON.parse of its result, median of ${turn}`,
            `${quantile(parseMicros.sort(), 0.5).toFixed(1)} µs`),
        medianRow(1),
        medianRow(2),
        ...contenders.slice(1).map((contender, c) =>
            row(`${contender.name} / engine (medians)`, `${(medians[c + 1] / medians[0]).toFixed(2)} ×`)),
    ];
}
