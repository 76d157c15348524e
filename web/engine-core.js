// The core of RootCheck's JavaScript API: the only door from JavaScript to the WebAssembly engine. web/api.js,
// the public API, adds the FHIR calls to what createEngine here returns; the widget uses this core alone, so that
// the FHIR code stays out of its first download. Types: api.d.ts.
//
// The engine speaks JSON text; this module turns JavaScript values into that text and the replies back into plain
// objects. Errors are data ({error: {...}}), never exceptions, except when the engine cannot be created at all.
// The same file works in browsers (the .wasm is fetched from beside dist/rootcheck-engine.js) and in Node 20 (the
// .wasm is read from disk unless `wasmBinary` is given).
//
// Values in: an assess or next document given as an object, the loadRules files object, logic's rule and data.
// Only JSON data is taken, so that the engine judges exactly what the caller passed: null, booleans, strings, finite
// numbers, arrays and plain objects (prototype Object.prototype or null; their own enumerable string keys, as
// JSON.stringify reads them). Everything else is refused, where JSON.stringify would drop it, change it or throw:
//   {"error": {"code": "not_json", "message", "path"}}, path the JSON Pointer of the first culprit in
//   JSON.stringify's order, under the argument's place: "" for a document or the files object, "/rule" or "/data".
// - undefined: at the top, as an object's value, as an array element or hole. For "not answered", leave the key out
//   or give null. (logic's data may be left out: null.)
// - functions, Symbols, BigInts.
// - NaN and +-Infinity: JSON.stringify would make them null, which the engine reads as "not answered".
// - objects of any other kind: Date, Map, Set, RegExp, typed arrays, class instances (JSON.stringify would turn a
//   Map or Set into {} and a Date into text). Objects from another realm (an iframe) count as other kinds too.
// - an object that contains itself (a cycle), and a getter or Proxy that throws.
// - nested deeper than 1,000 levels (walkDepth), which is beyond every engine limit (16 levels for documents, 64 for
//   JsonLogic and rule files): the engine's own answer for text nested that deep, as for the value written as JSON
//   text: too_deep at "" for a document, at "/rule" or "/data" for logic; for loadRules, invalid_rules listing it.
// questionnaire's locale and mode must be strings (left out: the defaults), else wrong_type at "/locale" or "/mode";
// so must addLocale's locale ("/locale") and text ("/text": a string or UTF-8 bytes).
// A document given as JSON text or bytes is not checked here: it goes to the engine as it is.
//
// Locales on demand: the built-in rule set carries only its default locale; the others (info().locales_to_load) are
// files added before use (contract: add_locale in cpp/engine/engine.h). loadLocale(locale) gets one and adds it: in
// browsers dist/locales/<locale>.json beside this module (written by the build: web/tools/locale-files.mjs), in Node
// the file the package's rules/manifest.json names. Under Node, createEngine adds every one of them at once, so
// scripts and the CLI see every locale as before (unless `localesOnDemand`); a page fetches only the one it shows.
// loadLocale never throws: a failed read is {"error": {"code": "locale_unavailable", "message", "path": "/locale"}},
// and is not remembered, so the next call tries again.
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

// ---- JavaScript values as JSON text (the contract is in the header) ----

// Deepest nesting walked (a bare scalar is depth 0, [] is depth 1). Far beyond every engine limit, and shallow enough
// for the recursive walks below to stay clear of the call-stack limit.
const walkDepth = 1000;
// Handed to the engine in place of a value nested deeper than walkDepth, so that the engine itself answers too_deep
// (and its message and path are the ones it gives for any text nested too deep at that argument).
const tooDeepText = '['.repeat(walkDepth + 1) + ']'.repeat(walkDepth + 1);

const objectPrototype = Object.prototype;
const isPlainObject = (value) => {
    const prototype = Object.getPrototypeOf(value);
    return prototype === objectPrototype || prototype === null;
};

// Whether JSON.stringify(value) is exactly `value`'s JSON text: nothing in it refused (header), nested at most
// walkDepth levels with `depth` containers around it. A value that is fine is walked here and again by
// JSON.stringify, because this check costs a tenth of JSON.stringify (0.5 µs to 4.5 µs on tests/bench/
// full-answers.json) where one walk that also serialises is slower: 9.4 µs with a replacer, 13 µs in JavaScript.
function isJsonData(value, depth) {
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return true;
        case 'number':
            return value - value === 0; // false for NaN and +-Infinity
        case 'object': {
            if (value === null) return true;
            if (depth >= walkDepth) return false;
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) if (!isJsonData(value[i], depth + 1)) return false;
                return true;
            }
            if (!isPlainObject(value)) return false;
            for (const key in value) if (!isJsonData(value[key], depth + 1)) return false;
            return true;
        }
        default:
            return false;
    }
}

// Text for a thrown value that cannot throw itself (a Symbol or an object whose toString throws).
function thrownText(thrown) {
    try {
        return String(thrown instanceof Error ? thrown.message : thrown);
    } catch {
        return 'a value that cannot be shown';
    }
}

// What kind of object `value` is, for a message: "Date", "Map", a class name.
function objectKind(value) {
    try {
        const name = Object.getPrototypeOf(value)?.constructor?.name;
        return typeof name === 'string' && name !== '' ? name : Object.prototype.toString.call(value).slice(8, -1);
    } catch {
        return 'exotic object';
    }
}

// Why `value` by itself (not looking inside) is not JSON data; undefined when it is.
function ownProblem(value) {
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return undefined;
        case 'number':
            return value - value === 0 ? undefined : `${value} is not a JSON number`;
        case 'object':
            return value === null || Array.isArray(value) || isPlainObject(value) ? undefined
                : `this ${objectKind(value)} object is not JSON data (only plain objects and arrays are)`;
        case 'undefined':
            return 'undefined is not a JSON value';
        case 'bigint':
            return 'a BigInt is not a JSON value (convert it to a Number)';
        case 'symbol':
            return 'a Symbol is not a JSON value';
        default:
            return `a ${typeof value} is not a JSON value`;
    }
}

const pointerStep = (key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1');

// The first culprit in `value` (at `pointer`, inside containers `ancestors`: object -> pointer) in JSON.stringify's
// order: {pointer, problem}, problem null when the value nests deeper than walkDepth; null when there is none.
function firstCulprit(value, pointer, depth, ancestors) {
    const problem = ownProblem(value);
    if (problem !== undefined) return { pointer, problem };
    if (value === null || typeof value !== 'object') return null;
    if (ancestors.has(value)) {
        const first = ancestors.get(value);
        return { pointer, problem: `a cycle: this is the object at "${first}" again, whose JSON text would never end` };
    }
    if (depth >= walkDepth) return { pointer, problem: null };
    ancestors.set(value, pointer);
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
        const at = pointer + pointerStep(key);
        let child;
        try {
            child = value[key];
        } catch (thrown) {
            return { pointer: at, problem: `reading it threw: ${thrownText(thrown)}` };
        }
        const found = firstCulprit(child, at, depth + 1, ancestors);
        if (found !== null) return found;
    }
    ancestors.delete(value);
    return null;
}

const notJson = (path, message) => ({ error: { code: 'not_json', message, path } });

// The engine argument for `value`, which sits at JSON Pointer `pointer` of the call's input: its JSON text, or the
// error document refusing it.
function valueArgument(value, pointer) {
    try {
        if (isJsonData(value, 0)) return JSON.stringify(value);
    } catch {
        // A getter or a Proxy trap threw: the walk below reads the value again and says where.
    }
    try {
        const found = firstCulprit(value, pointer, 0, new Map());
        // No culprit: isJsonData's for...in also read enumerable keys inherited from a polluted Object.prototype,
        // which JSON.stringify skips, as firstCulprit does (for...in is 3 times faster than Object.keys there).
        if (found === null) return JSON.stringify(value);
        return found.problem === null ? tooDeepText : notJson(found.pointer, found.problem);
    } catch (thrown) {
        // A Proxy trap threw (a getter's throw is caught where it is read, with its path).
        return notJson(pointer, `reading it threw: ${thrownText(thrown)}`);
    }
}

// Answers documents may be given as an object (checked and serialised here), as JSON text or as raw UTF-8 bytes;
// text and bytes go to the engine untouched, so it can report malformed JSON and invalid UTF-8 itself.
function documentArgument(doc) {
    if (typeof doc === 'string' || doc instanceof Uint8Array) return doc;
    if (doc instanceof ArrayBuffer) return new Uint8Array(doc);
    return valueArgument(doc, '');
}

// A questionnaire argument: text, as the engine takes it, or the wrong_type error the engine gives a document whose
// locale or mode is not a string.
function stringArgument(value, pointer) {
    if (typeof value === 'string') return value;
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return { error: { code: 'wrong_type', message: `expected a string, got ${kind}`, path: pointer } };
}

// How long a browser waits for a locale file before giving up (loadLocale then answers locale_unavailable and the
// widget shows its default language): a stalled request must not keep the check from starting.
const localeFetchTimeoutMs = 10000;

// The bytes of a locale file of the built-in rule set (see the header), as they are on disk or on the server: the
// engine checks their digest, so nothing may change them on the way (response.text() would drop a byte order mark).
// Revalidated with the server on each fetch, so that a file updated with the engine is never an old cached copy,
// which the engine would refuse. Throws if the file cannot be read.
async function readLocaleFile(locale) {
    if (isNode) {
        const { readFile } = await import('node:fs/promises');
        const rules = new URL('../rules/', import.meta.url);
        const manifest = JSON.parse(await readFile(new URL('manifest.json', rules), 'utf8'));
        return new Uint8Array(await readFile(new URL(manifest.locales[locale], rules)));
    }
    const url = new URL(`./dist/locales/${encodeURIComponent(locale)}.json`, import.meta.url);
    const response = await fetch(url, {
        credentials: 'same-origin', cache: 'no-cache', signal: AbortSignal.timeout(localeFetchTimeoutMs),
    });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
}

// ---- Calls into the module ----

// The reply of one engine call as a plain object. The view is only valid until the next call into the module (which
// may overwrite its bytes or grow the memory under it), so every call is decoded here, at once.
const parseReply = (view) => JSON.parse(decoder.decode(view));

// Text up to this many UTF-16 units is encoded straight into the module's argument buffer; longer text is encoded
// first, to size the buffer exactly (see passArguments).
const directTextUnits = 64 * 1024;

// Writes the arguments (text or UTF-8 bytes) one after another into the module's argument buffer (written and read
// within one call, like the reply) and returns their byte lengths, which the module function takes in their place.
// Text is encoded straight into the buffer, sized for the most bytes it can take (3 per UTF-16 unit): encoding it
// apart and copying it costs a 2.5 KB document 2.6 µs more (measured). Longer text is encoded apart all the same,
// because the module's memory never shrinks: room for 3 times a 2.6 MB text would stay taken.
function passArguments(module, args) {
    const parts = args.map((arg) => (typeof arg === 'string' && arg.length > directTextUnits ? encoder.encode(arg)
        : arg));
    const room = parts.reduce((size, part) => size + (typeof part === 'string' ? 3 * part.length : part.length), 0);
    const buffer = module.argumentBuffer(room);
    let offset = 0;
    return parts.map((part) => {
        let length = part.length;
        if (typeof part === 'string') length = encoder.encodeInto(part, buffer.subarray(offset)).written;
        else buffer.set(part, offset);
        offset += length;
        return length;
    });
}

// Calls module function `name` with `args` (text or bytes, see passArguments), unless one of them is an error
// document refusing its value: then that is the reply.
function call(module, name, ...args) {
    const refusal = args.find((arg) => arg.error !== undefined);
    return refusal ?? parseReply(module[name](...passArguments(module, args)));
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
            WebAssembly.instantiate(compiled, imports)
                .then((instance) => receiveInstance(instance, compiled)).catch(fail);
            return {}; // the exports arrive through receiveInstance
        },
    };
    return { options, failed };
}

/**
 * Creates one engine (its own WebAssembly instance and memory).
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, wasmModule?: WebAssembly.Module|Promise<WebAssembly.Module>,
 *          rulesFiles?: Record<string, string>, localesOnDemand?: boolean}} [options]
 *   wasmBinary: the bytes of dist/rootcheck-engine.wasm (default: fetched in browsers, read from disk in Node).
 *   wasmModule: dist/rootcheck-engine.wasm already compiled (or being compiled), e.g. started before this module
 *   loaded; one compiled module serves any number of engines. A rejected promise rejects createEngine.
 *   rulesFiles: a rule set to use instead of the built-in one ({path: text}, manifest.json included); a set the
 *   engine refuses makes createEngine throw a RulesError listing every problem.
 *   localesOnDemand: in Node, leave the built-in set's other locales to loadLocale, as in browsers (see the header).
 */
export async function createEngine({ wasmBinary, wasmModule, rulesFiles, localesOnDemand = false } = {}) {
    let module;
    if (wasmModule !== undefined) {
        const { options, failed } = compiledModuleOptions(await wasmModule);
        module = await Promise.race([createRootCheckEngine(options), failed]);
    } else {
        const binary = wasmBinary ?? (isNode ? await readWasmInNode() : undefined);
        module = await createRootCheckEngine(binary === undefined ? {} : { wasmBinary: binary });
    }

    const engine = {
        assess: (doc) => call(module, 'assess', documentArgument(doc)),
        next: (doc) => call(module, 'next', documentArgument(doc)),
        // The engine takes an empty locale for the rule set's default and an empty mode for "self".
        questionnaire: (locale = '', mode = '') =>
            call(module, 'questionnaire', stringArgument(locale, '/locale'), stringArgument(mode, '/mode')),
        info: () => parseReply(module.info()),
        addLocale: (locale, text) => call(module, 'addLocale', stringArgument(locale, '/locale'),
            typeof text === 'string' || text instanceof Uint8Array ? text : stringArgument(text, '/text')),
        loadLocale: (locale) => loadLocale(locale),
        loadRules: (files) => call(module, 'loadRules', valueArgument(files, '')),
        lint: () => parseReply(module.lint()),
        logic: (rule, data = null) =>
            call(module, 'logic', valueArgument(rule, '/rule'), valueArgument(data, '/data')),
        // Size of the instance's WebAssembly memory in bytes (it only grows): lets tests check for leaks.
        memoryBytes: () => module.HEAP8.buffer.byteLength,
    };

    // loadLocale: one read per locale at a time (two elements asking at once share it); see the header.
    const localesLoading = new Map();
    async function readAndAddLocale(locale) {
        try {
            return engine.addLocale(locale, await readLocaleFile(locale));
        } catch (error) {
            return { error: { code: 'locale_unavailable', path: '/locale',
                message: `the texts of locale '${locale}' could not be read: ${thrownText(error)}` } };
        } finally {
            localesLoading.delete(locale);
        }
    }
    function loadLocale(locale) {
        const info = engine.info();
        // A locale the engine has (or does not know at all) needs no file: addLocale answers info() or
        // unknown_locale for it, whatever the text.
        if (info.error || typeof locale !== 'string' || !info.locales_to_load.includes(locale)) {
            return Promise.resolve(info.error ? info : engine.addLocale(locale, ''));
        }
        if (!localesLoading.has(locale)) localesLoading.set(locale, readAndAddLocale(locale));
        return localesLoading.get(locale);
    }

    if (rulesFiles !== undefined) {
        const loaded = engine.loadRules(rulesFiles);
        if (loaded.error) throw new RulesError(loaded.error);
    } else if (isNode && !localesOnDemand) {
        const info = engine.info();
        for (const locale of info.error ? [] : info.locales_to_load) {
            const added = await loadLocale(locale);
            if (added.error) throw new Error(`locale ${locale} of the built-in rule set: ${added.error.message}`);
        }
    }
    return Object.freeze(engine);
}
