// The npm package as an embedder gets it: `npm pack` of this repository, installed offline from the tarball into a
// fresh temporary project (the package has no dependencies, so nothing is fetched), then used from there only:
// - the tarball holds what package.json's exports, types, bin and customElements name, and none of the sources a
//   user does not need (tests, C++, build output, the tools and the demo);
// - every export resolves inside node_modules; `.` assesses a clinical vignette in Node exactly as this repository's
//   engine does; `npx rootcheck lint` and `npx rootcheck assess -` run from node_modules;
// - in Chromium under the strict CSP, a page loads `rootcheck/define` from node_modules (as the exports map resolves
//   it, the readable modules) and a second page only the built single-file bundle from the package's web/ copied to a
//   static host (`/rootcheck/dist/root-check.js`); each shows the first question after Start, with no CSP violation,
//   failed request or error, and fetches what it loads later.
// The same file checks custom-elements.json: current (web/tools/custom-elements.mjs writes the same) and listing
// every attribute, property, method, event, CSS part and custom property of README.md's "Embedding".
// Needs web/dist built (npm test builds first).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/tools/serve.mjs';
import { manifestPath, manifestText } from '../../web/tools/custom-elements.mjs';
import { CHROMIUM } from '../browser/chromium.mjs';
import { Person } from '../browser/harness.mjs';
import { newEngine, repo } from './support.mjs';

const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const vignette = JSON.parse(readFileSync(join(repo, 'tests/vignettes/roots.json'), 'utf8')).vignettes[0];
const vignetteDocument = { answers: vignette.answers, mode: vignette.mode ?? 'self', locale: vignette.locale ?? 'en' };

let work; // temporary folder: the tarball and the embedder's project
let project; // the embedder's project, with the package installed
let installed; // node_modules/rootcheck in it
let tarball; // {path, files: [paths in the package], size, unpackedSize}

function run(command, args, { cwd, input } = {}) {
    const child = spawnSync(command, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (child.error) throw child.error;
    return child;
}

function runOk(command, args, options) {
    const child = run(command, args, options);
    assert.equal(child.status, 0, `${command} ${args.join(' ')} exited with ${child.status}:\n${child.stderr}`);
    return child.stdout;
}

before(() => {
    work = mkdtempSync(join(tmpdir(), 'rootcheck-package-'));
    const [packed] = JSON.parse(runOk('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo }));
    tarball = { path: join(work, packed.filename), files: packed.files.map((file) => file.path), size: packed.size,
        unpackedSize: packed.unpackedSize };
    project = join(work, 'embedder');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'embedder', private: true, type: 'module' }));
    runOk('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball.path],
        { cwd: project });
    installed = join(project, 'node_modules', packageJson.name);
});

after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

// The file an import of `specifier` resolves to from the embedder's project (its exports map, as Node reads it).
function resolveFromProject(specifier) {
    const script = `process.stdout.write(import.meta.resolve(${JSON.stringify(specifier)}))`;
    return fileURLToPath(runOk(process.execPath, ['--input-type=module', '-e', script], { cwd: project }));
}

test('the tarball holds what the package names and nothing a user does not need', () => {
    const files = new Set(tarball.files);
    const named = [
        packageJson.types, packageJson.customElements, ...Object.values(packageJson.bin),
        ...Object.values(packageJson.exports)
            .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
            .filter((path) => !path.includes('*')),
        // What the wildcard exports and the widget load at run time: the built engine and widget, the rule set.
        'web/dist/root-check.js', 'web/dist/root-check-later.js', 'web/dist/rootcheck-engine.js',
        'web/dist/rootcheck-engine.wasm', 'web/widget/root-check.css', 'web/widget/body-diagram.css',
        'web/root-check-print.css', 'rules/manifest.json', 'LICENSE', 'README.md',
    ].map((path) => path.replace(/^\.\//, ''));
    assert.deepEqual(named.filter((path) => !files.has(path)), [], 'named but not in the tarball');
    const unwanted = [...files].filter((path) => /^(tests|cpp|build|node_modules|\.ci)\/|^web\/(tools|examples)\//
        .test(path) || ['web/index.html', 'web/demo.css', 'CMakeLists.txt', 'CMakePresets.json'].includes(path));
    assert.deepEqual(unwanted, [], 'in the tarball but not for users');
    assert.equal(packageJson.private, false);
    assert.match(packageJson.version, /^\d+\.\d+\.\d+/);
    assert.equal(packageJson.license, 'MIT');
});

test('every export resolves inside the installed package, with its types', () => {
    const specifiers = ['', '/define', '/element', '/dist/root-check.js', '/dist/rootcheck-engine.wasm',
        '/rules/manifest.json', '/custom-elements.json', '/package.json'];
    for (const subpath of specifiers) {
        const file = resolveFromProject(`${packageJson.name}${subpath}`);
        assert.ok(file.startsWith(installed + sep), `${subpath || '.'} resolves to ${file}`);
        assert.ok(existsSync(file), `${subpath || '.'}: ${file} is missing`);
    }
    for (const target of Object.values(packageJson.exports)) {
        if (typeof target === 'string' || !target.default.endsWith('.js')) continue;
        assert.ok(existsSync(join(installed, target.types)), `types ${target.types} of ${target.default}`);
    }
});

test('the installed package assesses a vignette in Node as this repository does', async () => {
    const script = "import { createEngine } from 'rootcheck';\n" +
        "import { readFileSync } from 'node:fs';\n" +
        'const engine = await createEngine();\n' +
        "process.stdout.write(JSON.stringify(engine.assess(JSON.parse(readFileSync(0, 'utf8')))));\n";
    writeFileSync(join(project, 'assess.mjs'), script);
    const input = JSON.stringify(vignetteDocument);
    const result = JSON.parse(runOk(process.execPath, ['assess.mjs'], { cwd: project, input }));
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(result.roots[0].root, vignette.expect.root);
    const engine = await newEngine();
    assert.deepEqual(result, engine.assess(vignetteDocument));
});

test('npx rootcheck lint and assess run from node_modules', async () => {
    const lint = runOk('npx', ['--no', 'rootcheck', 'lint'], { cwd: project });
    assert.match(lint, /^OK .* no problems\n$/);
    assert.ok(lint.includes(JSON.parse(readFileSync(join(repo, 'rules/manifest.json'), 'utf8')).name));
    const input = JSON.stringify(vignetteDocument);
    const assessed = runOk('npx', ['--no', 'rootcheck', 'assess', '-'], { cwd: project, input });
    const engine = await newEngine();
    assert.deepEqual(JSON.parse(assessed), engine.assess(vignetteDocument));
});

// Opens `url`, clicks Start, waits for the first question and for the file the widget fetches after it
// (`laterFile`); returns the paths of every request, CSP violations, failed responses and errors.
async function firstQuestion(browser, url, laterFile) {
    const context = await browser.newContext();
    context.setDefaultTimeout(15000);
    await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
            console.debug(`csp-violation ${event.violatedDirective} ${event.blockedURI || 'inline'}`);
        });
    });
    const page = await context.newPage();
    const seen = { requests: [], problems: [] };
    page.on('request', (request) => seen.requests.push(new URL(request.url()).pathname));
    page.on('response', (response) => {
        if (response.status() >= 400) seen.problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
        // Chromium asks every origin for /favicon.ico on its own: not the page's request.
        if (new URL(message.location().url || 'about:blank').pathname === '/favicon.ico') return;
        const text = message.text();
        if (text.startsWith('csp-violation ') || message.type() === 'error') seen.problems.push(text);
    });
    try {
        await page.goto(url);
        const later = page.waitForResponse((response) => response.url().endsWith(laterFile));
        const person = new Person(page, 'en');
        await person.start();
        const first = person.questions[0];
        await person.group(first.id).waitFor();
        assert.equal((await later).status(), 200);
    } finally {
        await context.close();
    }
    return seen;
}

function page(title, scriptSrc) {
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>\n` +
        `<script type="module" async src="${scriptSrc}"></script></head>\n` +
        '<body><root-check></root-check></body></html>\n';
}

test('in Chromium under the strict CSP, from node_modules and from the built files on a static host', async () => {
    const urlPath = (file) => `/${relative(project, file).split(sep).join('/')}`;
    const defineModule = urlPath(resolveFromProject(`${packageJson.name}/define`));
    writeFileSync(join(project, 'define.html'), page('rootcheck/define', defineModule));
    writeFileSync(join(project, 'static.html'), page('static host', '/rootcheck/dist/root-check.js'));
    // The server adds STRICT_CSP to every response. /rootcheck/ is the package's web/ as a static host copies it.
    const server = await startServer({ port: 0, mounts: { '/': project, '/rootcheck/': join(installed, 'web') } });
    const browser = await chromium.launch(CHROMIUM);
    try {
        const open = (pagePath, laterFile) => firstQuestion(browser, new URL(pagePath, server.url).href, laterFile);
        const fromModules = await open('define.html', '/widget/body-diagram.js');
        assert.deepEqual(fromModules.problems, []);
        const installedWeb = urlPath(join(installed, 'web'));
        assert.ok(fromModules.requests.includes(`${installedWeb}/widget/element.js`), 'the readable modules load');
        assert.ok(fromModules.requests.every((path) => path === '/define.html' || path.startsWith(`${installedWeb}/`)),
            fromModules.requests.join('\n'));

        const fromBundle = await open('static.html', '/dist/root-check-later.js');
        assert.deepEqual(fromBundle.problems, []);
        const scripts = fromBundle.requests.filter((path) => path.endsWith('.js'));
        assert.deepEqual(scripts.filter((path) => !path.startsWith('/rootcheck/dist/')), [], 'scripts beyond dist/');
        assert.ok(fromBundle.requests.includes('/rootcheck/dist/rootcheck-engine.wasm'));
    } finally {
        await browser.close();
        await server.close();
    }
});

// ---- custom-elements.json against README.md ----

const readme = readFileSync(join(repo, 'README.md'), 'utf8');

// The backticked names in the first cell of each row of the README table whose header row starts with `header`.
function tableNames(header) {
    const lines = readme.split('\n');
    const start = lines.findIndex((line) => line.toLowerCase().startsWith(`| ${header.toLowerCase()}`));
    assert.notEqual(start, -1, `README has no table headed "${header}"`);
    const names = [];
    for (const line of lines.slice(start + 2)) {
        if (!line.startsWith('|')) break;
        const cell = line.split('|')[1];
        for (const match of cell.matchAll(/`([^`(]+)(?:\([^`]*\))?`/g)) names.push(match[1]);
    }
    assert.ok(names.length > 0, `README's "${header}" table lists nothing`);
    return names;
}

function readmeParts() {
    const sentence = readme.match(/Parts for `::part\(\)`:([^.]*)\./);
    assert.ok(sentence, 'README names no CSS parts');
    return [...sentence[1].matchAll(/`([\w-]+)`/g)].map((match) => match[1]);
}

const camelCase = (name) => name.replace(/-([a-z])/g, (whole, letter) => letter.toUpperCase());

test('custom-elements.json is current', () => {
    assert.equal(readFileSync(manifestPath, 'utf8'), manifestText(),
        'custom-elements.json is stale: run node web/tools/custom-elements.mjs');
});

test('custom-elements.json lists everything README.md lists for <root-check>', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const element = manifest.modules.flatMap((module) => module.declarations).find((d) => d.tagName === 'root-check');
    assert.ok(element, 'no declaration of <root-check>');
    const listed = (items) => (items ?? []).map((item) => item.name);
    const missing = (expected, actual) => expected.filter((name) => !actual.includes(name));
    const attributes = tableNames('attribute');
    assert.deepEqual(missing(attributes, listed(element.attributes)), [], 'attributes');
    // Each attribute reflects to a property of its name in camelCase, which the README names too.
    const properties = attributes.map(camelCase);
    assert.deepEqual(missing(properties, [...listed(element.members), ...element.attributes.map((a) => a.fieldName)]),
        [], 'properties');
    assert.deepEqual(properties.filter((name) => !readme.includes(`\`${name}\``)), [], 'properties README names');
    const methods = element.members.filter((member) => member.kind === 'method');
    assert.deepEqual(missing(tableNames('method'), listed(methods)), [], 'methods');
    assert.deepEqual(missing(tableNames('event'), listed(element.events)), [], 'events');
    assert.deepEqual(missing(readmeParts(), listed(element.cssParts)), [], 'CSS parts');
    assert.deepEqual(missing(tableNames('Property'), listed(element.cssProperties)), [], 'custom properties');
    assert.equal(packageJson.customElements, relative(repo, manifestPath));
});
