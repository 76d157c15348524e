// Shared by the benches: repository paths, the engine, timing statistics and the row format bench.mjs prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(repo, 'web/dist');

export async function newEngine() {
    const { createEngine } = await import('../../web/api.js');
    return createEngine({ wasmBinary: readFileSync(join(distDir, 'rootcheck-engine.wasm')) });
}

export const fullAnswersText = () => readFileSync(join(repo, 'tests/bench/full-answers.json'), 'utf8');

// The q-quantile (0..1) of sorted numbers, nearest rank.
export function quantile(sorted, q) {
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// One line of the bench table. `ok`: true (PASS), false (FAIL: the target is missed), null (no target: reported
// only); bench.mjs uses 'error' for a bench that could not run (ERROR).
export function row(measure, value, target = '', ok = null) {
    return { measure, value, target, ok };
}

// The table's result column for a row's `ok`.
export const verdict = (ok) => ({ true: 'PASS', false: 'FAIL', error: 'ERROR' })[ok] ?? '';
