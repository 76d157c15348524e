// Runs one bench of tests/bench/ in this process and writes {title, rows} as JSON to stdout (progress and the
// bench's own messages go to stderr). bench.mjs starts one such process per bench, so that no bench runs in a
// process another has used: Playwright's modules and heap alone made instantiating an engine 3 times slower in the
// same process (its collector's work competes with the timed code), and earlier engines leave garbage behind.
//
//   node tests/bench/run-bench.mjs NAME.bench.mjs
// A bench that throws is reported as one row with ok 'error' (the table's ERROR), and this process exits 0: the
// exit status says whether a result was written, not whether its targets were met.
const name = process.argv[2];
const bench = await import(new URL(name, import.meta.url));
let rows;
try {
    rows = await bench.run();
} catch (error) {
    rows = [{ measure: 'could not run', value: error.message, target: '', ok: 'error' }];
}
process.stdout.write(JSON.stringify({ title: bench.title, rows }));
