// Bundles the widget into two files in web/dist/ with esbuild, for the pages and for embedding, and minifies them
// with terser (web/tools/minify.mjs). web/root-check.js and the modules it imports stay the source and still work
// unbundled; `npm run build` runs this after the engine, whose ES module glue (dist/rootcheck-engine.js) is part of
// the first file. Run alone: `node web/tools/bundle.mjs`.
//
// root-check.js: the entry and every module it reaches at the start, one request instead of about twenty (a browser
// opens about six connections per site, so separate modules arrive in waves before the element can be defined).
// root-check-later.js: widget/later.js and what only it reaches (the body diagram, the results screen, the summary,
// sharing, FHIR), which the element imports dynamically once the first question shows: the first import of later.js
// fetches this file, so a page does not download it before the person starts; a failed fetch is tried again on the
// next import, under another URL (`?retry=n`: a module that failed to load stays failed at its URL in the page's
// module map). Its modules use the first file's (dom.js, icons.js, ...), which run once, there.
//
// Not esbuild's code splitting (`splitting: true`): it puts the modules both halves use in a third file that the
// first imports, one more request before the first question (and a larger first file); esbuild cannot make a second
// file that takes modules from the first. So esbuild runs three times (and once more
// to read export names), with plugins that add virtual modules:
// 1. a probe of the first file: which modules it holds and which its dynamic imports load;
// 2. the second file (format iife, wrapped here in `export function install(shared) {...}`, which returns later.js's
//    exports): each module of the first file that it imports is a stand-in reading that module's exports from
//    `shared`. It does not import the first file: a query string on the page's script URL would make that a second
//    copy of the widget;
// 3. the first file (format esm). Before the entry runs, a module (rootcheck:register) puts the namespaces of the
//    modules its dynamic imports load and of those the second file takes in a list (rootcheck:registry). A dynamic
//    import resolves to a stand-in whose namespace is a thenable (it exports `then`), which `import()` adopts: for a
//    module of the first file, `then` gives its namespace from the list; for later.js, it imports the second file
//    (once; forgotten on failure) and gives what `install(list)` returns. esbuild would otherwise make each module
//    a lazy initialiser (`__esm`), which makes the first file larger. So the modules the entry imports
//    dynamically run before it rather than when imported, as with the hand-written bundler before: the widget's
//    modules only define things at the top level, the entry alone acts.
// Each module's `import.meta.url` is its own URL, computed from the bundle file's, so that relative URLs (stylesheets,
// the .wasm, the locales) resolve as they do unbundled; other import.meta properties refer to the bundle file.
import { build as esbuild } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyModule } from './minify.mjs';

const webRoot = fileURLToPath(new URL('../', import.meta.url));
const entryPath = join(webRoot, 'root-check.js');
const laterEntryPath = join(webRoot, 'widget', 'later.js');
const bundlePath = join(webRoot, 'dist', 'root-check.js');
// The second file, beside the bundle (see the header).
const laterName = (bundle) => bundle.replace(/\.js$/, '') + '-later.js';
const header = 'RootCheck widget, bundled and minified by `npm run build`; its readable sources are in web/.';

export class BundleError extends Error {}

const where = (file) => relative(webRoot, file).split(sep).join('/');

// esbuild's errors (and warnings, which would otherwise pass unseen: an import.meta the second file cannot have) as
// one BundleError naming the file and line.
function bundleError(messages) {
    const file = (name) => (name.includes(':') ? name : where(resolve(name))); // a virtual module: namespace:path
    const lines = messages.map(({ text, location }) => (location ? `${file(location.file)}:${location.line}: ${text}`
        : text));
    return new BundleError(lines.join('; '));
}

async function run(options) {
    let result;
    try {
        result = await esbuild({
            bundle: true, write: false, metafile: true, logLevel: 'silent', charset: 'utf8',
            external: ['node:*'], // engine-core.js reads the .wasm with node:fs when it runs in Node
            ...options,
        });
    } catch (error) {
        if (!error.errors) throw error;
        throw bundleError([...error.errors, ...error.warnings]);
    }
    if (result.warnings.length > 0) throw bundleError(result.warnings);
    return result;
}

// The modules of a build, as absolute paths (the virtual modules below, named `namespace:path`, left out).
const inputsOf = (result) => Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'))
    .map((input) => resolve(input));

// Each module that uses import.meta.url gets its own URL, from the bundle file's (__bundleUrl, which each file
// declares at its top); `define` then makes import.meta.url that module's __moduleUrl. `used` records whether any did.
function moduleUrls(outputDir, used = { any: false }) {
    return {
        name: 'module-urls',
        setup(build) {
            build.initialOptions.define = { ...build.initialOptions.define, 'import.meta.url': '__moduleUrl' };
            build.onLoad({ filter: /\.m?js$/, namespace: 'file' }, (args) => {
                const source = readFileSync(args.path, 'utf8');
                if (!source.includes('import.meta')) return undefined;
                used.any = true;
                const url = JSON.stringify(relative(outputDir, args.path).split(sep).join('/'));
                return { // on the first line, so that esbuild's messages give the source's line numbers
                    contents: `const __moduleUrl = new URL(${url}, __bundleUrl).href; ${source}`,
                    loader: 'js', resolveDir: dirname(args.path),
                };
            });
        },
    };
}

const relativeSpecifier = /^\.{1,2}\//;

// A static import of later.js would put the second file's modules in the first: refused.
function staticLaterImport(args, laterEntry) {
    if (args.kind === 'dynamic-import' || resolve(args.resolveDir, args.path) !== laterEntry) return undefined;
    return { errors: [{ text: `${where(laterEntry)} must be imported dynamically only: it starts the second file` }] };
}

// The first build, to learn the first file's modules: records which modules its dynamic imports load
// (`dynamic`, files) and whether one loads later.js (`reached`), which stays out.
function firstFileProbe(laterEntry, dynamic, reached) {
    return {
        name: 'first-file-probe',
        setup(build) {
            build.onResolve({ filter: relativeSpecifier }, (args) => {
                const refused = staticLaterImport(args, laterEntry);
                if (refused || args.kind !== 'dynamic-import') return refused;
                const file = resolve(args.resolveDir, args.path);
                if (file !== laterEntry) {
                    dynamic.add(file);
                    return undefined;
                }
                reached.any = true;
                return { path: file, external: true };
            });
        },
    };
}

// The first file (see the header). `registered` lists the modules whose namespaces go into the registry, a list
// filled before the entry runs: those the first file imports dynamically, then those the second file takes.
// rootcheck:register imports them (and with them everything, so nothing is wrapped) and fills the registry;
// a dynamic import of one resolves to a stand-in whose `then` gives its namespace from the registry; a dynamic
// import of later.js to a stand-in that loads the second file and installs it with the registry.
function firstFile(laterEntry, laterFile, registered) {
    const sources = {
        registry: 'export const modules = [];',
        register: [
            ...registered.map((file, i) => `import * as module${i} from ${JSON.stringify(file)};`),
            'import { modules } from "rootcheck:registry";',
            `modules.push(${registered.map((file, i) => `module${i}`).join(', ')});`,
        ].join('\n'),
        later: [
            'import { modules } from "rootcheck:registry";',
            'let installing = null;',
            'let tries = 0;',
            'export function then(resolve, reject) {',
            '    if (installing === null) {',
            '        const retry = tries > 0 ? `?retry=${tries}` : "";',
            `        const url = new URL(${JSON.stringify(`./${laterFile}`)} + retry, __bundleUrl).href;`,
            '        tries += 1;',
            '        installing = import(url).then((file) => file.install(modules));',
            '        installing.catch(() => { installing = null; });',
            '    }',
            '    installing.then(resolve, reject);',
            '}',
        ].join('\n'),
    };
    const standIn = (index) => ['import { modules } from "rootcheck:registry";',
        `export const then = (resolve) => resolve(modules[${index}]);`].join('\n');
    return {
        name: 'first-file',
        setup(build) {
            build.onResolve({ filter: /^rootcheck:/ }, (args) => ({ path: args.path.slice('rootcheck:'.length),
                namespace: 'rootcheck' }));
            build.onResolve({ filter: relativeSpecifier }, (args) => {
                const refused = staticLaterImport(args, laterEntry);
                if (refused || args.kind !== 'dynamic-import') return refused;
                const file = resolve(args.resolveDir, args.path);
                if (file === laterEntry) return { path: 'later', namespace: 'rootcheck' };
                return { path: `import/${where(file)}`, namespace: 'rootcheck',
                    pluginData: { index: registered.indexOf(file) } };
            });
            build.onLoad({ filter: /.*/, namespace: 'rootcheck' }, (args) => ({
                contents: sources[args.path] ?? standIn(args.pluginData.index), loader: 'js', resolveDir: webRoot,
            }));
        },
    };
}

// The export names of each module in `files` ({file: [name]}).
async function exportsOf(files, outputDir) {
    const result = await run({ entryPoints: files, format: 'esm', outdir: outputDir });
    const names = {};
    for (const output of Object.values(result.metafile.outputs)) {
        if (output.entryPoint) names[resolve(output.entryPoint)] = output.exports;
    }
    return names;
}

// For each export name, quoted so that `default` and any other name work: `"name"<separator>export<i>`, and the
// export list that gives each of them back under its name.
const named = (names, separator) => names.map((name, i) => `${JSON.stringify(name)}${separator}export${i}`).join(', ');
const exportList = (names) => names.map((name, i) => `export${i} as ${JSON.stringify(name)}`).join(', ');

// In the second file, a module of the first one (in `firstFiles`) becomes a stand-in that reads its exports from
// install's `shared`, the registry; one not registered yet is added to `registered`.
function sharedModules(firstFiles, registered, exportNames) {
    return {
        name: 'shared-modules',
        setup(build) {
            build.onResolve({ filter: relativeSpecifier }, (args) => {
                const file = resolve(args.resolveDir, args.path);
                if (!firstFiles.has(file)) return undefined;
                if (!registered.includes(file)) registered.push(file);
                return { path: where(file), namespace: 'shared', pluginData: { file } };
            });
            build.onLoad({ filter: /.*/, namespace: 'shared' }, ({ pluginData: { file } }) => ({
                contents: `const { ${named(exportNames[file], ': ')} } = shared[${registered.indexOf(file)}];\n` +
                    `export { ${exportList(exportNames[file])} };`,
                loader: 'js',
            }));
        },
    };
}

/**
 * Writes web/dist/root-check.js from web/root-check.js and, when the entry's modules import widget/later.js,
 * web/dist/root-check-later.js beside it (see the header), both minified; returns {path, modules, laterPath,
 * laterModules, bytes}, modules relative to web/, laterPath null when there is no second file (a stale one is then
 * removed). Throws a BundleError naming the file and line of what esbuild or terser refused.
 */
export async function bundleWidget({ entry = entryPath, laterEntry = laterEntryPath, output = bundlePath } = {}) {
    const outputDir = dirname(output);
    const laterPath = laterName(output);
    const dynamic = new Set();
    const reached = { any: false };
    const probe = await run({ entryPoints: [entry], format: 'esm', outfile: output,
        plugins: [firstFileProbe(laterEntry, dynamic, reached), moduleUrls(outputDir)] });
    const firstFiles = new Set(inputsOf(probe));
    const registered = [...dynamic];
    let laterModules = [];
    mkdirSync(outputDir, { recursive: true });
    if (!reached.any) {
        rmSync(laterPath, { force: true });
    } else {
        const exportNames = await exportsOf([laterEntry, ...firstFiles], outputDir);
        const names = exportNames[laterEntry];
        const urls = { any: false };
        const later = await run({
            stdin: {
                contents: `import { ${named(names, ' as ')} } from ${JSON.stringify(laterEntry)};\n` +
                    `installed = { ${named(names, ': ')} };`,
                loader: 'js', resolveDir: dirname(laterEntry), sourcefile: 'rootcheck:install',
            },
            format: 'iife', outfile: laterPath,
            plugins: [sharedModules(firstFiles, registered, exportNames), moduleUrls(outputDir, urls)],
        });
        laterModules = inputsOf(later);
        writeFileSync(laterPath, ['export function install(shared) {',
            ...(urls.any ? ['const __bundleUrl = import.meta.url;'] : []),
            'let installed;', later.outputFiles[0].text, 'return installed;', '}', ''].join('\n'));
    }
    const first = await run({
        stdin: {
            contents: `import "rootcheck:register";\nexport * from ${JSON.stringify(entry)};`,
            loader: 'js', resolveDir: dirname(entry), sourcefile: 'rootcheck:bundle',
        },
        format: 'esm', outfile: output,
        plugins: [firstFile(laterEntry, basename(laterPath), registered), moduleUrls(outputDir)],
    });
    writeFileSync(output, `const __bundleUrl = import.meta.url;\n${first.outputFiles[0].text}`);
    let bytes = 0;
    try {
        // The first file is what the page runs to show the first question: the compile hint (minify.mjs).
        bytes += minifyModule(output, header, { calledOnLoad: true }).bytes;
        if (reached.any) bytes += minifyModule(laterPath, header).bytes;
    } catch (error) {
        throw new BundleError(error.message);
    }
    return {
        path: output, modules: inputsOf(first).map(where),
        laterPath: reached.any ? laterPath : null, laterModules: laterModules.map(where), bytes,
    };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    try {
        const { path, modules, laterPath, laterModules, bytes } = await bundleWidget();
        const second = laterPath ? ` and ${where(laterPath)}, ${laterModules.length} modules` : '';
        console.log(`bundle: ${where(path)}, ${modules.length} modules${second}, ${(bytes / 1024).toFixed(1)} KB`);
    } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        console.error(`bundle failed: ${error.message}`);
        process.exitCode = 1;
    }
}
