// RootCheck's JavaScript API: the only door from JavaScript to the WebAssembly engine (CONTRACTS section 3).
// Types: rootcheck.d.ts beside this file.
//
// The engine speaks JSON text; this module turns JavaScript values into that text and the replies back into plain
// objects. Errors are data ({error: {...}}), never exceptions, except when the engine cannot be created at all.
// The same file works in browsers (the .wasm is fetched from beside dist/rootcheck-engine.js) and in Node 20 (the
// .wasm is read from disk unless `wasmBinary` is given).
import createRootCheckEngine from './dist/rootcheck-engine.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// The engine module is built for the web only (no Node code paths, so it stays an ES module without globals);
// under Node it is handed the bytes of the .wasm file instead of fetching it.
async function readWasmInNode() {
    const { readFile } = await import('node:fs/promises');
    return readFile(new URL('./dist/rootcheck-engine.wasm', import.meta.url));
}

// Answers documents may be given as an object (serialised here), as JSON text or as raw UTF-8 bytes; text and bytes
// go to the engine untouched, so it can report malformed JSON and invalid UTF-8 itself.
function documentText(doc) {
    if (typeof doc === 'string' || doc instanceof Uint8Array) return doc;
    if (doc instanceof ArrayBuffer) return new Uint8Array(doc);
    return JSON.stringify(doc ?? {});
}

// A JavaScript value as JSON text; undefined (not representable in JSON) means null.
const valueText = (value) => (value === undefined ? 'null' : JSON.stringify(value));

/** Thrown by createEngine when `rulesFiles` is refused; `error` holds the engine's {code, message, problems}. */
export class RulesError extends Error {
    constructor(error) {
        const problems = (error.problems ?? []).map((problem) => `\n  ${problem.path}: ${problem.message}`).join('');
        super(`${error.message}${problems}`);
        this.name = 'RulesError';
        this.error = error;
    }
}

/**
 * Creates one engine (its own WebAssembly instance and memory).
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, rulesFiles?: Record<string, string>}} [options]
 *   wasmBinary: the bytes of dist/rootcheck-engine.wasm (default: fetched in browsers, read from disk in Node).
 *   rulesFiles: a rule set to use instead of the built-in one ({path: text}, manifest.json included); a set the
 *   engine refuses makes createEngine throw a RulesError listing every problem.
 */
export async function createEngine({ wasmBinary, rulesFiles } = {}) {
    const binary = wasmBinary ?? (isNode ? await readWasmInNode() : undefined);
    const module = await createRootCheckEngine(binary === undefined ? {} : { wasmBinary: binary });

    const engine = {
        assess: (doc) => JSON.parse(module.assess(documentText(doc))),
        next: (doc) => JSON.parse(module.next(documentText(doc))),
        questionnaire: (locale = engine.info().default_locale, mode = 'self') =>
            JSON.parse(module.questionnaire(locale, mode)),
        info: () => JSON.parse(module.info()),
        loadRules: (files) => JSON.parse(module.loadRules(JSON.stringify(files))),
        lint: () => JSON.parse(module.lint()),
        logic: (rule, data = null) => JSON.parse(module.logic(valueText(rule), valueText(data))),
        // Size of the instance's WebAssembly memory in bytes (it only grows): lets tests check for leaks.
        memoryBytes: () => module.HEAP8.buffer.byteLength,
    };

    if (rulesFiles !== undefined) {
        const loaded = engine.loadRules(rulesFiles);
        if (loaded.error) throw new RulesError(loaded.error);
    }
    return Object.freeze(engine);
}
