// Reads a rule-set folder into the {path: text} map that engine.loadRules() takes.
//
// Only manifest.json and the files it names (its "files" and "locales" values) are read, so a stray file in the
// folder never reaches the engine. The reader does no validation of its own: a manifest that is not JSON, or a listed
// file that does not exist, is passed on as it is (the file simply left out) and the engine reports it with the rest
// of the set's problems. The one thing refused here is a listed path that leaves the folder, because the CLI, not
// the engine, would be the one reading it. A folder that is missing or not a folder, and a file that exists but cannot
// be read (a folder named manifest.json, no permission), are refused too, naming the path.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, relative, isAbsolute, sep } from 'node:path';
import { readFailure } from './read-input.mjs';

export class RulesDirError extends Error {}

// The paths manifest.json lists, in manifest order; [] when the manifest is not a JSON object.
export function listedPaths(manifestText) {
    let manifest;
    try {
        manifest = JSON.parse(manifestText);
    } catch {
        return [];
    }
    if (manifest === null || typeof manifest !== 'object') return [];
    const paths = [];
    for (const group of ['files', 'locales']) {
        const entries = manifest[group];
        if (entries === null || typeof entries !== 'object') continue;
        for (const value of Object.values(entries)) {
            if (typeof value === 'string' && !paths.includes(value)) paths.push(value);
        }
    }
    return paths;
}

function readText(path) {
    try {
        return readFileSync(path, 'utf8');
    } catch (error) {
        throw new RulesDirError(`cannot read ${path}: ${readFailure(error)}`);
    }
}

// Returns {"manifest.json": text, "<listed path>": text, ...} for the rule set in `dir`.
export function readRulesDir(dir) {
    const root = resolve(dir);
    if (!existsSync(root)) throw new RulesDirError(`rules folder not found: ${dir}`);
    if (!statSync(root).isDirectory()) throw new RulesDirError(`${dir} is not a folder (give the rules folder)`);
    const manifestPath = join(root, 'manifest.json');
    if (!existsSync(manifestPath)) {
        throw new RulesDirError(`no manifest.json in rules folder ${dir}`);
    }
    const files = { 'manifest.json': readText(manifestPath) };
    for (const path of listedPaths(files['manifest.json'])) {
        const full = resolve(root, path);
        const inside = relative(root, full);
        if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) {
            throw new RulesDirError(`${dir}/manifest.json lists "${path}", which is outside the rules folder`);
        }
        if (existsSync(full) && statSync(full).isFile()) files[path] = readText(full);
    }
    return files;
}
