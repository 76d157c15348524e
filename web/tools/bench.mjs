// `npm run bench`: builds the WebAssembly engine and the native `rootcheck_bench` (native-release preset, optimised),
// then runs the benches in tests/bench/ (tests/bench/bench.mjs prints the table and sets the exit status).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, repo } from './build.mjs';

try {
    build(['wasm-release', 'native-release']);
} catch (error) {
    console.error(`bench: build failed: ${error.message}`);
    process.exit(1);
}
const bench = spawnSync(process.execPath, [join(repo, 'tests/bench/bench.mjs')], { cwd: repo, stdio: 'inherit' });
process.exitCode = bench.status ?? 1;
