// web/tools/bundle.mjs: the widget bundle the pages load (web/dist/root-check.js, and root-check-later.js for what
// only comes after the questions), written by esbuild and minified with terser (web/tools/minify.mjs): each module in
// one file only, the second file fetched once on the first import of widget/later.js (again after a failure) and
// taking the first file's modules from it, relative URLs resolving as they do unbundled, errors naming the file.
// (The browser tests load the pages, so they run the widget from the minified bundle.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BundleError, bundleWidget } from '../../web/tools/bundle.mjs';
import { COMPILE_HINT, MinifyError, minifyModule } from '../../web/tools/minify.mjs';
import { tempDir } from './support.mjs';

const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));
const absoluteWebRoot = new RegExp(`(?<!\\.)${webRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

// Writes a source file from its lines, each ended by a line break.
const writeLines = (path, lines) => writeFileSync(path, lines.map((line) => `${line}\n`).join(''));

test('the widget bundles into two files: each module in one, the later ones in the second, valid modules',
    async (t) => {
        const output = join(tempDir(t), 'dist', 'root-check.js');
        const { modules, laterPath, laterModules } = await bundleWidget({ output });
        assert.equal(modules.filter((module) => laterModules.includes(module)).length, 0, 'no module in both');
        for (const module of ['root-check.js', 'widget/element.js', 'widget/engine-loader.js', 'engine-core.js',
            'dist/rootcheck-engine.js', 'widget/questionnaire-view.js', 'widget/escalation-dialog.js']) {
            assert.ok(modules.includes(module), `${module} in the first file`);
        }
        // The body diagram and what only the results and sharing need are in the second file, fetched once the
        // questions start.
        assert.deepEqual([...laterModules].sort(), ['fhir/answer-options.js', 'fhir/identity.js', 'fhir/response.js',
            'widget/answer-format.js', 'widget/body-diagram.js', 'widget/later.js', 'widget/results-view.js',
            'widget/share.js', 'widget/summary-text.js']);
        assert.equal(laterPath, join(dirname(output), 'root-check-later.js'));
        const first = readFileSync(output, 'utf8');
        const later = readFileSync(laterPath, 'utf8');
        assert.doesNotMatch(first, /(^|[;}])\s*(import\s*[{*\w"]|export\s)/m, 'no static import or export left');
        // The first file runs while the page starts: V8's compile hint (web/tools/minify.mjs) above its header; the
        // second runs a screen at a time: none.
        assert.ok(first.startsWith(`${COMPILE_HINT}\n// `), 'the first file starts with the compile hint');
        assert.ok(!later.includes(COMPILE_HINT), 'the second file has none');
        assert.match(later, /^\/\/ [^\n]*\nexport function install\(/, 'the second file exports install alone');
        const laterBody = later.replace(/^\/\/[^\n]*\nexport function install\(/, '');
        assert.doesNotMatch(laterBody, /\b(import\s*[{*\w"]|export\s)/);
        for (const text of [first, later]) {
            assert.doesNotMatch(text, /\bimport\(\s*["'`]\./, 'no relative dynamic import left');
            // (Module URLs are relative to the bundle's, `../../../work/...` from a temporary folder.)
            assert.doesNotMatch(text, absoluteWebRoot, 'no path of the machine that built it');
        }
        for (const file of [output, laterPath]) {
            const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
            assert.equal(check.status, 0, check.stderr);
        }
    });

// A small widget in a temporary folder: entry.js starts element.js and eager.js with dynamic imports (as
// root-check.js does), element.js imports later.js dynamically; later.js re-exports results.js, which uses the first
// file's shared.js and its own helper.js. `constructs` are the module syntax the hand-written bundler refused.
function writeWidget(dir) {
    writeLines(join(dir, 'shared.js'), [
        'export const counter = { loads: 0, shared: 0 };',
        'counter.shared += 1;',
        "export default 'the default export';",
    ]);
    writeLines(join(dir, 'helper.js'), [
        "const shared = 'the helper\\'s own'; // the name of install's parameter, as a module's own variable",
        'let installed = 0;',
        'export const helped = (x) => `helped ${x}, ${shared}, ${++installed}`;',
    ]);
    writeLines(join(dir, 'results.js'), [
        "import sharedDefault, { counter } from './shared.js';",
        "import { helped } from './helper.js';",
        'counter.loads += 1;',
        'export { sharedDefault };',
        "export const page = helped('results');",
        "export const sheet = new URL('./results.css', import.meta.url).href;",
    ]);
    writeLines(join(dir, 'later.js'), ["export { page, sheet, sharedDefault } from './results.js';",
        "export default 'the later default';"]);
    writeLines(join(dir, 'element.js'), [
        "import { counter } from './shared.js';",
        "export const showResults = () => import('./later.js');",
        'export const loads = () => counter.loads;',
        'export const evaluated = () => counter.shared;',
    ]);
    writeFileSync(join(dir, 'eager.js'), 'export const eager = true;\n');
    writeLines(join(dir, 'entry.js'), [
        "const { showResults, loads, evaluated } = await import('./element.js');",
        "const { eager } = await import('./eager.js');",
        'globalThis.secondFileProbe = { showResults, loads, evaluated, eager };',
    ]);
}

test('later.js and what only it reaches go to a second file, fetched once on first use, again after a failure',
    async (t) => {
        const dir = tempDir(t);
        writeWidget(dir);
        const output = join(dir, 'out', 'bundle.js');
        const bundle = { entry: join(dir, 'entry.js'), laterEntry: join(dir, 'later.js'), output };
        const { modules, laterPath, laterModules } = await bundleWidget(bundle);
        const names = (list) => list.map((module) => module.split('/').at(-1)).sort(); // relative to web/
        assert.deepEqual(names(modules), ['eager.js', 'element.js', 'entry.js', 'shared.js']);
        assert.deepEqual(names(laterModules), ['helper.js', 'later.js', 'results.js']);
        assert.equal(laterPath, join(dir, 'out', 'bundle-later.js'));

        await import(pathToFileURL(output).href);
        const { showResults, loads, evaluated, eager } = globalThis.secondFileProbe;
        assert.equal(eager, true, "the entry's own dynamic import stays in the first file");
        assert.equal(loads(), 0, 'nothing of the second file runs before it is asked for');
        // A failed fetch (the file missing, as a dropped connection would) is forgotten: the next import tries again.
        const laterText = readFileSync(laterPath, 'utf8');
        rmSync(laterPath);
        await assert.rejects(showResults());
        writeFileSync(laterPath, laterText);
        const [first, second] = await Promise.all([showResults(), showResults()]);
        assert.equal(first.page, "helped results, the helper's own, 1");
        assert.equal(first.sheet, pathToFileURL(join(dir, 'results.css')).href, 'its own URL, as unbundled');
        assert.equal(second, first);
        assert.deepEqual([first.sharedDefault, first.default], ['the default export', 'the later default']);
        assert.equal(loads(), 1, 'evaluated once');
        assert.equal(evaluated(), 1, "the second file uses the first file's shared.js, not a copy");

        // Without an import of later.js there is no second file, and a stale one is removed.
        writeLines(join(dir, 'element.js'), ['export const showResults = () => null;',
            'export const loads = () => 0;', 'export const evaluated = () => 0;']);
        assert.equal((await bundleWidget(bundle)).laterPath, null);
        assert.equal(existsSync(laterPath), false);
    });

test('a bundled module sees its own URL; export lists, export * and template literals spanning lines bundle',
    async (t) => {
        const dir = tempDir(t);
        mkdirSync(join(dir, 'lib'));
        writeLines(join(dir, 'lib', 'style.js'), [
            "const sheet = new URL('./style.css', import.meta.url).href;",
            'function twice(x) { return 2 * x; }',
            'export { sheet, twice as double };',
        ]);
        writeFileSync(join(dir, 'lib', 'index.js'), "export * from './style.js';\n");
        writeLines(join(dir, 'entry.js'), [
            "import { sheet, double } from './lib/index.js';",
            'const text = `one',
            '// not a comment: template text',
            '`;',
            'globalThis.bundleProbe = { sheet, doubled: double(21), text, own: import.meta.url };',
        ]);
        const output = join(dir, 'out', 'bundle.js');
        await bundleWidget({ entry: join(dir, 'entry.js'), laterEntry: join(dir, 'later.js'), output });
        await import(pathToFileURL(output).href);
        assert.deepEqual(globalThis.bundleProbe, {
            sheet: pathToFileURL(join(dir, 'lib', 'style.css')).href,
            doubled: 42,
            text: 'one\n// not a comment: template text\n',
            own: pathToFileURL(join(dir, 'entry.js')).href,
        });
    });

test('what cannot be bundled is refused as a BundleError naming the file and line', async (t) => {
    const dir = tempDir(t);
    const bundle = { entry: join(dir, 'entry.js'), laterEntry: join(dir, 'later.js'), output: join(dir, 'out.js') };
    const refused = async (pattern) => {
        await assert.rejects(bundleWidget(bundle),
            (error) => error instanceof BundleError && pattern.test(error.message));
    };
    // (A module using import.meta.url is given its URL on its first line, which must not shift the lines.)
    writeFileSync(join(dir, 'entry.js'), "globalThis.x = import.meta.url;\nimport { x } from './missing.js';\n");
    await refused(/entry\.js:2: Could not resolve "\.\/missing\.js"/);
    writeFileSync(join(dir, 'entry.js'), 'const = 1;\n');
    await refused(/entry\.js:1: /);
    // A static import of later.js would put the second file's modules in the first.
    writeFileSync(join(dir, 'later.js'), 'export const late = 1;\n');
    writeFileSync(join(dir, 'entry.js'), "import { late } from './later.js';\nglobalThis.late = late;\n");
    await refused(/entry\.js:1: [^;]*later\.js must be imported dynamically only/);
});

test('a module is minified in place: smaller, the same behaviour, class names kept; bad syntax names the file',
    async (t) => {
        const dir = tempDir(t);
        const source = [
            '// A long comment that minifying removes, with words enough to make the point about size clear.',
            'class ReadableName { constructor(value) { this.value = value; } twice() { return this.value * 2; } }',
            'const longDescriptiveName = new ReadableName(21);',
            'const own = new URL(\'./beside.css\', import.meta.url).href;',
            'globalThis.minifyProbe = { twice: longDescriptiveName.twice(), name: ReadableName.name, own };',
            '',
        ].join('\n');
        const file = join(dir, 'module.js');
        writeFileSync(file, source);
        const { bytes } = minifyModule(file, 'A header line');
        assert.ok(bytes < Buffer.byteLength(source), `${bytes} bytes, not fewer than ${Buffer.byteLength(source)}`);
        assert.doesNotMatch(readFileSync(file, 'utf8'), /longDescriptiveName|A long comment/);
        await import(pathToFileURL(file).href);
        assert.deepEqual(globalThis.minifyProbe,
            { twice: 42, name: 'ReadableName', own: pathToFileURL(join(dir, 'beside.css')).href });
        assert.match(readFileSync(file, 'utf8'), /^\/\/ A header line\n/);

        // Emscripten's glue is an ES module with a default export; it stays one.
        const glue = join(dir, 'glue.js');
        writeLines(glue, [
            'var createSomethingLong = (() => {',
            '  var scriptDirectory = import.meta.url;',
            '  return function (options) { return scriptDirectory.length > 0 ? options.answer : 0; };',
            '})();',
            'export default createSomethingLong;',
        ]);
        minifyModule(glue, 'Glue', { calledOnLoad: true });
        assert.equal((await import(pathToFileURL(glue).href)).default({ answer: 42 }), 42);
        assert.match(readFileSync(glue, 'utf8'), /^\/\/# allFunctionsCalledOnLoad\n\/\/ Glue\n/, 'hint, then header');

        writeFileSync(file, 'const = 1;\n');
        assert.throws(() => minifyModule(file, 'A header line'),
            (error) => error instanceof MinifyError && error.message.includes(file));
    });
