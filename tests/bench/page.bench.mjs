// The demo page (web/index.html) in headless Debian Chromium, served by the project's own server with the strict CSP
// (web/tools/serve.mjs, a free port on 127.0.0.1). Three budgets:
//
// 1. Bytes before the first question: every file the page asks for from navigation until the first question screen
//    shows (intro, press Start, first question), each listed raw and gzip -9 (of the response body), their
//    gzip sum against 150 KB. Published figures of two form libraries are printed beside it for comparison.
// 2. Cold load to interactive, median and p90 of 20 loads, each in a new browser context (own HTTP cache, nothing
//    warm but the browser process; one load before them, not counted, also records the bytes of 1.). Times are the
//    page's own performance.now() (0 = navigation start), taken by a MutationObserver on the widget's shadow root
//    that an init script installs (init scripts run before the page's and are outside its CSP).
//    "Interactive": the intro's Start button is in the widget, enabled and visible, and the widget is no longer busy
//    (aria-busy gone: the WebAssembly engine is compiled and has given the questionnaire; the button is rendered only
//    then) and its stylesheets are in (the widget shows only then). Target: median < 150 ms.
//    Also reported: Start click (the click event's timeStamp) -> the first question's first radio button present,
//    enabled, visible and in the tab order.
// 3. One answer, one frame: a person's whole journey (the "soon, L5 left" answers of the browser tests), and for
//    each input that changes an answer, the time from the input event's timeStamp (click, key) to the widget's
//    rootcheck-change (fired once the engine has answered and the screen is updated) plus the style and layout of
//    the re-rendered page, forced there. Target: max <= 16.7 ms. Beside it, the engine alone in the page: next() +
//    assess() on the answers after each change (mean of repeated calls each), the work an answer costs the engine.
//
// Run alone: `node tests/bench/page.bench.mjs` (prints the same table as `npm run bench`; needs web/dist built).
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/tools/serve.mjs';
import { formatTable } from '../../web/cli/table.mjs';
import { Person, loadLocale } from '../browser/harness.mjs';
import { SOON_L5_LEFT } from '../browser/answers.mjs';
import { quantile, row } from './support.mjs';

const PAGE = 'index.html';
const LOADS = 20;
const byteBudget = 150 * 1024;
const interactiveBudgetMs = 150;
const frameMs = 1000 / 60;
const engineRepeats = 20; // next() + assess() calls per answer state: the page's clock is coarse (0.1 ms)
const waitMs = 15000; // for the widget to come up / show the first question; the engine compiles on first load

// Published sizes (minified + gzip) of the form libraries RootCheck could have been built on, for scale only.
const PUBLISHED = [
    ['SurveyJS core + UI (published figure)', '~446 KB'],
    ['LHC-Forms (published figure)', '~1,048 KB'],
];

// The browser the browser tests use (tests/browser/harness.mjs), with the same flags.
const CHROMIUM = {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const sorted = (values) => Float64Array.from(values).sort();

// Runs in the page before its own scripts (context.addInitScript). Watches the <root-check> shadow root from the
// moment it is attached and stamps window.__pageBench: interactive (see the header), startClick, firstRadio; and, for
// every event that changes an answer, the handling time (answerMs) and the answers after it (answerStates).
function pageProbe({ startLabel }) {
    const marks = { interactive: null, startClick: null, firstRadio: null, answerMs: [], answerStates: [] };
    window.__pageBench = marks;
    const widgetRoots = [];

    const isStart = (node) => node instanceof HTMLButtonElement && node.textContent.trim() === startLabel;
    const focusable = (node) => node && !node.disabled && node.tabIndex >= 0 && node.checkVisibility();

    const look = (root) => {
        const now = performance.now();
        if (marks.interactive === null) {
            const start = [...root.querySelectorAll('button')].find(isStart);
            if (start && root.querySelector('[aria-busy]') === null && focusable(start)) marks.interactive = now;
        }
        if (marks.startClick !== null && marks.firstRadio === null) {
            const radio = root.querySelector('section[data-screen] input[type="radio"]');
            if (focusable(radio)) marks.firstRadio = now;
        }
    };

    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachAndWatch(init) {
        const root = attachShadow.call(this, init);
        if (this.localName === 'root-check') {
            widgetRoots.push(root);
            new MutationObserver(() => look(root)).observe(root, { subtree: true, childList: true, attributes: true });
        }
        return root;
    };

    // Answer handling, all in the task of the input event: from the timeStamp of the first event of that task (the
    // click on an option, the key that leaves a number field: when the browser received the input) to the widget's
    // rootcheck-change, which it fires once the engine has answered and the screen and progress are updated, plus
    // the style and layout that forces. Counted from the event's timeStamp like the Start click figure, as Event
    // Timing (INP) counts.
    let taskStart = null;
    const taskEnd = new MessageChannel();
    taskEnd.port1.onmessage = () => { taskStart = null; };
    const begin = (event) => {
        if (taskStart !== null) return;
        taskStart = event.timeStamp;
        taskEnd.port2.postMessage(null);
    };
    for (const type of ['click', 'keydown', 'input', 'change']) window.addEventListener(type, begin, { capture: true });
    window.addEventListener('rootcheck-change', (event) => {
        for (const root of widgetRoots) root.host.getBoundingClientRect(); // style + layout of the whole document
        if (taskStart !== null) marks.answerMs.push(performance.now() - taskStart);
        marks.answerStates.push(event.detail.answers);
    });
    window.addEventListener('click', (event) => {
        if (marks.startClick === null && isStart(event.composedPath()[0])) marks.startClick = event.timeStamp;
    }, { capture: true });
}

// One cold load in a new context: navigation -> interactive -> Start -> first radio. Returns the page's marks, and
// with record: true the response to every request made until the first question showed ({url, status, body}).
async function coldLoad(browser, url, startLabel, { record = false, keep = false } = {}) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
        await context.addInitScript(pageProbe, { startLabel });
        const page = await context.newPage();
        const responses = [];
        if (record) page.on('response', (response) => responses.push(response));
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction(() => window.__pageBench.interactive !== null, null, { timeout: waitMs });
        await page.getByRole('button', { name: startLabel, exact: true }).click();
        await page.waitForFunction(() => window.__pageBench.firstRadio !== null, null, { timeout: waitMs });
        if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
        const { marks, requestedBefore } = await page.evaluate(() => {
            const { interactive, startClick, firstRadio } = window.__pageBench;
            // The page and every file it had asked for when the first question showed (what the widget fetches
            // later, while the person answers, is not part of the first question).
            const requested = performance.getEntriesByType('resource')
                .filter((entry) => entry.startTime <= firstRadio).map((entry) => entry.name);
            return { marks: { interactive, startClick, firstRadio }, requestedBefore: [location.href, ...requested] };
        });
        if (record) await page.waitForLoadState('networkidle'); // so that every response asked for before is in
        const received = [];
        for (const response of responses.slice()) {
            if (!requestedBefore.includes(response.url())) continue;
            received.push({ url: response.url(), status: response.status(), body: await response.body() });
        }
        if (keep) return { marks, received, page, context };
        return { marks, received };
    } finally {
        if (!keep) await context.close();
    }
}

function byteRows(received, origin) {
    const files = received.map(({ url, status, body }) => ({
        name: url.startsWith(origin) ? url.slice(origin.length) || '/' : url,
        status,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
    })).sort((a, b) => b.gzip - a.gzip);
    const failed = files.filter((file) => file.status !== 200);
    if (failed.length > 0) {
        throw new Error(`responses other than 200: ${failed.map((file) => `${file.status} ${file.name}`).join(', ')}`);
    }
    const total = files.reduce((sum, file) => sum + file.gzip, 0);
    const rawTotal = files.reduce((sum, file) => sum + file.raw, 0);
    return [
        ...files.map((file) => row(`  ${file.name} gzip (raw ${kb(file.raw)})`, kb(file.gzip))),
        row(`demo to first question: ${files.length} files gzip (raw ${kb(rawTotal)})`, kb(total),
            `<= ${kb(byteBudget)}`, total <= byteBudget),
        ...PUBLISHED.map(([name, size]) => row(`  for comparison: ${name}`, size)),
    ];
}

function loadRows(loads) {
    const interactive = sorted(loads.map((marks) => marks.interactive));
    const firstRadio = sorted(loads.map((marks) => marks.firstRadio - marks.startClick));
    const median = quantile(interactive, 0.5);
    return [
        row(`navigation -> Start interactive, median of ${loads.length} cold loads`, ms(median),
            `< ${interactiveBudgetMs} ms`, median < interactiveBudgetMs),
        row('navigation -> Start interactive, p90', ms(quantile(interactive, 0.9))),
        row('Start click -> first radio focusable, median', ms(quantile(firstRadio, 0.5))),
        row('Start click -> first radio focusable, p90', ms(quantile(firstRadio, 0.9))),
    ];
}

// A whole journey through the widget, then the engine alone on the answers after each change, in the same page.
async function answerRows(browser, url, startLabel) {
    const { page, context } = await coldLoad(browser, url, startLabel, { keep: true });
    try {
        const outcome = await new Person(page, 'en').answer(SOON_L5_LEFT);
        if (outcome !== 'results') throw new Error(`the journey ended in '${outcome}', not the results`);
        const { answerMs, answerStates } = await page.evaluate(() => window.__pageBench);
        if (answerMs.length === 0 || answerMs.length !== answerStates.length) {
            throw new Error(`${answerMs.length} answer changes timed of ${answerStates.length} made`);
        }
        const engineMs = await page.evaluate(async ({ states, repeats }) => {
            const { getEngine } = await import(new URL('widget/engine-loader.js', document.baseURI).href);
            const engine = await getEngine();
            return states.map((answers) => {
                const doc = { answers, locale: 'en', mode: 'self' };
                const started = performance.now();
                for (let i = 0; i < repeats; i += 1) {
                    if (engine.next(doc).error || engine.assess(doc).error) throw new Error('engine error on answers');
                }
                return (performance.now() - started) / repeats;
            });
        }, { states: answerStates, repeats: engineRepeats });
        const ui = sorted(answerMs);
        const alone = sorted(engineMs);
        const uiMax = ui[ui.length - 1];
        const aloneMax = alone[alone.length - 1];
        return [
            row(`answer -> handled + laid out, median of ${ui.length} answer changes`, ms(quantile(ui, 0.5))),
            row('answer -> handled + laid out, max', ms(uiMax), `<= ${ms(frameMs)}`, uiMax <= frameMs),
            row(`engine next() + assess() per answer state, median of ${alone.length}`,
                `${quantile(alone, 0.5).toFixed(2)} ms`),
            row('engine next() + assess() per answer state, max', `${aloneMax.toFixed(2)} ms`, `<= ${ms(frameMs)}`,
                aloneMax <= frameMs),
        ];
    } finally {
        await context.close();
    }
}

export const title = 'demo page (Chromium)';

export async function run() {
    const startLabel = loadLocale('en')['ui.start'];
    const server = await startServer({ port: 0 });
    const browser = await chromium.launch(CHROMIUM);
    try {
        const url = new URL(PAGE, server.url).href;
        const first = await coldLoad(browser, url, startLabel, { record: true });
        const loads = [];
        for (let i = 0; i < LOADS; i += 1) loads.push((await coldLoad(browser, url, startLabel)).marks);
        return [
            ...byteRows(first.received, server.url),
            ...loadRows(loads),
            ...await answerRows(browser, url, startLabel),
        ];
    } finally {
        await browser.close();
        await server.close();
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const rows = await run();
    const verdict = (ok) => ({ true: 'PASS', false: 'OVER' })[ok] ?? '';
    process.stdout.write(formatTable(['bench', 'measure', 'value', 'target', 'result'],
        rows.map((line) => [title, line.measure, line.value, line.target, verdict(line.ok)])));
    process.exitCode = rows.some((line) => line.ok === false) ? 1 : 0;
}
