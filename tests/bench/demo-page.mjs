// Loading the demo page (web/index.html) in Debian's chromium-headless-shell (tests/browser/chromium.mjs), for the
// page benches (page.bench.mjs on an idle desktop, mobile.bench.mjs under network and CPU emulation): the browser, a
// probe the page runs before its own scripts, and one cold load from navigation to the first question.
//
// The probe's marks are the page's own performance.now() (0 = navigation start), taken by a MutationObserver on the
// widget's shadow root that an init script installs (init scripts run before the page's and are outside its CSP):
// - interactive: the intro's Start button is in the widget, enabled and visible, and the widget is no longer busy
//   (aria-busy gone: the WebAssembly engine is compiled and has given the questionnaire; the button is rendered only
//   then) and its stylesheets are in (the widget shows only then);
// - startClick: the Start click event's timeStamp; firstRadio: the first question's first radio button is present,
//   enabled, visible and in the tab order;
// - longTasks: every task of the page's main thread over 50 ms (Long Tasks API, PerformanceObserver 'longtask',
//   buffered) that started before firstRadio: from navigation, through the widget's script tag, to the first question;
// - answerMs / answerStates: for every event that changes an answer, the time from the input event's timeStamp (click,
//   key) to the widget's rootcheck-change (fired once the engine has answered and the screen is updated) plus the
//   style and layout of the re-rendered page, forced there; and the answers after it.
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../browser/chromium.mjs';
import { loadLocale } from '../browser/harness.mjs';

export const PAGE = 'index.html';
const waitMs = 30000; // for the widget to come up / show the first question (slow under the mobile profile)

// The browser the browser tests use (tests/browser/chromium.mjs says which, and why).
export const launchChromium = () => chromium.launch(CHROMIUM);

export const startLabel = () => loadLocale('en')['ui.start'];

// What the probe logs (console.debug) when it takes the interactive and firstRadio marks, so that the bench learns of
// them from the console. Polling for them with page.waitForFunction would first inject Playwright's own script into
// the page (about 20-35 ms of parsing and running it, on the page's main thread, in the middle of the widget's
// start-up: seen in a trace), which a person's browser never runs. Playwright still injects it for the Start click
// (the locator finds the button), now after the interactive mark and before the click: outside both timed spans,
// though inside the window the long tasks are counted in.
const MARK_TEXT = { interactive: 'rootcheck-bench: interactive', firstRadio: 'rootcheck-bench: first radio' };

// Resolves when `page` logs `text`; rejects after `ms`, or when the page closes or crashes first. Marked handled at
// once, so that it cannot reject unnoticed when the step awaited before it (goto, click) throws instead.
function logged(page, text, ms) {
    const seen = page.waitForEvent('console', { predicate: (message) => message.text() === text, timeout: ms });
    seen.catch(() => {});
    return seen;
}

function pageProbe({ startLabel, MARK_TEXT }) {
    const marks = {
        interactive: null, startClick: null, firstRadio: null, longTasks: [], answerMs: [], answerStates: [],
    };
    window.__pageBench = marks;
    const widgetRoots = [];

    // Long tasks of this page's main thread, from the start (buffered: those before this script ran are included).
    const longTasks = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, ms: entry.duration });
    });
    longTasks.observe({ type: 'longtask', buffered: true });
    window.__pageBenchLongTasks = longTasks;

    const isStart = (node) => node instanceof HTMLButtonElement && node.textContent.trim() === startLabel;
    const focusable = (node) => node && !node.disabled && node.tabIndex >= 0 && node.checkVisibility();

    const look = (root) => {
        const now = performance.now();
        if (marks.interactive === null) {
            const start = [...root.querySelectorAll('button')].find(isStart);
            if (start && root.querySelector('[aria-busy]') === null && focusable(start)) {
                marks.interactive = now;
                console.debug(MARK_TEXT.interactive);
            }
        }
        if (marks.startClick !== null && marks.firstRadio === null) {
            const radio = root.querySelector('section[data-screen] input[type="radio"]');
            if (focusable(radio)) {
                marks.firstRadio = now;
                console.debug(MARK_TEXT.firstRadio);
            }
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
    // rootcheck-change, plus the style and layout that forces. Counted from the event's timeStamp like the Start click
    // figure, as Event Timing (INP) counts.
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

/**
 * One cold load in a new browser context (own HTTP cache, nothing warm but the browser process): navigation ->
 * interactive -> Start -> first radio. Options: record (also return the response to every request made until the
 * first question showed: [{url, status, body}]), keep (return the open page and context, for more steps),
 * contextOptions (newContext's), prepare(context, page) (called before navigating, e.g. to set up emulation).
 * Returns {marks: {interactive, startClick, firstRadio, longTasks}, received[, page, context]}.
 */
export async function coldLoad(browser, url, label, options = {}) {
    const { record = false, keep = false, contextOptions = {}, prepare } = options;
    const context = await browser.newContext({ serviceWorkers: 'block', ...contextOptions });
    try {
        await context.addInitScript(pageProbe, { startLabel: label, MARK_TEXT });
        const page = await context.newPage();
        if (prepare) await prepare(context, page);
        const responses = [];
        if (record) page.on('response', (response) => responses.push(response));
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const interactive = logged(page, MARK_TEXT.interactive, waitMs);
        await page.goto(url, { waitUntil: 'commit' });
        await interactive;
        const firstRadio = logged(page, MARK_TEXT.firstRadio, waitMs);
        await page.getByRole('button', { name: label, exact: true }).click();
        await firstRadio;
        if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
        const { marks, requestedBefore } = await page.evaluate(() => {
            const bench = window.__pageBench;
            // Entries of tasks that ended just now may still wait for the observer's callback.
            for (const entry of window.__pageBenchLongTasks.takeRecords()) {
                bench.longTasks.push({ start: entry.startTime, ms: entry.duration });
            }
            const { interactive, startClick, firstRadio } = bench;
            const longTasks = bench.longTasks.filter((task) => task.start < firstRadio).map((task) => task.ms);
            // The page and every file it had asked for when the first question showed (what the widget fetches
            // later, while the person answers, is not part of the first question).
            const requested = performance.getEntriesByType('resource')
                .filter((entry) => entry.startTime <= firstRadio).map((entry) => entry.name);
            return {
                marks: { interactive, startClick, firstRadio, longTasks },
                requestedBefore: [location.href, ...requested],
            };
        });
        if (record) await page.waitForLoadState('networkidle'); // so that every response asked for before is in
        const received = [];
        for (const response of responses.slice()) {
            if (!requestedBefore.includes(response.url())) continue;
            received.push({ url: response.url(), status: response.status(), body: await response.body() });
        }
        if (keep) return { marks, received, page, context };
        await context.close();
        return { marks, received };
    } catch (error) {
        await context.close();
        throw error;
    }
}
