// web/tools/bundle.mjs: the widget bundle the pages load (web/dist/root-check.js, and root-check-later.js for what
// only comes after the questions). Each module once, in evaluation order, no module syntax left; relative URLs
// resolve as they do unbundled; syntax it cannot bundle is refused with the file named; then minified in place
// (web/tools/minify.mjs). (The browser tests load the pages, so they run the
// widget from the minified bundle.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleWidget } from '../../web/tools/bundle.mjs';
import { MinifyError, minifyModule } from '../../web/tools/minify.mjs';
import { tempDir } from './support.mjs';

// Writes a source file from its lines, each ended by a line break.
const writeLines = (path, lines) => writeFileSync(path, lines.map((line) => `${line}\n`).join(''));

test('the widget bundles into two modules: every module once, imports before importers, no module syntax left',
    (t) => {
        const output = join(tempDir(t), 'dist', 'root-check.js');
        const { modules, laterPath, laterModules } = bundleWidget({ output });
        const text = readFileSync(output, 'utf8');
        const all = [...modules, ...laterModules];
        assert.equal(new Set(all).size, all.length, 'each module once');
        assert.equal(modules.at(-1), 'root-check.js', 'the entry runs last');
        for (const [module, dependency] of [['widget/element.js', 'widget/engine-loader.js'],
            ['widget/engine-loader.js', 'engine-core.js'], ['engine-core.js', 'dist/rootcheck-engine.js'],
            ['widget/element.js', 'widget/questionnaire-view.js'], ['widget/results-view.js', 'widget/summary-text.js']]) {
            assert.ok(all.indexOf(dependency) < all.indexOf(module), `${dependency} before ${module}`);
        }
        // The body diagram and what only the results and sharing need are in the second file, fetched once the
        // questions start.
        assert.deepEqual([...laterModules].sort(), ['fhir/answer-options.js', 'fhir/identity.js', 'fhir/response.js',
            'widget/answer-format.js', 'widget/body-diagram.js', 'widget/results-view.js', 'widget/share.js',
            'widget/summary-text.js']);
        assert.equal(laterPath, join(dirname(output), 'root-check-later.js'));
        const later = readFileSync(laterPath, 'utf8');
        assert.doesNotMatch(text, /^\s*(import\s+[{\w]|export\s)/m, 'no static import or export left');
        assert.doesNotMatch(later.replace(/^export function install\(/m, ''), /^\s*(import\s+[{\w]|export\s)/m);
        for (const file of [text, later]) assert.doesNotMatch(file, /\bimport\(\s*'\./, 'no relative dynamic import left');
        for (const file of [output, laterPath]) {
            const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
            assert.equal(check.status, 0, check.stderr);
        }
    });

test('modules imported only dynamically after the start go to a second file, fetched once, on first use',
    async (t) => {
        const dir = tempDir(t);
        writeFileSync(join(dir, 'shared.js'), 'export const counter = { loads: 0 };\n');
        writeFileSync(join(dir, 'helper.js'), "export const helped = (x) => `helped ${x}`;\n");
        writeLines(join(dir, 'results.js'), [
            "import { counter } from './shared.js';",
            "import { helped } from './helper.js';",
            'counter.loads += 1;',
            "export const page = helped('results');",
            "export const sheet = new URL('./results.css', import.meta.url).href;",
        ]);
        writeLines(join(dir, 'element.js'), [
            "import { counter } from './shared.js';",
            "export const showResults = () => import('./results.js');",
            'export const loads = () => counter.loads;',
        ]);
        writeFileSync(join(dir, 'eager.js'), 'export const eager = true;\n');
        writeLines(join(dir, 'entry.js'), [
            "import { showResults, loads } from './element.js';",
            "const { eager } = await import('./eager.js');",
            'globalThis.secondFileProbe = { showResults, loads, eager };',
        ]);
        const output = join(dir, 'out', 'bundle.js');
        const { modules, laterPath, laterModules } = bundleWidget({ entry: join(dir, 'entry.js'), output });
        const names = (list) => list.map((module) => module.split('/').at(-1)); // paths are relative to web/
        assert.deepEqual(names(modules), ['shared.js', 'element.js', 'eager.js', 'entry.js']);
        assert.deepEqual(names(laterModules), ['helper.js', 'results.js']);
        assert.equal(laterPath, join(dir, 'out', 'bundle-later.js'));

        await import(pathToFileURL(output).href);
        const { showResults, loads, eager } = globalThis.secondFileProbe;
        assert.equal(eager, true, "the entry's own dynamic import stays in the bundle");
        assert.equal(loads(), 0, 'nothing of the second file runs before it is asked for');
        // A failed fetch (the file missing, as a dropped connection would) is forgotten: the next import tries again.
        const laterText = readFileSync(laterPath, 'utf8');
        rmSync(laterPath);
        await assert.rejects(showResults());
        writeFileSync(laterPath, laterText);
        const [first, second] = await Promise.all([showResults(), showResults()]);
        assert.equal(first.page, 'helped results');
        assert.equal(first.sheet, pathToFileURL(join(dir, 'results.css')).href, 'its own URL, as unbundled');
        assert.equal(second, first);
        assert.equal(loads(), 1, 'evaluated once, sharing the bundle\'s modules');

        // Without such modules there is no second file, and a stale one is removed.
        writeFileSync(join(dir, 'element.js'), "export const showResults = () => null;\nexport const loads = () => 0;\n");
        assert.equal(bundleWidget({ entry: join(dir, 'entry.js'), output }).laterPath, null);
        assert.equal(existsSync(laterPath), false);
    });

test('a bundled module sees its own URL: relative URLs and imports work as unbundled', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'style.js'),
        "export const sheet = new URL('./style.css', import.meta.url).href;\nexport function twice(x) { return 2 * x; }\n");
    writeLines(join(dir, 'lib', 'late.js'), [
        '// a comment line, left out of the bundle',
        "export const late = 42; // a trailing comment stays, as does 'http://x' in a string",
        "export const link = 'http://example.org/';",
    ]);
    writeLines(join(dir, 'entry.js'), [
        "import { sheet, twice as double } from './lib/style.js';",
        "const { late, link } = await import('./lib/late.js');",
        'globalThis.bundleProbe = { sheet, doubled: double(21), late, link, own: import.meta.url };',
    ]);
    const output = join(dir, 'out', 'bundle.js');
    bundleWidget({ entry: join(dir, 'entry.js'), output });
    await import(pathToFileURL(output).href);
    assert.doesNotMatch(readFileSync(output, 'utf8'), /left out of the bundle/);
    assert.deepEqual(globalThis.bundleProbe, {
        sheet: pathToFileURL(join(dir, 'lib', 'style.css')).href,
        doubled: 42,
        late: 42,
        link: 'http://example.org/',
        own: pathToFileURL(join(dir, 'entry.js')).href,
    });
});

test('module syntax the bundler does not handle is refused, naming the file', (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'other.js'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'reexport.js'), "export * from './other.js';\n");
    writeFileSync(join(dir, 'entry.js'), "import { x } from './reexport.js';\nglobalThis.x = x;\n");
    assert.throws(() => bundleWidget({ entry: join(dir, 'entry.js'), output: join(dir, 'out.js') }),
        /reexport\.js: unsupported module syntax: export \* from/);
    writeFileSync(join(dir, 'entry.js'), "globalThis.text = `one\n// not a comment: template text\n`;\n");
    assert.throws(() => bundleWidget({ entry: join(dir, 'entry.js'), output: join(dir, 'out.js') }),
        /entry\.js: a template literal spans lines \(line 1\)/);
    writeFileSync(join(dir, 'entry.js'), "import { x } from './missing.js';\n");
    assert.throws(() => bundleWidget({ entry: join(dir, 'entry.js'), output: join(dir, 'out.js') }),
        /entry\.js: cannot read \S*missing\.js/);
});

test('the bundle is minified in place: smaller, the same behaviour, class names kept; bad syntax names the file',
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

        // Emscripten's glue ends in `export default name;`: kept on its own line, where the bundler looks for it.
        const glue = join(dir, 'glue.js');
        writeLines(glue, [
            'var createSomethingLong = (() => {',
            '  var scriptDirectory = import.meta.url;',
            '  return function (options) { return scriptDirectory.length > 0 ? options.answer : 0; };',
            '})();',
            'export default createSomethingLong;',
        ]);
        minifyModule(glue, 'Glue');
        assert.match(readFileSync(glue, 'utf8'), /\nexport default [\w$]+;\n$/);
        assert.equal((await import(pathToFileURL(glue).href)).default({ answer: 42 }), 42);

        writeFileSync(file, 'const = 1;\n');
        assert.throws(() => minifyModule(file, 'A header line'), (error) => error instanceof MinifyError && error.message.includes(file));
    });
