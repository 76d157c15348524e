// Download size of the engine: gzip (zlib level 9) of web/dist/rootcheck-engine.wasm and .js; target: sum <= 130 KB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, row } from './support.mjs';

const targetBytes = 130 * 1024;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export const title = 'engine size (gzip -9)';

export async function run() {
    const sizes = ['rootcheck-engine.wasm', 'rootcheck-engine.js'].map((name) => {
        const bytes = readFileSync(join(distDir, name));
        return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
    return [
        ...sizes.map((size) => row(`${size.name} gzip (raw ${kb(size.raw)})`, kb(size.gzip))),
        row('.wasm + .js gzip', kb(total), `<= ${kb(targetBytes)}`, total <= targetBytes),
    ];
}
