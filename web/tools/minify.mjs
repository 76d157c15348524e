// Minifies an ES module in place with terser (a devDependency): names shortened, comments and whitespace gone. What
// gets this from `npm run build`:
// - the widget's two bundle files (web/tools/bundle.mjs), which is what a visitor downloads and parses: measured when
//   the widget was one file of 21 modules, 125 KB -> 66 KB, 32.4 -> 22.7 KB gzip. The readable sources stay in web/
//   (web/root-check.js also runs unbundled).
// - Emscripten's ES module glue for the engine, web/dist/rootcheck-engine.js, which the JS API and the CLI import:
//   31.5 -> 15.5 KB, 8.6 -> 5.8 KB gzip (Emscripten leaves its local names long without the Closure Compiler, which
//   needs Java). The bundle includes the glue, so the bundler must still read it: a trailing `export default x;` is
//   kept on a line of its own (web/tools/bundle.mjs reads module syntax line by line).
// Class names are kept for readable errors and stack traces.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

export class MinifyError extends Error {}

const terserCli = () => createRequire(import.meta.url).resolve('terser/bin/terser');

/**
 * Rewrites the ES module at `path` minified, with `header` (one line, without the comment marker) as its first line;
 * returns {bytes}. Throws a MinifyError with terser's message.
 */
export function minifyModule(path, header) {
    let cli;
    try {
        cli = terserCli();
    } catch {
        throw new MinifyError('terser is not installed: run `npm ci`');
    }
    const child = spawnSync(process.execPath, [cli, path, '--module', '--compress', '--mangle', '--keep-classnames'],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (child.error) throw new MinifyError(`terser: ${child.error.message}`);
    if (child.status !== 0) throw new MinifyError(`terser failed on ${path}: ${child.stderr.trim()}`);
    const code = child.stdout.trimEnd().replace(/;export default ([\w$]+);$/, ';\nexport default $1;');
    const text = `// ${header}\n${code}\n`;
    writeFileSync(path, text);
    return { bytes: Buffer.byteLength(text) };
}
