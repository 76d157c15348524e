// How soon the built-in rule set is ready: from instantiating the engine's WebAssembly module to the reply of its
// first info() call (the engine parses and checks its built-in rule set on that first call; cpp/bindings/). The
// .wasm is compiled before the clock starts in both cases: a page compiles it while the rest of the widget loads
// (root-check.js starts the compile first), so instantiation -> info() is the part that waits for it.
//
// 1. Warm, Node (target <= 5 ms): one WebAssembly.Module compiled from dist/rootcheck-engine.wasm in this process;
//    one engine instantiated from it has answered info() and `warmAssess` assess calls, and `warmInstances` more
//    fresh engines have each been instantiated and answered info(), so that V8's dynamic tiering has had those runs
//    to recompile the functions that ran hot in them with its optimising compiler (TurboFan) in place of the
//    baseline code (Liftoff) the compile gave: the compiled code belongs to the Module and is shared by every
//    instance of it. Measured: createEngine({wasmModule}) (new instance with its own memory, Emscripten's start-up)
//    + the first info() of that instance, median of `measuredInstances` fresh instances, each timed alone after a
//    full garbage collection (so that reclaiming earlier instances' memories does not fall into the span; without
//    it, every fourth or fifth instance took 20 ms more). The fastest of them is reported beside it.
// 2. Cold, Chromium (target <= 20 ms): a fresh page each time (a new browser context: own process, own caches,
//    nothing compiled) under the project's strict CSP; the page fetches the .wasm bytes and imports web/api.js,
//    then compiles the bytes (WebAssembly.compile: baseline code, nothing run yet) and, between two performance
//    marks, instantiates the module (createEngine({wasmModule})) and calls info(). Median of `pages` pages. Whatever
//    of the compile V8 defers to a function's first call (lazy compilation) falls inside the span. The compile's own
//    time is reported beside it, and the sum (a page that started nothing early waits for both).
// 3. Beside them, without a target: how many 4 KB pages of fresh memory the load writes (pagesTheLoadWrites), a
//    count that does not vary between runs, and what this machine charges for the first write to such a page
//    (firstTouchMicroseconds): their product is at least what the warm figure spends on the load's page faults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { STRICT_CSP, startServer } from '../../web/tools/serve.mjs';
import { distDir, fullAnswersText, quantile, row } from './support.mjs';

const warmAssess = 200;
const warmInstances = 20;
const measuredInstances = 30;
const pages = 10;
const warmBudgetMs = 5;
const coldBudgetMs = 20;
// A page of the server's origin with nothing on it, for the cold measurement (answered by the bench, not a file).
const BLANK_PAGE = '__bench/blank.html';

const ms = (value) => `${value.toFixed(2)} ms`;
const median = (values) => quantile(Float64Array.from(values).sort(), 0.5);

// V8's gc() without starting Node with --expose-gc: the flag set now applies to contexts made after it.
function garbageCollector() {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc');
}

async function warmNode() {
    const { createEngine } = await import('../../web/api.js');
    const gc = garbageCollector();
    const compiled = await WebAssembly.compile(readFileSync(join(distDir, 'rootcheck-engine.wasm')));
    const ready = async () => {
        gc();
        const started = performance.now();
        // As in a page: the built-in set's English only (Node would otherwise add every other locale at once).
        const engine = await createEngine({ wasmModule: compiled, localesOnDemand: true });
        const info = engine.info();
        const elapsed = performance.now() - started;
        if (info.error) throw new Error(`info() replied ${JSON.stringify(info.error)}`);
        return { engine, elapsed };
    };
    const { engine } = await ready();
    const answers = fullAnswersText();
    for (let i = 0; i < warmAssess; i++) engine.assess(answers);
    for (let i = 0; i < warmInstances; i++) await ready();
    const times = [];
    for (let i = 0; i < measuredInstances; i++) times.push((await ready()).elapsed);
    return { times, pages: await pagesTheLoadWrites(compiled) };
}

// The memory the built-in set's load leaves written: the 4 KB pages of a fresh instance's memory that hold a non-zero
// byte after its first info() and held none before it. The load touched each of them for the first time, which a new
// instance pays for page by page (firstTouchMicroseconds measures the price). A lower bound: a page written and then
// zeroed again, or first written before info() (Emscripten's start-up), is not counted. Unlike the times, the count is
// the same from run to run, so it shows a change in what the load keeps in memory even where their noise hides it.
// Read from Emscripten's module itself (the JS API does not expose the memory); `compiled` is the warm runs' module.
async function pagesTheLoadWrites(compiled) {
    const { default: createModule } = await import('../../web/dist/rootcheck-engine.js');
    const module = await createModule({
        instantiateWasm(imports, receiveInstance) {
            WebAssembly.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled));
            return {};
        },
    });
    const pageWords = 4096 / 4;
    const writtenPages = () => {
        const words = new Uint32Array(module.HEAP8.buffer);
        const pages = new Set();
        for (let page = 0; page * pageWords < words.length; page++) {
            const end = (page + 1) * pageWords;
            for (let i = page * pageWords; i < end; i++) {
                if (words[i] !== 0) {
                    pages.add(page);
                    break;
                }
            }
        }
        return pages;
    };
    const before = writtenPages();
    module.info();
    return [...writtenPages()].filter((page) => !before.has(page)).length;
}

// The cost of the first write to a fresh 4 KB page of WebAssembly memory on this machine, in us: the kernel's page
// fault, which V8 leaves to the first touch. Median over fresh memories of writing one byte into each of `pageCount`
// pages (the load's count), after 10 memories not counted. On the 2-core virtual machines of this project it read
// 11-15 us in Node, and a C program's first writes to mmap'd pages 9-10 us: the same fault, not V8.
function firstTouchMicroseconds(pageCount) {
    if (pageCount === 0) return 0;
    const perPage = [];
    for (let i = 0; i < 40; i++) {
        const memory = new WebAssembly.Memory({ initial: Math.ceil((pageCount * 4096) / 65536) });
        const bytes = new Uint8Array(memory.buffer);
        const started = performance.now();
        for (let page = 0; page < pageCount; page++) bytes[page * 4096] = 1;
        if (i >= 10) perPage.push(((performance.now() - started) * 1000) / pageCount);
    }
    return median(perPage);
}

// In the page: the bytes and the JS API first, then the timed steps; returns the two measures in ms.
async function coldPage() {
    const at = (path) => new URL(path, document.baseURI).href;
    const bytes = await (await fetch(at('../dist/rootcheck-engine.wasm'))).arrayBuffer();
    const { createEngine } = await import(at('../api.js'));
    performance.mark('rootcheck-compile');
    const compiled = await WebAssembly.compile(bytes);
    performance.mark('rootcheck-instantiate');
    const engine = await createEngine({ wasmModule: compiled });
    const info = engine.info();
    performance.mark('rootcheck-info');
    if (info.error) throw new Error(`info() replied ${JSON.stringify(info.error)}`);
    return {
        compile: performance.measure('compile', 'rootcheck-compile', 'rootcheck-instantiate').duration,
        ready: performance.measure('ready', 'rootcheck-instantiate', 'rootcheck-info').duration,
    };
}

async function coldChromium() {
    // Imported only now, after the Node measurement: Playwright's modules in the process slowed instantiation there
    // 3 times (run-bench.mjs).
    const { launchChromium } = await import('./demo-page.mjs');
    const server = await startServer({ port: 0 });
    const browser = await launchChromium();
    try {
        const url = new URL(BLANK_PAGE, server.url).href;
        const results = [];
        for (let i = 0; i < pages; i++) {
            const context = await browser.newContext({ serviceWorkers: 'block' });
            try {
                await context.route(url, (route) => route.fulfill({
                    status: 200,
                    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': STRICT_CSP },
                    body: '<!doctype html><html lang="en"><title>engine ready</title></html>',
                }));
                const page = await context.newPage();
                await page.goto(url);
                results.push(await page.evaluate(coldPage));
            } finally {
                await context.close();
            }
        }
        return results;
    } finally {
        await browser.close();
        await server.close();
    }
}

export const title = 'built-in rule set ready';

export async function run() {
    const { times: warmTimes, pages: loadPages } = await warmNode();
    const warm = median(warmTimes);
    const touchUs = firstTouchMicroseconds(loadPages);
    const cold = await coldChromium();
    const ready = median(cold.map((page) => page.ready));
    return [
        row(`Node, warm: instantiate -> info(), median of ${measuredInstances} fresh instances`, ms(warm),
            `<= ${warmBudgetMs} ms`, warm <= warmBudgetMs),
        row('Node, warm: instantiate -> info(), fastest instance', ms(Math.min(...warmTimes))),
        row('4 KB pages of a fresh instance the load writes (first touch)', `${loadPages} (${loadPages * 4} KB)`),
        row('first write to a fresh 4 KB page, this machine, median', `${touchUs.toFixed(1)} us`),
        row('the load\'s pages x that cost (at least, of the warm figure)', ms((loadPages * touchUs) / 1000)),
        row(`Chromium, cold: instantiate -> info(), median of ${pages} fresh pages`, ms(ready),
            `<= ${coldBudgetMs} ms`, ready <= coldBudgetMs),
        row('Chromium, cold: compile of the .wasm before it, median', ms(median(cold.map((page) => page.compile)))),
        row('Chromium, cold: compile + instantiate -> info(), median',
            ms(median(cold.map((page) => page.compile + page.ready)))),
    ];
}
