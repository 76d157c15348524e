// A writer slower than its reader, for the CLI's standard-input tests (cli-stdin.test.mjs):
//   node slow-writer.mjs FILE CHUNK_BYTES DELAY_MS
// writes FILE to standard output CHUNK_BYTES at a time, waiting DELAY_MS after each chunk, so the reader at the other
// end of the pipe finds it empty many times before the end. Exits 0 once everything is written, 3 when the reader
// closed the pipe first (it stopped reading: the old CLI failed like that).
import { readFileSync } from 'node:fs';

const [file, chunkBytes, delayMs] = process.argv.slice(2);
const bytes = readFileSync(file);
const step = Number(chunkBytes);

process.stdout.on('error', () => process.exit(3));
for (let offset = 0; offset < bytes.length; offset += step) {
    await new Promise((written) => process.stdout.write(bytes.subarray(offset, offset + step), written));
    await new Promise((wait) => setTimeout(wait, Number(delayMs)));
}
