// Bundles the widget into one file, web/dist/root-check.js, for the pages and for embedding: one request instead of
// about twenty. A browser opens about six connections per site, so the separate modules of root-check.js arrive in
// waves (three on the demo, some 40 ms apart on localhost) before the element can be defined. web/root-check.js and
// the modules it imports stay the source and still work unbundled; `npm run build` writes the bundle after the
// engine (whose ES module glue, web/dist/rootcheck-engine.js, is part of it).
//
// This is not a general bundler. It accepts only the module syntax the widget uses and throws naming the file and
// the construct otherwise:
//   import { a, b as c } from './x.js';     import x from './x.js';     import('./x.js')  (static path)
//   export function f / export async function f / export const x / export class C / export default x;
// Each module becomes a function scope evaluated once, in the order ES modules evaluate (imports first, depth first),
// returning its exports; imports read them from there. `import.meta.url` becomes the module's own URL, computed from
// the bundle's, so relative URLs (stylesheets, the .wasm) resolve as they do unbundled. The entry module (top-level
// await allowed) runs last, at the top level of the bundle. Lines that are only a // comment are left out (a quarter
// of the gzipped bundle); that is safe because no template literal of the widget spans lines, which the bundler checks.
//
// Two files. The bundle holds the entry, what it imports (statically or dynamically: the entry starts both halves of
// the widget at once) and everything those import statically; a dynamic import of one of these resolves to its
// already evaluated exports. A module that other modules import only dynamically, after the start (the body diagram,
// the results screen, the summary, sharing, FHIR), goes with whatever only it needs into a second file beside the
// bundle (laterName: root-check-later.js): the first dynamic import of any of them fetches that file once and
// evaluates its modules, which read what they need from the bundle's; so a page does not download them before the
// person starts. A failed fetch is tried again on the next import. Without such modules there is no second file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('../', import.meta.url));
export const entryPath = join(webRoot, 'root-check.js');
export const bundlePath = join(webRoot, 'dist', 'root-check.js');
// The second file, beside the bundle (see the header).
const laterName = (bundle) => bundle.replace(/\.js$/, '') + '-later.js';

const STATIC_IMPORT = /^import\s+(?:\{([^}]*)\}|([A-Za-z_$][\w$]*))\s+from\s+'([^']+)';?[ \t]*$/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
const EXPORT_DECLARATION = /^export\s+(async\s+function|function|const|class)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_DEFAULT = /^export\s+default\s+([A-Za-z_$][\w$]*);?[ \t]*$/gm;

class BundleError extends Error {}

const where = (file) => relative(webRoot, file);
const urlPath = (file) => relative(webRoot, file).split('\\').join('/');

// { file: {source, imports: [file], exports: [[exported, local]]} } for the entry and every module it reaches.
function readModules(entry) {
    const modules = new Map();
    const order = []; // evaluation order: a module after everything it imports
    const visit = (file, chain) => {
        if (chain.includes(file)) throw new BundleError(`import cycle: ${[...chain, file].map(where).join(' -> ')}`);
        if (modules.has(file)) return;
        let source;
        try {
            source = readFileSync(file, 'utf8');
        } catch (error) {
            throw new BundleError(`${chain.length ? where(chain.at(-1)) : 'entry'}: cannot read ${where(file)}`);
        }
        const module = { file, source, imports: [], staticImports: [], dynamicImports: [] };
        modules.set(file, module);
        const target = (specifier) => resolve(dirname(file), specifier);
        for (const match of source.matchAll(STATIC_IMPORT)) module.staticImports.push(target(match[3]));
        for (const match of source.matchAll(DYNAMIC_IMPORT)) module.dynamicImports.push(target(match[1]));
        module.imports = [...module.staticImports, ...module.dynamicImports];
        for (const imported of module.imports) visit(imported, [...chain, file]);
        order.push(module);
    };
    visit(entry, []);
    return order;
}

// The files that go into the bundle itself (see the header): the entry, its imports of either kind, and the static
// imports of those, transitively. The rest are imported only dynamically, after the start.
function startFiles(order, entry) {
    const byFile = new Map(order.map((module) => [module.file, module]));
    const start = new Set();
    const add = (file) => {
        if (start.has(file)) return;
        start.add(file);
        for (const imported of byFile.get(file).staticImports) add(imported);
    };
    add(entry);
    for (const imported of byFile.get(entry).dynamicImports) add(imported);
    return start;
}

const bindingName = (file) => `__module_${urlPath(file).replace(/[^A-Za-z0-9]/g, '_')}`;

// The module's text with its imports, exports and import.meta.url rewritten; throws on any module syntax left. A
// dynamic import of a module in `later` (a module of the bundle importing one of the second file) loads that file.
function rewrite(module, later = new Set()) {
    const from = (specifier) => bindingName(resolve(dirname(module.file), specifier));
    const exports = [];
    let text = module.source.replace(STATIC_IMPORT, (whole, names, defaultName, specifier) => {
        if (!specifier.startsWith('.')) throw new BundleError(`${where(module.file)}: cannot bundle '${specifier}'`);
        if (defaultName) return `const ${defaultName} = ${from(specifier)}.default;`;
        const bindings = names.split(',').map((name) => name.trim()).filter(Boolean)
            .map((name) => name.replace(/\s+as\s+/, ': '));
        return `const { ${bindings.join(', ')} } = ${from(specifier)};`;
    });
    text = text.replace(DYNAMIC_IMPORT, (whole, specifier) => (later.has(resolve(dirname(module.file), specifier))
        ? `__loadLater().then((modules) => modules.${from(specifier)})`
        : `Promise.resolve(${from(specifier)})`));
    text = text.replace(EXPORT_DECLARATION, (whole, kind, name) => {
        exports.push([name, name]);
        return `${kind} ${name}`;
    });
    text = text.replace(EXPORT_DEFAULT, (whole, name) => {
        exports.push(['default', name]);
        return '';
    });
    text = text.replaceAll('import.meta.url', '__moduleUrl');
    const leftover = text.match(/^\s*(import\s[^(]|export\s)[^\n]*/m);
    if (leftover) throw new BundleError(`${where(module.file)}: unsupported module syntax: ${leftover[0].trim()}`);
    return { text, exports };
}

// The 1-based line numbers where a template literal that spans lines starts (strings and comments skipped; a
// regular expression holding a quote or a backtick can confuse this scan, which then errs towards finding one).
function multilineTemplates(source) {
    const found = [];
    let line = 1;
    for (let i = 0; i < source.length; i += 1) {
        const c = source[i];
        if (c === '\n') line += 1;
        else if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) - 1;
        else if (c === '/' && source[i + 1] === '*') {
            const end = source.indexOf('*/', i + 2);
            line += (source.slice(i, end).match(/\n/g) || []).length;
            i = end + 1;
        } else if (c === "'" || c === '"' || c === '`') {
            const start = line;
            for (i += 1; i < source.length && source[i] !== c; i += 1) {
                if (source[i] === '\\') i += 1;
                else if (source[i] === '\n') line += 1;
            }
            if (c === '`' && line !== start) found.push(start);
        }
        if (i < 0) break; // a // comment on the last line
    }
    return found;
}

function withoutCommentLines(module, text) {
    const spanning = multilineTemplates(module.source);
    if (spanning.length > 0) {
        throw new BundleError(`${where(module.file)}: a template literal spans lines (line ${spanning[0]}); the ` +
            'bundler leaves out lines that are only a // comment and cannot tell them from template text');
    }
    return text.split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n');
}

// One module as a function scope that returns its exports (the entry: a plain block, it exports nothing).
function moduleCode(module, entry, later, urlOf) {
    const { text: rewritten, exports } = rewrite(module, later);
    const text = withoutCommentLines(module, rewritten);
    const url = `new URL(${urlOf(module.file)}, import.meta.url).href`;
    if (module.file === entry) {
        if (exports.length > 0) throw new BundleError(`${where(entry)}: the entry module must not export`);
        return [`// ---- ${where(module.file)}`, '{', `const __moduleUrl = ${url};`, text, '}'];
    }
    const returned = exports.map(([exported, local]) => (exported === local ? local : `${exported}: ${local}`));
    return [`// ---- ${where(module.file)}`, `const ${bindingName(module.file)} = (() => {`,
        `const __moduleUrl = ${url};`, text, `return Object.freeze({ ${returned.join(', ')} });`, '})();'];
}

/**
 * Writes web/dist/root-check.js from web/root-check.js, and beside it web/dist/root-check-later.js when some modules
 * are imported only dynamically after the start (see the header); returns {path, modules, laterPath, laterModules,
 * bytes}, laterPath null when there is no second file (a stale one is then removed).
 */
export function bundleWidget({ entry = entryPath, output = bundlePath } = {}) {
    const modules = readModules(entry);
    const start = startFiles(modules, entry);
    const startModules = modules.filter((module) => start.has(module.file));
    const laterModules = modules.filter((module) => !start.has(module.file));
    const later = new Set(laterModules.map((module) => module.file));
    // The bundle's modules that the second file's import: handed to its `install`.
    const shared = [...new Set(laterModules.flatMap((module) => module.imports).filter((file) => start.has(file)))]
        .map(bindingName).join(', ');
    const outputDir = dirname(output);
    const laterPath = laterName(output);
    const urlOf = (file) => JSON.stringify(relative(outputDir, file).split('\\').join('/'));
    const parts = [
        `// Generated by web/tools/bundle.mjs from ${startModules.length} modules of web/ (entry ${where(entry)}). Do not edit.`,
    ];
    if (laterModules.length > 0) {
        // Fetched and evaluated once, on the first dynamic import of one of its modules; a failure is forgotten, so
        // the next import tries again, under another URL: a module that failed to load stays failed at its URL (the
        // page's module map). The modules of the second file read the bundle's through `install`.
        parts.push(
            'let __laterModules = null;',
            'let __laterTries = 0;',
            `const __laterUrl = () => new URL(${JSON.stringify(`./${basename(laterPath)}`)} + (__laterTries++ > 0 ? \`?retry=\${__laterTries - 1}\` : ''), import.meta.url).href;`,
            `const __loadLater = () => (__laterModules ??= import(__laterUrl())`,
            `    .then((file) => file.install({ ${shared} }))`,
            '    .catch((error) => { __laterModules = null; throw error; }));');
    }
    for (const module of startModules) parts.push(...moduleCode(module, entry, later, urlOf));
    const bundle = `${parts.join('\n')}\n`;
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(output, bundle);
    let bytes = Buffer.byteLength(bundle);
    if (laterModules.length === 0) {
        rmSync(laterPath, { force: true });
    } else {
        const laterParts = [
            `// Generated by web/tools/bundle.mjs: the ${laterModules.length} modules of web/ that ${basename(output)} loads ` +
                'only when one of them is first imported. Do not edit.',
            `export function install({ ${shared} }) {`,
        ];
        for (const module of laterModules) laterParts.push(...moduleCode(module, entry, new Set(), urlOf));
        laterParts.push(`return { ${laterModules.map((module) => bindingName(module.file)).join(', ')} };`, '}');
        const laterText = `${laterParts.join('\n')}\n`;
        writeFileSync(laterPath, laterText);
        bytes += Buffer.byteLength(laterText);
    }
    return {
        path: output, modules: startModules.map((module) => where(module.file)),
        laterPath: laterModules.length > 0 ? laterPath : null, laterModules: laterModules.map((module) => where(module.file)),
        bytes,
    };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    try {
        const { path, modules, laterPath, laterModules, bytes } = bundleWidget();
        const second = laterPath ? ` and ${where(laterPath)}, ${laterModules.length} modules` : '';
        console.log(`bundle: ${where(path)}, ${modules.length} modules${second}, ${(bytes / 1024).toFixed(1)} KB`);
    } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        console.error(`bundle failed: ${error.message}`);
        process.exitCode = 1;
    }
}
