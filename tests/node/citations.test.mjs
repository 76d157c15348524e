// Every file a comment cites exists. Comments and documents point readers at the file that holds a contract
// ("the header of web/engine-core.js", "rules/schema/result.schema.json"); a citation of a file that is not there
// (a CONTRACTS file was cited by ten files and never existed) sends them nowhere.
//
// Scanned: the repository's files (git ls-files, tracked and new), their comments only: // and /* */ in JavaScript,
// TypeScript, C++ and CSS (/* */ only), <!-- --> in HTML, # in shell, CMake and the CI script; all of a Markdown
// file; the "description", "about", "$comment" and "//" strings of a JSON file. A citation is a path with a folder
// part ending in .md, .json, .js, .mjs, .cjs, .ts, .h, .hpp, .cpp, .css or .html, or a bare upper-case name ending
// in .md (README.md; the .md may be left out where a section is cited: "<NAME> section 2"). It exists when it names
// a file from the repository's root, from the citing file's folder or one of its parents, or from a folder the
// project names its files from (ROOTS: includes, rule-set files, pages).
// Not citations: URLs, a path in quotes (code in a comment: "import x from './x.js'"), built or installed files
// (web/dist/, build/, node_modules/, tests/artifacts/); ALLOWED lists the rest, each with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, normalize } from 'node:path';
import { repo } from './support.mjs';

// Folders the project names files from: C++ includes ("engine/engine.h"), a rule set's files ("locales/en.json"
// in manifest.json) and the pages' URLs ("examples/embed.html", served from web/).
const ROOTS = ['cpp', 'rules', 'web'];

// Citations that name no file of the repository on purpose.
const ALLOWED = [
    { file: /./, citation: /^(?:\.\.\/shared\/clinical\/)?REFERENCE\.md$/,
        reason: 'the clinical reference beside the repository (../shared/clinical/, read-only, not part of it)' },
    { file: /^tests\/node\/jsonlogic-differential\.test\.mjs$/,
        citation: /^(?:arithmetic|array|comparison|control|string)\//,
        reason: 'files of the community JsonLogic suites, outside the repository (ROOTCHECK_JSONLOGIC_SUITES)' },
];
const allowed = (file, citation) => ALLOWED.some((entry) => entry.file.test(file) && entry.citation.test(citation));

// Output folders: generated or installed, absent from a fresh clone by design.
const GENERATED = /^(?:\.\/)?(?:web\/dist|dist|build|node_modules|tests\/artifacts)\//;

const CITATION = new RegExp(String.raw`(?<![\w./@*<>'"-])` + // not the tail of a token, a glob, a placeholder, code
    String.raw`((?:\.{1,2}/)*[\w.-]*\w[\w.-]*(?:/[\w.-]+)+\.(?:md|json|js|mjs|cjs|ts|h|hpp|cpp|css|html)` +
    String.raw`|[A-Z][A-Z_]*\.md)` +
    String.raw`(?![\w/*<>-]|\.\w)`, 'g');
// A document cited by a section ("<NAME> section 2") is that name with .md.
const SECTION_CITATION = /\b([A-Z][A-Z_]{2,}) sections? \d/g;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

// The comments of a C-like source (// and /* */), skipping string literals (', " and `, or only " in CSS).
function cLikeComments(text, { lineComments = true, quotes = `'"\`` } = {}) {
    const comments = [];
    for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (quotes.includes(c)) {
            for (i += 1; i < text.length && text[i] !== c && !(c !== '`' && text[i] === '\n'); i += 1) {
                if (text[i] === '\\') i += 1;
            }
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            comments.push(text.slice(i + 2, end === -1 ? text.length : end));
            i = end === -1 ? text.length : end + 1;
        } else if (lineComments && c === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            comments.push(text.slice(i + 2, end === -1 ? text.length : end));
            i = end === -1 ? text.length : end;
        }
    }
    return comments;
}

const hashComments = (text) => text.split('\n').map((line) => line.match(/(?:^|\s)#(.*)$/)?.[1]).filter(Boolean);

// A JSON file that does not parse (a test's malformed input) has no strings to read.
function jsonComments(text) {
    const found = [];
    let document;
    try {
        document = JSON.parse(text);
    } catch {
        return found;
    }
    const walk = (value) => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') {
            for (const [key, item] of Object.entries(value)) {
                if (typeof item !== 'string') walk(item);
                else if (['description', 'about', '$comment', '//'].includes(key)) found.push(item);
            }
        }
    };
    walk(document);
    return found;
}

// The comment texts of one file, or null for a file that is not scanned.
function commentsOf(path, text) {
    const extension = extname(path);
    if (['.js', '.mjs', '.cjs', '.ts', '.h', '.hpp', '.cpp'].includes(extension)) return cLikeComments(text);
    if (extension === '.css') return cLikeComments(text, { lineComments: false, quotes: '"' });
    if (extension === '.html') return [...text.matchAll(/<!--([\s\S]*?)-->/g)].map((match) => match[1]);
    if (extension === '.md') return [text];
    if (extension === '.json') return jsonComments(text);
    if (extension === '.sh' || extension === '.cmake' || basename(path) === 'CMakeLists.txt' || path === '.ci/run') {
        return hashComments(text);
    }
    return null;
}

function exists(citation, citingFile) {
    const candidates = [citation, ...ROOTS.map((root) => join(root, citation))].map(normalize);
    for (let folder = dirname(citingFile); folder !== '.'; folder = dirname(folder)) {
        candidates.push(normalize(join(folder, citation)));
    }
    return candidates.some((path) => !path.startsWith('..') && existsSync(join(repo, path)));
}

// [{file, citation}] for every citation in `text` (of `file`) that names nothing.
export function missingCitations(file, text) {
    const missing = [];
    for (const comment of commentsOf(file, text) ?? []) {
        const text = comment.replace(URL_PATTERN, ' ');
        const citations = [...text.matchAll(CITATION)].map((match) => match[1])
            .concat([...text.matchAll(SECTION_CITATION)].map((match) => `${match[1]}.md`));
        for (const citation of citations) {
            if (GENERATED.test(citation) || allowed(file, citation)) continue;
            if (!exists(citation, file)) missing.push({ file, citation });
        }
    }
    return missing;
}

const repositoryFiles = () => execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: repo, encoding: 'utf8' }).split('\0').filter((path) => path && existsSync(join(repo, path)));

test('every file a comment cites exists', () => {
    const missing = repositoryFiles().filter((file) => commentsOf(file, '') !== null)
        .flatMap((file) => missingCitations(file, readFileSync(join(repo, file), 'utf8')));
    assert.deepEqual(missing.map(({ file, citation }) => `${file}: ${citation}`), []);
});

test('the scan finds a missing citation and passes over what is not one', () => {
    const source = [
        '// The answers document (CONTRACTS.md section 1), see cpp/engine/engine.h and web/nowhere/gone.js.',
        '// The result (NOTES section 2), the API (README section 3).',
        '// Built: web/dist/root-check.js; https://example.org/a/b.js is a URL; tests/browser/*.test.mjs a glob;',
        "const s = '// web/in/a/string.js'; // rules/locales/<lang>.json: a placeholder",
        "const url = 'web/code/is/not/a/comment.js';",
    ].join('\n');
    assert.deepEqual(missingCitations('cpp/engine/example.h', source).map(({ citation }) => citation),
        ['CONTRACTS.md', 'web/nowhere/gone.js', 'NOTES.md']);
    assert.deepEqual(missingCitations('web/page.html', '<!-- see widget/absent.js --><p>widget/text.js</p>')
        .map(({ citation }) => citation), ['widget/absent.js']);
});
