// Reads and checks the vignette files of a folder (format: tests/vignettes/README.md, every *.json file in the folder,
// in name order). A malformed file stops the run with an error naming the file and the vignette, because a vignette
// whose expectation is silently ignored would pass without testing anything. So does a folder or file that cannot be
// read.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readFailure } from './read-input.mjs';
import { CliError } from './cli-error.mjs';

// Besides the vignettes, a file may say what it groups in "about" (or "description").
const fileKeys = new Set(['vignettes', 'about', 'description']);
const vignetteKeys = new Set(['id', 'description', 'mode', 'locale', 'answers', 'expect']);
// expect key -> check of its value and the words used when it is wrong
const expectKeys = {
    level: [(value) => typeof value === 'string', 'a level id string'],
    level_min: [(value) => typeof value === 'string', 'a level id string'],
    level_max: [(value) => typeof value === 'string', 'a level id string'],
    escalate: [(value) => typeof value === 'boolean', 'true or false'],
    red_flags: [(value) => Array.isArray(value) && value.every((id) => typeof id === 'string'),
        'an array of red-flag rule ids'],
    pain_type: [(value) => typeof value === 'string', 'a classification string'],
    root: [(value) => typeof value === 'string', 'a root id string'],
    side: [(value) => typeof value === 'string', 'a side string'],
    mechanism: [(value) => typeof value === 'string', 'a mechanism id or "none"'],
};

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function checkVignette(vignette, where) {
    if (!isObject(vignette)) throw new CliError(`${where}: a vignette must be an object`);
    if (typeof vignette.id !== 'string' || vignette.id === '') throw new CliError(`${where}: missing "id"`);
    const named = `${where} (vignette "${vignette.id}")`;
    for (const key of Object.keys(vignette)) {
        if (!vignetteKeys.has(key)) {
            throw new CliError(`${named}: unknown key "${key}" (allowed: ${[...vignetteKeys].join(', ')})`);
        }
    }
    if ('description' in vignette && typeof vignette.description !== 'string') {
        throw new CliError(`${named}: "description" must be a string`);
    }
    if ('answers' in vignette && !isObject(vignette.answers)) {
        throw new CliError(`${named}: "answers" must be an object`);
    }
    if (!isObject(vignette.expect)) throw new CliError(`${named}: missing "expect" object`);
    for (const [key, value] of Object.entries(vignette.expect)) {
        if (!(key in expectKeys)) {
            const allowed = Object.keys(expectKeys).join(', ');
            throw new CliError(`${named}: unknown expect key "${key}" (allowed: ${allowed})`);
        }
        const [valid, wanted] = expectKeys[key];
        if (!valid(value)) throw new CliError(`${named}: expect.${key} must be ${wanted}`);
    }
    for (const key of ['level', 'level_min', 'level_max']) {
        if (!(key in vignette.expect)) throw new CliError(`${named}: expect has no "${key}" (it is required)`);
    }
}

// [{file, vignette}] for every vignette of every *.json file in `dir`; ids must be unique across the folder.
export function readVignettes(dir) {
    if (!existsSync(dir)) throw new CliError(`vignette folder not found: ${dir}`);
    if (!statSync(dir).isDirectory()) throw new CliError(`${dir} is not a folder (give the vignette folder)`);
    let entries;
    try {
        entries = readdirSync(dir);
    } catch (error) {
        throw new CliError(`cannot read ${dir}: ${readFailure(error)}`);
    }
    const names = entries.filter((name) => name.endsWith('.json')).sort();
    if (names.length === 0) throw new CliError(`no *.json vignette files in ${dir}`);
    const seen = new Map();
    const vignettes = [];
    for (const name of names) {
        const file = join(dir, name);
        let text;
        try {
            text = readFileSync(file, 'utf8');
        } catch (error) {
            throw new CliError(`cannot read ${file}: ${readFailure(error)}`);
        }
        let content;
        try {
            content = JSON.parse(text);
        } catch (error) {
            throw new CliError(`${file}: not valid JSON: ${error.message}`);
        }
        if (!isObject(content) || !Array.isArray(content.vignettes)) {
            throw new CliError(`${file}: expected {"vignettes": [...]}`);
        }
        for (const key of Object.keys(content)) {
            if (!fileKeys.has(key)) throw new CliError(`${file}: unknown top-level key "${key}"`);
        }
        content.vignettes.forEach((vignette, index) => {
            checkVignette(vignette, `${file} vignettes[${index}]`);
            if (seen.has(vignette.id)) {
                throw new CliError(`${file}: vignette id "${vignette.id}" is also used in ${seen.get(vignette.id)}`);
            }
            seen.set(vignette.id, file);
            vignettes.push({ file, vignette });
        });
    }
    return vignettes;
}

// The answers document a vignette stands for.
export function answersDocument(vignette) {
    const document = { answers: vignette.answers ?? {} };
    if (vignette.mode !== undefined) document.mode = vignette.mode;
    if (vignette.locale !== undefined) document.locale = vignette.locale;
    return document;
}
