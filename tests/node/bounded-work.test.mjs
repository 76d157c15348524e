// Bounded work in the WebAssembly engine (cpp/jsonlogic/jsonlogic.h, Budget): a short rule that would double an array
// 32 times is stopped with "Budget Exceeded" instead of exhausting the module's memory, and the engine answers the
// next rule as usual, through the CLI (`rootcheck logic`) and through the JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, runCli } from './support.mjs';

const doubling = {
    rule: { reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] },
    data: { xs: Array.from({ length: 32 }, (_, i) => i) },
};
const plain = { rule: { '+': [{ var: 'a' }, 1] }, data: { a: 41 } };

test('logic stops a rule that doubles an array and answers the next line', { timeout: 60_000 }, () => {
    const input = `${JSON.stringify(doubling)}\n${JSON.stringify(plain)}\n`;
    const run = runCli(['logic'], { input });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines, [{ error: { type: 'Budget Exceeded' } }, { result: 42 }]);
});

test('the JS API answers the same, and the same instance goes on working', async () => {
    const engine = await newEngine();
    assert.deepEqual(engine.logic(doubling.rule, doubling.data), { error: { type: 'Budget Exceeded' } });
    assert.deepEqual(engine.logic(plain.rule, plain.data), { result: 42 });
    assert.equal(engine.assess({ answers: { age: 40 } }).error, undefined);
});
