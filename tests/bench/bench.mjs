// `npm run bench`: runs every tests/bench/*.bench.mjs (each exports `title` and `run()` -> rows) and prints one
// table: measure, value, target, PASS/OVER (ERROR when a bench could not run). Exits 1 on any OVER or ERROR. A new bench is a new *.bench.mjs file.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../../web/cli/table.mjs';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const names = readdirSync(benchDir).filter((name) => name.endsWith('.bench.mjs')).sort();

const rows = [];
for (const name of names) {
    const bench = await import(new URL(name, import.meta.url));
    process.stderr.write(`running ${bench.title} ...\n`);
    try {
        for (const line of await bench.run()) rows.push({ ...line, title: bench.title });
    } catch (error) {
        rows.push({ title: bench.title, measure: 'could not run', value: error.message, target: '', ok: 'error' });
    }
}

const verdict = (ok) => ({ true: 'PASS', false: 'OVER', error: 'ERROR' })[ok] ?? '';
process.stdout.write(formatTable(['bench', 'measure', 'value', 'target', 'result'],
    rows.map((line) => [line.title, line.measure, line.value, line.target, verdict(line.ok)])));
process.exitCode = rows.some((line) => line.ok === false || line.ok === 'error') ? 1 : 0;
