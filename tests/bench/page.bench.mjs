// The demo page (web/index.html) in Debian's chromium-headless-shell on this machine, no emulation, served by the
// project's own server with the strict CSP (web/tools/serve.mjs, a free port on 127.0.0.1, files sent as they are, no
// compression). How a load is made and timed, and what "interactive" means: tests/bench/demo-page.mjs. The headless
// shell has no browser window around the page; in the full Chromium, which builds one for every new context on the
// same cores, 2. and 3. read about twice as high (tests/browser/chromium.mjs has the figures). Budgets:
//
// 1. Bytes before the first question: every file the page asks for from navigation until the first question screen
//    shows (intro, press Start, first question), each listed raw and gzip -9 (of the response body), their
//    gzip sum against 150 KB. Published figures of two form libraries are printed beside it for comparison.
// 2. Cold load to interactive, median and p90 of 20 loads, each in a new browser context (own HTTP cache, nothing
//    warm but the browser process; one load before them, not counted, also records the bytes of 1.). Target: median
//    <= 150 ms. Also reported: Start click (the click event's timeStamp) -> the first question's first radio button
//    present, enabled, visible and in the tab order.
// 3. Long tasks (over 50 ms) of the page's main thread from navigation (the widget's script tag and everything it
//    starts) to the first question, in the same 20 loads: per load the longest and how many; target: median of the
//    longest <= 50 ms, i.e. at least half the loads without a long task (a load without one counts 0 ms).
// 4. One answer, one frame: a person's whole journey (the "soon, L5 left" answers of the browser tests), and for
//    each input that changes an answer, the time from the input event's timeStamp (click, key) to the widget's
//    rootcheck-change plus the style and layout of the re-rendered page. Target: max <= 16.7 ms. Beside it, the
//    engine alone in the page: next() + assess() on the answers after each change (mean of repeated calls each),
//    the work an answer costs the engine.
//
// Run alone: `node tests/bench/page.bench.mjs` (prints the same table as `npm run bench`; needs web/dist built).
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/tools/serve.mjs';
import { formatTable } from '../../web/cli/table.mjs';
import { Person } from '../browser/harness.mjs';
import { SOON_L5_LEFT } from '../browser/answers.mjs';
import { PAGE, coldLoad, launchChromium, startLabel } from './demo-page.mjs';
import { quantile, row, verdict } from './support.mjs';

const LOADS = 20;
const byteBudget = 150 * 1024;
const interactiveBudgetMs = 150;
const longTaskMs = 50;
const frameMs = 1000 / 60;
const engineRepeats = 20; // next() + assess() calls per answer state: the page's clock is coarse (0.1 ms)

// Published sizes (minified + gzip) of the form libraries RootCheck could have been built on, for scale only.
const PUBLISHED = [
    ['SurveyJS core + UI (published figure)', '~446 KB'],
    ['LHC-Forms (published figure)', '~1,048 KB'],
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const sorted = (values) => Float64Array.from(values).sort();

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
            `<= ${interactiveBudgetMs} ms`, median <= interactiveBudgetMs),
        row('navigation -> Start interactive, p90', ms(quantile(interactive, 0.9))),
        row('Start click -> first radio focusable, median', ms(quantile(firstRadio, 0.5))),
        row('Start click -> first radio focusable, p90', ms(quantile(firstRadio, 0.9))),
    ];
}

function longTaskRows(loads) {
    const longest = sorted(loads.map((marks) => Math.max(0, ...marks.longTasks)));
    const counts = sorted(loads.map((marks) => marks.longTasks.length));
    const median = quantile(longest, 0.5);
    return [
        row(`longest main-thread task to first question, median of ${loads.length} (0: none over ${longTaskMs} ms)`,
            ms(median), `<= ${longTaskMs} ms`, median <= longTaskMs),
        row(`tasks over ${longTaskMs} ms to first question per load, median (max)`,
            `${quantile(counts, 0.5)} (${counts[counts.length - 1]})`),
        row('longest main-thread task to first question, max of the loads', ms(longest[longest.length - 1])),
    ];
}

// A whole journey through the widget, then the engine alone on the answers after each change, in the same page.
async function answerRows(browser, url, label) {
    const { page, context } = await coldLoad(browser, url, label, { keep: true });
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
    const label = startLabel();
    const server = await startServer({ port: 0 });
    const browser = await launchChromium();
    try {
        const url = new URL(PAGE, server.url).href;
        const first = await coldLoad(browser, url, label, { record: true });
        const loads = [];
        for (let i = 0; i < LOADS; i += 1) loads.push((await coldLoad(browser, url, label)).marks);
        return [
            ...byteRows(first.received, server.url),
            ...loadRows(loads),
            ...longTaskRows(loads),
            ...await answerRows(browser, url, label),
        ];
    } finally {
        await browser.close();
        await server.close();
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const rows = await run();
    process.stdout.write(formatTable(['bench', 'measure', 'value', 'target', 'result'],
        rows.map((line) => [title, line.measure, line.value, line.target, verdict(line.ok)])));
    process.exitCode = rows.some((line) => line.ok === false) ? 1 : 0;
}
