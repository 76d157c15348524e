// `npm run bench`: runs every tests/bench/*.bench.mjs (each exports `title` and `run()` -> rows), each in a Node
// process of its own (run-bench.mjs), one after the other, and prints one table: measure, value, target, PASS/FAIL
// (ERROR when a bench could not run). Exits 1 on any FAIL or ERROR. A new bench is a new *.bench.mjs file. The whole
// run takes 2 to 3 minutes on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../../web/cli/table.mjs';
import { verdict } from './support.mjs';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const names = readdirSync(benchDir).filter((name) => name.endsWith('.bench.mjs')).sort();

// One bench in a new process: its {title, rows}, or an ERROR row when it wrote none (it crashed or was killed).
function runAlone(name) {
    const child = spawnSync(process.execPath, [join(benchDir, 'run-bench.mjs'), name],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
    try {
        return JSON.parse(child.stdout);
    } catch {
        const why = child.error?.message ?? `exited with ${child.status ?? child.signal} and wrote no result`;
        return { title: name, rows: [{ measure: 'could not run', value: why, target: '', ok: 'error' }] };
    }
}

// Timings depend on what else runs: the table starts with the machine's load when the run began.
const rows = [{ title: 'machine', measure: `load average (1, 5, 15 min), ${cpus().length} cores`,
    value: loadavg().map((load) => load.toFixed(2)).join(', '), target: '', ok: null }];
for (const name of names) {
    process.stderr.write(`running ${name} ...\n`);
    const { title, rows: benchRows } = runAlone(name);
    for (const line of benchRows) rows.push({ ...line, title });
}

process.stdout.write(formatTable(['bench', 'measure', 'value', 'target', 'result'],
    rows.map((line) => [line.title, line.measure, line.value, line.target, verdict(line.ok)])));
process.exitCode = rows.some((line) => line.ok === false || line.ok === 'error') ? 1 : 0;
