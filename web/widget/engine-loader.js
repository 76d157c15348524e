// Starts the WebAssembly engine for <root-check>. Every element on a page that uses the built-in rule set shares one
// engine; an element with a `rules` attribute gets its own engine (one per rule-set URL), because loadRules replaces
// the set of the engine it is called on. The only network use is fetching the widget's own static files (the engine
// and, when asked for, the rule-set folder the host page names): answers never leave the page.
// The core API without the FHIR calls (web/api.js adds them): the widget's FHIR code loads later.
import { createEngine } from '../engine-core.js';
import { nextTask } from './tasks.js';

const engines = new Map(); // '' (built-in set) or absolute rule-set folder URL -> Promise<engine>
let engineCode = null; // Promise<WebAssembly.Module> of dist/rootcheck-engine.wasm, if root-check.js started one

// Hands over the compile of the engine's .wasm that root-check.js started before this module loaded; every engine
// started from now on is instantiated from it. Without it, each engine fetches and compiles the file itself.
export function useEngineCode(compiling) {
    engineCode = compiling;
}

async function fetchText(url) {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
}

// Fetches manifest.json of the folder and every file it lists (parts and locales), as {path: text} for loadRules.
export async function fetchRuleFiles(folderUrl) {
    const base = new URL(folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`, document.baseURI);
    const manifestText = await fetchText(new URL('manifest.json', base));
    let manifest;
    try {
        manifest = JSON.parse(manifestText);
    } catch (error) {
        throw new Error(`${new URL('manifest.json', base)}: ${error.message}`);
    }
    const paths = [...Object.values(manifest.files || {}), ...Object.values(manifest.locales || {})];
    const files = { 'manifest.json': manifestText };
    const texts = await Promise.all(paths.map((path) => fetchText(new URL(path, base))));
    paths.forEach((path, i) => { files[path] = texts[i]; });
    return files;
}

async function startEngine(rulesUrl) {
    const code = engineCode;
    let engine;
    try {
        engine = await createEngine(code ? { wasmModule: code } : {});
    } catch (error) {
        // A failed early compile (say, the network dropped) must not fail every retry: later starts fetch anew.
        if (code && engineCode === code) engineCode = null;
        throw error;
    }
    if (!rulesUrl) {
        // The engine parses and checks its built-in rule set on first use. Asking now, as soon as it is compiled,
        // does that while the rest of the widget may still be loading (root-check.js starts the engine first); the
        // element's own info() call then finds it done and reads any error from there. In a task of its own, apart
        // from the instantiation and the engine's start-up before it.
        await nextTask();
        engine.info();
    } else {
        const loaded = engine.loadRules(await fetchRuleFiles(rulesUrl));
        if (loaded && loaded.error) {
            const problems = (loaded.error.problems || []).map((p) => `${p.path}: ${p.message}`).join('; ');
            throw new Error(`${rulesUrl}: ${loaded.error.message}${problems ? ` (${problems})` : ''}`);
        }
    }
    // What the first element does next (its questionnaire and intro) in a task apart from the rule set's load. Only
    // here, once per engine: an element that finds its engine started goes on at once.
    await nextTask();
    return engine;
}

// getEngine(rulesUrl?) -> Promise<engine>; a failed start is forgotten so a later attempt can retry.
export function getEngine(rulesUrl = '') {
    const key = rulesUrl ? new URL(rulesUrl, document.baseURI).href : '';
    if (!engines.has(key)) {
        const started = startEngine(key);
        engines.set(key, started);
        started.catch(() => engines.delete(key));
    }
    return engines.get(key);
}
