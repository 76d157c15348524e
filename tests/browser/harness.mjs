// Shared harness of the browser tests (tests/browser/*.test.mjs): the project's own static server with the strict
// CSP, one Debian chromium-headless-shell per test file (tests/browser/chromium.mjs), a recorder of every request, CSP violation and page error, axe-core
// for accessibility, and a `Person` who answers <root-check> the way a person does: by the roles and names on the
// screen, with the texts of the rule set's locale files (rules/locales/<lang>.json).
//
//   const h = await startHarness();                 // before(): server + browser
//   const tab = await h.open('examples/embed.html', { width: 1280 });
//   const person = new Person(tab.page, 'en');
//   await person.start(); await person.answer({ back_pain: 'yes', ... });   // -> 'results' | 'escalated'
//   tab.assertClean();                              // only the widget's own files, no CSP violation, no page error
//   await h.close();                                // after()
//
// Accessibility: axe-core is injected with page.evaluate(source), which the page's CSP does not govern, but axe
// itself then adds inline styles that the strict CSP refuses (and reports). So axe runs only in pages opened with
// { bypassCSP: true }; every other page records violations and must have none.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, webRoot, rulesRoot } from '../../web/tools/serve.mjs';
import { CHROMIUM } from './chromium.mjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repoRoot, 'tests', 'artifacts', 'screenshots');

// Generous but finite: the WebAssembly engine compiles on first load.
const ACTION_TIMEOUT_MS = 15000;

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const manifest = () => readJson(join(repoRoot, 'rules', 'manifest.json'));

/** The rule set's locale file: {key: text}. */
export function loadLocale(lang) {
  return readJson(join(repoRoot, 'rules', manifest().locales[lang]));
}

/** The rule set's questionnaire.json (questions in order, with types and options). */
export function loadQuestionnaire() {
  return readJson(join(repoRoot, 'rules', manifest().files.questionnaire));
}

/** The rule set's regions (id, side, view). */
export function loadRegions() {
  return readJson(join(repoRoot, 'rules', manifest().files.regions)).regions;
}

/** A locale's texts as shown in `mode`: in clinician mode a `<key>@clinician` variant replaces `<key>`. */
function withModeTexts(texts, mode) {
  const shown = {};
  for (const [key, text] of Object.entries(texts)) {
    if (!key.endsWith('@clinician')) shown[key] ??= text;
    else if (mode === 'clinician') shown[key.slice(0, -'@clinician'.length)] = text;
  }
  return shown;
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Records what a page does that the tests forbid: requests outside the widget's own files, CSP violations (the DOM
// event and Chromium's console report), uncaught errors.
function recordPage(page) {
  const record = { requests: [], failedResponses: [], cspViolations: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) record.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'debug' && text.startsWith('csp-violation ')) {
      record.cspViolations.push(text.slice('csp-violation '.length));
      return;
    }
    if (message.type() !== 'error') return;
    // Chromium asks every origin for /favicon.ico on its own; that request is the browser's, not the page's.
    if (new URL(message.location().url || 'about:blank').pathname === '/favicon.ico') return;
    if (/Content.Security.Policy/i.test(text)) record.cspViolations.push(`console: ${text}`);
    else record.consoleErrors.push(text);
  });
  return record;
}

// Paths a page may load: files that exist under web/ (served at /) or rules/ (served at /rules/), same origin.
function isWidgetFile(url, baseUrl) {
  const parsed = new URL(url);
  // blob: and data: URLs are made on the page (the FHIR download, inline icons): no network involved.
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return true;
  if (parsed.origin !== new URL(baseUrl).origin) return false;
  const path = decodeURIComponent(parsed.pathname);
  const [root, rest] = path.startsWith('/rules/') ? [rulesRoot, path.slice('/rules/'.length)] : [webRoot, path.slice(1)];
  const file = normalize(join(root, rest));
  if (!file.startsWith(normalize(root.endsWith(sep) ? root : root + sep))) return false;
  return existsSync(file) && (statSync(file).isFile() || existsSync(join(file, 'index.html')));
}

export async function startHarness() {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch(CHROMIUM);
  const contexts = [];
  return {
    baseUrl: server.url,
    browser,
    /**
     * Opens web/<path> in a fresh context. Options: width (default 1280), height (default 900), bypassCSP (only for
     * axe), prepare (async (context) => ..., run before the page opens: routes that change what the server sends).
     * Returns {page, record, assertClean({otherFiles}), close()}.
     */
    async open(path, { width = 1280, height = 900, bypassCSP = false, prepare = null } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, bypassCSP, serviceWorkers: 'block' });
      contexts.push(context);
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      // The listener is installed by the DevTools protocol before any page script runs; the page's CSP does not
      // apply to it. Violations are composed events, so shadow-root ones reach the document too.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.debug(`csp-violation ${event.violatedDirective} ${event.blockedURI || 'inline'} ${event.sourceFile}:${event.lineNumber}`);
        });
      });
      if (prepare) await prepare(context);
      const page = await context.newPage();
      const record = recordPage(page);
      await page.goto(new URL(path, server.url).href);
      return {
        page,
        record,
        // otherFiles: URL path prefixes a page loads on purpose besides the widget's (the portal example's LHC-Forms).
        assertClean({ otherFiles = [] } = {}) {
          const foreign = record.requests.filter((url) => !isWidgetFile(url, server.url) &&
            !otherFiles.some((prefix) => new URL(url).pathname.startsWith(prefix)));
          assert.deepEqual(foreign, [], 'requests beyond the widget\'s own files');
          assert.deepEqual(record.failedResponses, [], 'responses with an error status');
          if (!bypassCSP) assert.deepEqual(record.cspViolations, [], 'CSP violations');
          assert.deepEqual(record.pageErrors, [], 'uncaught page errors');
          assert.deepEqual(record.consoleErrors, [], 'console errors');
        },
        close: () => context.close(),
      };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

const axeSource = () => readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let axeText = null;

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the whole page, shadow roots included; returns the violations. */
export async function runAxe(page) {
  axeText ??= axeSource();
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(axeText);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
}

/** Saves a screenshot (full page unless fullPage: false) as tests/artifacts/screenshots/<name>.png; returns the path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The element that has focus, through shadow roots, described for assertions: {tag, role, name, inDialog}. */
export function focusedElement(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return null;
    const labelledBy = active.getAttribute('aria-labelledby');
    const root = active.getRootNode();
    const name = active.getAttribute('aria-label')
      || (labelledBy && root.getElementById(labelledBy)?.textContent)
      || (active.labels && active.labels[0]?.textContent)
      || active.textContent;
    return {
      tag: active.tagName.toLowerCase(),
      role: active.getAttribute('role'),
      type: active.getAttribute('type'),
      value: active.value ?? null,
      name: (name || '').trim().replace(/\s+/g, ' '),
      inDialog: Boolean(active.closest('[role="alertdialog"]')),
    };
  });
}

/** Is `locator`'s element the focused one (through shadow roots)? */
export function hasFocus(locator) {
  return locator.evaluate((element) => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active === element;
  });
}

/**
 * Moves focus with the Tab key alone (Shift+Tab with { backwards: true }) until `locator` (or, with a locator
 * matching several elements, any of them) has it; returns how many presses it took. Fails after `limit` presses.
 */
export async function tabTo(page, locator, { backwards = false, limit = 150 } = {}) {
  const anyFocused = () => locator.evaluateAll((elements) => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return elements.includes(active);
  });
  for (let presses = 0; presses <= limit; presses += 1) {
    if (await anyFocused()) return presses;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`tabTo: ${locator} not reached in ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Every visible text of the page, shadow roots included, one string per text node. */
export function visibleTexts(page) {
  return page.evaluate(() => {
    const texts = [];
    const visible = (element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          const parent = child.parentElement;
          const text = child.textContent.trim();
          if (text && parent && visible(parent)) texts.push(text);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.tagName.toLowerCase();
          if (tag === 'script' || tag === 'style') continue;
          if (child.shadowRoot) walk(child.shadowRoot);
          walk(child);
        }
      }
    };
    walk(document.body);
    return texts;
  });
}

/**
 * Answers <root-check> as a person would: finds each question by its text (the group named by its legend, or the
 * number field named by its label), picks options by their labels, marks regions on the body diagram by the marker
 * radio and the region buttons, and moves on with the Next / See my result button.
 */
export class Person {
  /** mode "clinician" reads the rule set's `<key>@clinician` texts where they exist, as the engine shows them. */
  constructor(page, lang = 'en', { mode = 'self' } = {}) {
    this.page = page;
    this.lang = lang;
    this.text = withModeTexts(loadLocale(lang), mode);
    this.questions = loadQuestionnaire().questions;
    const regions = loadRegions();
    this.regionLabels = new Map(regions.map((r) => [r.id, this.text[`region.${r.id}`]]));
  }

  ui(key) {
    const value = this.text[`ui.${key}`];
    assert.ok(value, `locale ${this.lang} has no ui.${key}`);
    return value;
  }

  questionText(id) {
    const value = this.text[`question.${id}.text`];
    assert.ok(value, `locale ${this.lang} has no question.${id}.text`);
    return value;
  }

  optionLabel(id, value) {
    const label = this.text[`question.${id}.option.${value}`] ?? this.text[`option.${value}`];
    assert.ok(label, `locale ${this.lang} has no label for option ${value} of ${id}`);
    return label;
  }

  regionLabel(id) {
    const label = this.regionLabels.get(id);
    assert.ok(label, `no label for region ${id}`);
    return label;
  }

  /** The region's button on the diagram (its name is the label, then ": " and the marks, if any). */
  regionButton(id) {
    return this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(this.regionLabel(id))}(: .*)?$`) });
  }

  markerRadio(marker) {
    return this.page.getByRole('radio', { name: this.ui(`marker_${marker}`), exact: true });
  }

  group(id) {
    return this.page.getByRole('group', { name: this.questionText(id), exact: true });
  }

  dialog() {
    return this.page.getByRole('alertdialog');
  }

  resultsHeading() {
    return this.page.getByRole('heading', { name: this.ui('results_title'), exact: true, level: 2 });
  }

  async start() {
    await this.page.getByRole('button', { name: this.ui('start'), exact: true }).click();
    await this.currentScreen();
  }

  /** The question screen on view (waits for one). */
  async currentScreen() {
    const screen = this.page.locator('section[data-screen]');
    await screen.waitFor();
    return screen.elementHandle();
  }

  /**
   * The questions shown on the current screen, by id. One look at the widget's question blocks (their
   * data-question attribute) instead of one query per question keeps the journeys fast; the answers themselves
   * go through roles and names. The diagram's three questions show where its marker radios do.
   */
  async shownQuestions() {
    const ids = new Set(await this.page.evaluate(() => {
      const widget = document.querySelector('root-check');
      return [...widget.shadowRoot.querySelectorAll('[data-question]')]
        .filter((block) => block.checkVisibility())
        .map((block) => block.dataset.question);
    }));
    if ((await this.markerRadio('pain').count()) > 0) {
      for (const id of ['pain_regions', 'numbness_regions', 'tingling_regions']) ids.add(id);
    }
    return ids;
  }

  /**
   * On a narrow screen the diagram shows one view at a time (Front, Back, Feet close up): bring up the view that has
   * the region's button, trying the views' tabs in turn (a foot's button is on the close-up, not on its side's view).
   */
  async showViewOf(region) {
    if ((await this.regionButton(region).count()) > 0) return;
    const tabs = this.page.getByRole('tablist').getByRole('tab');
    for (let index = 0; index < (await tabs.count()); index += 1) {
      await tabs.nth(index).click();
      if ((await this.regionButton(region).count()) > 0) return;
    }
    assert.fail(`no view of the diagram shows ${region}`);
  }

  /** Taps each region on the diagram (bringing up the view that has it) and checks it took the mark for `id`. */
  async markRegions(regions, id) {
    for (const region of regions) {
      await this.showViewOf(region);
      const button = this.regionButton(region);
      await button.click();
      assert.equal(await button.getAttribute('aria-pressed'), 'true', `${region} marked for ${id}`);
    }
  }

  /** Gives one answer through the control of its question. */
  async give(question, value) {
    const { page } = this;
    const id = question.id;
    if (['pain_regions', 'numbness_regions', 'tingling_regions'].includes(id)) {
      await this.markerRadio(id.replace('_regions', '')).check();
      await this.markRegions(value, id);
      return;
    }
    switch (question.type) {
      case 'choice':
        await this.group(id).getByRole('radio', { name: this.optionLabel(id, value), exact: true }).check();
        return;
      case 'regions':
        // A region question of its own (a finding on examination) is a diagram with one kind of mark.
        await this.markRegions(value, id);
        return;
      case 'multi':
        for (const item of value) {
          await this.group(id).getByRole('checkbox', { name: this.optionLabel(id, item), exact: true }).check();
        }
        return;
      case 'integer':
        if (question.max - question.min < 6) {
          // A small scale (a power grade) is a row of radios labelled by the values.
          await this.group(id).getByRole('radio', { name: String(value), exact: true }).check();
          return;
        }
      // falls through: a larger range is a number field
      case 'number': {
        const field = page.getByRole('spinbutton', { name: this.questionText(id), exact: true });
        await field.fill(String(value));
        await field.press('Tab');
        return;
      }
      default:
        throw new Error(`Person: question ${id} has unknown type ${question.type}`);
    }
  }

  /**
   * Answers `answers` screen by screen (each where its question shows) and moves on, until the results show or
   * the red-flag alert opens. Resolves to 'results' or 'escalated'; throws if an answer never found its question.
   * Options: stopAtEscalation (default true), until (async predicate checked on arriving at each screen: stop
   * there with 'reached'), beforeNext (async (screenNumber) => void, run on each screen once it is answered).
   */
  async answer(answers, { stopAtEscalation = true, until = null, beforeNext = null } = {}) {
    const pending = new Map(Object.entries(answers));
    for (let screens = 0; screens < 80; screens += 1) {
      const screen = await this.currentScreen();
      if (until && (await until())) return 'reached';
      // Answer the first pending question shown, then look again: an answer may show further questions.
      for (;;) {
        const shown = await this.shownQuestions();
        const question = this.questions.find((q) => pending.has(q.id) && shown.has(q.id));
        if (!question) break;
        await this.give(question, pending.get(question.id));
        pending.delete(question.id);
        if (stopAtEscalation && (await this.dialog().count()) > 0) return 'escalated';
      }
      const next = this.page.getByRole('button', { name: new RegExp(`^(${escapeRegExp(this.ui('next'))}|${escapeRegExp(this.ui('finish'))})$`) });
      const last = (await next.textContent()).trim() === this.ui('finish');
      if (beforeNext) await beforeNext(screens);
      await this.pressNext(next);
      if (last) {
        await this.resultsHeading().waitFor();
        assert.deepEqual([...pending.keys()], [], 'answers whose question never showed');
        return 'results';
      }
      await this.page.waitForFunction((element) => !element.isConnected, screen);
    }
    throw new Error('Person: more than 80 screens');
  }

  /** Moves on from a screen (a KeyboardPerson presses Enter instead). */
  pressNext(button) {
    return button.click();
  }

  /** Answers screen by screen until `reached()` holds on arriving at a screen; resolves to 'reached'. */
  async answerUntil(answers, reached) {
    const outcome = await this.answer(answers, { until: reached });
    assert.equal(outcome, 'reached', 'the screen looked for never came');
    return outcome;
  }

  /** The level title shown on the results screen. */
  async levelTitle() {
    return (await this.page.locator('.level-title').textContent()).trim();
  }
}

export { assert };
