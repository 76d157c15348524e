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

// The engine module takes the UTF-8 bytes of a call's arguments in a buffer of its memory and returns every reply as
// a Uint8Array view into its memory (contract: cpp/bindings/bindings.cpp). Both cross with native
// TextEncoder/TextDecoder and native copies, not Embind's string conversions, which loop over every character in
// JavaScript (measured on a 20 KB assess result: over a third of the call).
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// Answers documents may be given as an object (serialised here), as JSON text or as raw UTF-8 bytes; bytes go to the
// engine untouched, so it can report malformed JSON and invalid UTF-8 itself.
function documentBytes(doc) {
    if (doc instanceof Uint8Array) return doc;
    if (doc instanceof ArrayBuffer) return new Uint8Array(doc);
    return encoder.encode(typeof doc === 'string' ? doc : JSON.stringify(doc ?? {}));
}

// A JavaScript value as JSON text in UTF-8; undefined (not representable in JSON) means null.
const valueBytes = (value) => encoder.encode(value === undefined ? 'null' : JSON.stringify(value));

// The reply of one engine call as a plain object. The view is only valid until the next call into the module (which
// may overwrite its bytes or grow the memory under it), so every call is decoded here, at once.
const parseReply = (view) => JSON.parse(decoder.decode(view));

// Writes the arguments' bytes one after another into the module's argument buffer (written and read within one
// call, like the reply) and returns their byte lengths, which the module function takes in their place.
function passArguments(module, ...argumentBytes) {
    const buffer = module.argumentBuffer(argumentBytes.reduce((size, bytes) => size + bytes.length, 0));
    let offset = 0;
    for (const bytes of argumentBytes) {
        buffer.set(bytes, offset);
        offset += bytes.length;
    }
    return argumentBytes.map((bytes) => bytes.length);
}

/** Thrown by createEngine when `rulesFiles` is refused; `error` holds the engine's {code, message, problems}. */
export class RulesError extends Error {
    constructor(error) {
        const problems = (error.problems ?? []).map((problem) => `\n  ${problem.path}: ${problem.message}`).join('');
        super(`${error.message}${problems}`);
        this.name = 'RulesError';
        this.error = error;
    }
}

// Emscripten's hook for an already compiled module: instantiates it with the imports the engine module builds.
// Emscripten waits for receiveInstance and has no failure path here, so any failure rejects `failed`,
// which createEngine races against the module's start.
function compiledModuleOptions(compiled) {
    let fail;
    const failed = new Promise((resolve, reject) => { fail = reject; });
    const options = {
        instantiateWasm(imports, receiveInstance) {
            // receiveInstance throws too when the module is not this engine's (its exports are missing).
            WebAssembly.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled)).catch(fail);
            return {}; // the exports arrive through receiveInstance
        },
    };
    return { options, failed };
}

/**
 * Creates one engine (its own WebAssembly instance and memory).
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, wasmModule?: WebAssembly.Module|Promise<WebAssembly.Module>,
 *          rulesFiles?: Record<string, string>}} [options]
 *   wasmBinary: the bytes of dist/rootcheck-engine.wasm (default: fetched in browsers, read from disk in Node).
 *   wasmModule: dist/rootcheck-engine.wasm already compiled (or being compiled), e.g. started before this module
 *   loaded; one compiled module serves any number of engines. A rejected promise rejects createEngine.
 *   rulesFiles: a rule set to use instead of the built-in one ({path: text}, manifest.json included); a set the
 *   engine refuses makes createEngine throw a RulesError listing every problem.
 */
export async function createEngine({ wasmBinary, wasmModule, rulesFiles } = {}) {
    let module;
    if (wasmModule !== undefined) {
        const { options, failed } = compiledModuleOptions(await wasmModule);
        module = await Promise.race([createRootCheckEngine(options), failed]);
    } else {
        const binary = wasmBinary ?? (isNode ? await readWasmInNode() : undefined);
        module = await createRootCheckEngine(binary === undefined ? {} : { wasmBinary: binary });
    }

    const engine = {
        assess: (doc) => parseReply(module.assess(...passArguments(module, documentBytes(doc)))),
        next: (doc) => parseReply(module.next(...passArguments(module, documentBytes(doc)))),
        questionnaire: (locale = engine.info().default_locale, mode = 'self') =>
            parseReply(module.questionnaire(...passArguments(module, encoder.encode(locale), encoder.encode(mode)))),
        info: () => parseReply(module.info()),
        loadRules: (files) =>
            parseReply(module.loadRules(...passArguments(module, encoder.encode(JSON.stringify(files))))),
        lint: () => parseReply(module.lint()),
        logic: (rule, data = null) =>
            parseReply(module.logic(...passArguments(module, valueBytes(rule), valueBytes(data)))),
        // Size of the instance's WebAssembly memory in bytes (it only grows): lets tests check for leaks.
        memoryBytes: () => module.HEAP8.buffer.byteLength,
    };

    if (rulesFiles !== undefined) {
        const loaded = engine.loadRules(rulesFiles);
        if (loaded.error) throw new RulesError(loaded.error);
    }
    return Object.freeze(engine);
}
