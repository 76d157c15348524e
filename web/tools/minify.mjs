// Minifies an ES module in place with terser (a devDependency): names shortened, comments and whitespace gone. What
// gets this from `npm run build`:
// - the widget's two bundle files, which esbuild writes (web/tools/bundle.mjs) and are what a visitor downloads and
//   parses. terser rather than esbuild's own minifier, which leaves both files larger (the commit that made this
//   choice has the figures).
// - Emscripten's ES module glue for the engine, web/dist/rootcheck-engine.js, which the JS API and the CLI import
//   (about half its size). Emscripten leaves its local names long without the Closure Compiler, which needs Java.
// Class names are kept for readable errors and stack traces.
//
// A file whose functions nearly all run while the page starts (the widget's first file, the engine's glue) can ask
// for V8's explicit compile hint: the magic comment `//# allFunctionsCalledOnLoad` on its first line makes Chrome
// (136 and later) compile every function of the file on the background thread that streams it, instead of each one
// on the main thread at its first call. Engines without the feature (Node 20's V8 among them) ignore the comment.
// Measured on this machine, interleaved pairs without and with it: instantiate -> info() in a cold page
// (engine-ready bench, api.js, hint on dist/rootcheck-engine.js), faster with it in all five pairs, by 1 to 6 ms
// (26.0 -> 24.4, 27.6 -> 24.2, 35.0 -> 31.2, 29.8 -> 23.8, 28.9 -> 27.8 ms); navigation -> Start of the demo (page
// bench, hint on both files), faster in three pairs of four (166.9 -> 156.1, 167.1 -> 161.3, 167.2 -> 164.4; 152.7
// -> 161.3 ms), within that bench's noise. Not on root-check-later.js, which loads after the first question and
// runs one screen at a time.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

export class MinifyError extends Error {}

const terserCli = () => createRequire(import.meta.url).resolve('terser/bin/terser');

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The lines minifyModule() puts before the code: the compile hint (when `calledOnLoad`) and `header`. */
export const minifiedPreamble = (header, { calledOnLoad = false } = {}) =>
    `${calledOnLoad ? `${COMPILE_HINT}\n` : ''}// ${header}\n`;

/**
 * Rewrites the ES module at `path` minified, after minifiedPreamble(header, options): `header` is one line without
 * the comment marker; `calledOnLoad` adds the compile hint above it. Returns {bytes}. Throws a MinifyError with
 * terser's message.
 */
export function minifyModule(path, header, options = {}) {
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
    const text = `${minifiedPreamble(header, options)}${child.stdout.trimEnd()}\n`;
    writeFileSync(path, text);
    return { bytes: Buffer.byteLength(text) };
}
