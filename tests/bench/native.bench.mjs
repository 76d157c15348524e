// The same assess measured natively, by the `rootcheck_bench` program of the C++ build (the native-release preset:
// `cmake --build --preset native-release`), or the one $ROOTCHECK_NATIVE_BENCH names. Reported for comparison, no
// target; when no such program is built, the table says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repo, row } from './support.mjs';

export const title = 'assess (native)';

// The first file named rootcheck_bench under `dir`, depth first.
function findIn(dir) {
    for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (name === 'rootcheck_bench' && statSync(path).isFile()) return path;
        if (statSync(path).isDirectory() && !name.startsWith('.') && name !== 'CMakeFiles') {
            const found = findIn(path);
            if (found) return found;
        }
    }
    return null;
}

function findBench() {
    if (process.env.ROOTCHECK_NATIVE_BENCH) return process.env.ROOTCHECK_NATIVE_BENCH;
    const buildDir = join(repo, 'build');
    if (!existsSync(buildDir)) return null;
    const presets = readdirSync(buildDir).filter((name) => name.startsWith('native')).sort((a, b) =>
        (b === 'native-release') - (a === 'native-release') || a.localeCompare(b));
    for (const preset of presets) {
        const found = findIn(join(buildDir, preset));
        if (found) return found;
    }
    return null;
}

export async function run() {
    const bench = findBench();
    if (!bench) return [row('native bench', 'not built (no build/native-*/**/rootcheck_bench)')];
    const child = spawnSync(bench, [join(repo, 'tests/bench/full-answers.json')], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${bench} exited ${child.status}: ${child.stderr.trim()}`);
    // Each line of the program reads `<measure>: <value>`.
    return child.stdout.trim().split('\n').map((line) => {
        const [measure, value] = line.split(/:\s+/, 2);
        return row(`native ${measure}`, value);
    });
}
