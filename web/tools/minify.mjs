// Minifies an ES module in place with terser (a devDependency): names shortened, comments and whitespace gone. What
// gets this from `npm run build`:
// - the widget's two bundle files, which esbuild writes (web/tools/bundle.mjs) and are what a visitor downloads and
//   parses. terser rather than esbuild's own minifier, which leaves both files larger (the commit that made this
//   choice has the figures).
// - Emscripten's ES module glue for the engine, web/dist/rootcheck-engine.js, which the JS API and the CLI import
//   (about half its size). Emscripten leaves its local names long without the Closure Compiler, which needs Java.
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
    const text = `// ${header}\n${child.stdout.trimEnd()}\n`;
    writeFileSync(path, text);
    return { bytes: Buffer.byteLength(text) };
}
