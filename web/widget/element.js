// <root-check>: the custom element a person uses. It owns the state of one check (answers, the engine's latest
// next() and result) and the navigation between intro, question screens and results; the views render, the engine
// decides. Nothing clinical is decided here: which questions show, when to escalate and every text come from the
// engine and its rule set.
//
// Attributes
//   lang              "en", "es", ... (default: the page's language around the element if the rule set has it,
//                     else the set's default locale)
//   mode              "self" (default) | "clinician"
//   emergency-number  the number to call (default: the rule set's number for the region of the element's or the
//                     page's language; with no region, the common numbers: see emergency-call.js)
//   rules             URL of another rule-set folder (its manifest.json and the files it lists are fetched)
// Methods: reset(), result(), answers(), restore(answers), toFHIR(). Events: see events.js. The browser's back and
// forward move between the check's screens (see "history" below). Styling: see root-check.css (custom
// properties --rootcheck-*, parts container, header, progress, question, button, results, dialog, diagram).
import { h } from './dom.js';
import { createTranslator } from './i18n.js';
import { EVENTS, emit } from './events.js';
import { getEngine } from './engine-loader.js';
import { nextTask } from './tasks.js';
import { screensOf, isScreenVisible, nextScreenIndex, previousScreenIndex, visibleAnswers } from './flow.js';
import { renderIntro } from './intro-view.js';
import { renderScreen, needsBodyDiagram } from './questionnaire-view.js';
import { createProgress } from './progress-view.js';
// The red-flag alert is loaded with the element, never later: an emergency must not wait on (or fail with) the network.
import { openEscalationDialog } from './escalation-dialog.js';
import { callLinks, emergencyCall } from './emergency-call.js';

// The header's title, which also names the progress bar (ids are per shadow root, so a constant is unique).
const BRAND_ID = 'rootcheck-brand';

// Modules the start and the first questions do not need: the body diagram, the results screen, the copied summary,
// sharing and FHIR, all imported through later.js (the bundle puts them in a second file, web/tools/bundle.mjs). They
// are fetched once the first question shows, while the person answers; a step that needs them before they are in waits.
let later = null; // later.js's exports once loaded
let laterLoading = null;

function loadLater() {
    if (!laterLoading) {
        laterLoading = import('./later.js').then((modules) => {
            later = modules;
            return later;
        });
        // Forgotten on failure: the next step that needs them asks again and shows the error where it is needed.
        laterLoading.catch(() => { laterLoading = null; });
    }
    return laterLoading;
}

// Resolves when the stylesheet `link` has loaded or failed (a missing stylesheet must not hold the widget back).
function settled(link) {
    return new Promise((resolve) => {
        link.addEventListener('load', resolve, { once: true });
        link.addEventListener('error', resolve, { once: true });
    });
}

// The widget's stylesheet, linked into each shadow root from the start; the body diagram's (body-diagram.js) and the
// print summary's only with the modules for later (see loadLater), which need them.
const STYLESHEET = new URL('./root-check.css', import.meta.url).href;
const LATER_STYLESHEETS = [
    { href: new URL('./body-diagram.css', import.meta.url).href },
    { href: new URL('../root-check-print.css', import.meta.url).href, media: 'print' },
];

// A key for this check's history entries, unique on the page.
const newHistoryKey = () => `check-${Math.random().toString(36).slice(2)}`;

export class RootCheckElement extends HTMLElement {
    static get observedAttributes() { return ['lang', 'mode', 'emergency-number', 'rules']; }

    // Registers the class as `tag` in `registry` and returns the constructor defined under that name (the one already
    // there, if any: defining twice is harmless), or an error document when the registry refuses (a tag that is no
    // valid custom element name). A registry takes a class once, so another name gets a subclass of its own.
    static define(tag = 'root-check', registry = customElements) {
        const existing = registry.get(tag);
        if (existing) return existing;
        const defined = registry.getName?.(this) ? class extends this {} : this;
        try {
            registry.define(tag, defined);
        } catch (error) {
            return { error: { code: 'not_defined', message: `${tag}: ${error.message}`, path: '' } };
        }
        return defined;
    }

    // Properties that reflect the attributes, as built-in elements' do (lang is HTMLElement's own): reading gives the
    // attribute's value as the widget reads it, setting sets the attribute.
    /** @attr mode "self" (default) or "clinician": the examination, clinical wording, evidence and scores. */
    get mode() { return this.#mode(); }
    set mode(value) { this.setAttribute('mode', value); }

    /** @attr emergency-number The number the alert, the banner and the results offer to call ("" when not set). */
    get emergencyNumber() { return this.getAttribute('emergency-number') ?? ''; }
    set emergencyNumber(value) { this.setAttribute('emergency-number', value); }

    /** @attr rules URL of another rule-set folder, resolved against the document ("" when not set). */
    get rules() {
        const value = this.getAttribute('rules');
        if (value === null) return '';
        try {
            return new URL(value, document.baseURI).href;
        } catch {
            return value; // as a built-in URL property gives a value it cannot parse
        }
    }
    set rules(value) { this.setAttribute('rules', value); }

    #container;
    #header;
    #progress = null;
    #banner;
    #body;
    #live;
    #engine = null;
    #questionnaire = null;
    #t = null;
    #screens = [];
    #answers = {};
    #next = null;
    #result = null;
    #view = 'loading'; // loading | error | intro | questions | results
    #screenIndex = -1;
    #screen = null; // the rendered question screen
    #escalated = false; // the engine says escalate and rootcheck-escalate has fired for it
    #dialog = null;
    #loadCount = 0;
    #languageUnavailable = false; // the language asked for could not be loaded: the default one shows (#loadedLocale)
    #started = false;
    #styled; // resolves when the widget's on-screen styles are in and it shows
    #laterStyled = null; // resolves when the later stylesheets are in (or failed), once they were linked
    #laterStylesIn = false;
    #historyKey = newHistoryKey();
    #historyDepth = 0; // history entries this check pushed since its intro (its Back goes back through them)
    #ready; // resolves once the first load has ended, shown or failed (restore() waits for it)
    #loaded;

    constructor() {
        super();
        // A property the page set before the element was defined (its script is async) hides the accessor above:
        // hand it to the accessor, which sets the attribute.
        for (const name of ['mode', 'emergencyNumber', 'rules']) {
            if (!Object.hasOwn(this, name)) continue;
            const value = this[name];
            delete this[name];
            this[name] = value;
        }
        this.#ready = new Promise((resolve) => { this.#loaded = resolve; });
        const shadow = this.attachShadow({ mode: 'open' });
        // Show the widget once its styles are in (or failed), never unstyled.
        const link = h('link', { rel: 'stylesheet', href: STYLESHEET });
        this.#styled = settled(link).then(() => { this.#container.hidden = false; });
        this.#header = h('div', { class: 'header', part: 'header', hidden: true });
        // While the answers escalate, on the question screens: a region named by its own text (the alert itself
        // is the dialog; this is the reminder that stays), with the call links. part="banner" for host styling.
        this.#banner = h('div', { class: 'banner', part: 'banner', role: 'region', hidden: true });
        this.#body = h('div', { class: 'body' });
        this.#live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
        this.#container = h('div', { class: 'container', part: 'container', hidden: true, 'aria-busy': 'true' },
            this.#header, this.#banner, this.#body, this.#live);
        shadow.append(link, this.#container);
    }

    // Links the later stylesheets (once) and resolves when the on-screen one is in (or failed); the print styles
    // need not hold a screen back.
    #linkLaterStyles() {
        if (!this.#laterStyled) {
            const links = LATER_STYLESHEETS.map(({ href, media }) => h('link', { rel: 'stylesheet', href, media }));
            this.#laterStyled = Promise.all(links.filter((link) => !link.media).map(settled))
                .then(() => { this.#laterStylesIn = true; });
            this.#container.before(...links); // after the widget's own stylesheet, as the cascade expects
        }
        return this.#laterStyled;
    }

    // The modules and stylesheets for after the first questions; rejects if the modules failed to load.
    #loadLater() {
        return Promise.all([loadLater(), this.#linkLaterStyles()]);
    }

    #laterIn() {
        return later !== null && this.#laterStylesIn;
    }

    connectedCallback() {
        window.addEventListener('popstate', this.#onPopState);
        if (!this.#started) {
            this.#started = true;
            this.#load({ keepAnswers: false });
        }
    }

    disconnectedCallback() {
        window.removeEventListener('popstate', this.#onPopState);
    }

    attributeChangedCallback(name, oldValue, newValue) {
        if (!this.#started || oldValue === newValue) return;
        if (name === 'rules') this.#load({ keepAnswers: false });
        else if (name === 'lang' || name === 'mode') this.#load({ keepAnswers: true });
        else this.#rerender();
    }

    // Clears every answer and the result and goes back to the intro screen (focus on its heading). The history
    // entries of the check so far are left behind (a new key: the back button no longer shows the old screens).
    reset() {
        this.#closeDialog();
        this.#answers = {};
        this.#result = null;
        this.#escalated = false;
        this.#next = null;
        this.#historyKey = newHistoryKey();
        this.#historyDepth = 0;
        if (this.#questionnaire) this.#showIntro({ focus: true });
    }

    // The result for the answers so far (a fresh engine.assess), or null before the engine runs. Before the first
    // answer nothing is assessed yet, and the result says so: {"error": {"code": "no_answers", ...}}.
    result() {
        if (!this.#engine || !this.#questionnaire) return null;
        if (Object.keys(this.#countedAnswers()).length === 0) {
            return { error: { code: 'no_answers', message: 'Nothing is assessed yet: no question has been answered.',
                path: '/answers' } };
        }
        return this.#assess();
    }

    // Puts back answers a host page chose to keep (for example rootcheck-change's detail.answers, or answers()),
    // and shows the screen of the first question still open (the results when none is). Resolves to {ok: true}, or
    // to the engine's error document when it refuses them (the widget's answers are then unchanged). Waits for the
    // check to start if it has not yet. The widget itself stores nothing.
    async restore(answers) {
        await this.#ready;
        if (!this.#questionnaire) {
            return { error: { code: 'not_started', message: 'The check could not start (see rootcheck-error).',
                path: '' } };
        }
        const next = this.#engine.next({ answers, locale: this.#questionnaire.locale, mode: this.#questionnaire.mode });
        if (next.error) return { error: next.error };
        this.#closeDialog();
        this.#answers = structuredClone(answers);
        this.#next = next;
        this.#escalated = false;
        emit(this, EVENTS.change, { answers: this.#countedAnswers(), next });
        this.#moveTo(next.screen === null ? -1 : this.#screens.findIndex((screen) => screen.id === next.screen));
        this.#followEscalation();
        return { ok: true };
    }

    // A copy of the answers the engine counts now (those to visible questions).
    answers() {
        return structuredClone(this.#countedAnswers());
    }

    // The answers and result as a FHIR R4 QuestionnaireResponse object ("completed" once the results screen was
    // reached, else "in-progress"), or null before the engine runs (and before the FHIR module, fetched once the
    // first question shows, is in; it always is once rootcheck-complete has fired).
    toFHIR() {
        const result = this.result();
        if (!result || result.error || !later) return null;
        return later.toQuestionnaireResponse({
            questionnaire: this.#questionnaire, answers: this.#countedAnswers(), result,
            rules: this.#engine.info().rules,
            complete: this.#view === 'results',
        });
    }

    // ---- loading -------------------------------------------------------------------------------------------

    async #load({ keepAnswers }) {
        const load = ++this.#loadCount;
        this.#container.setAttribute('aria-busy', 'true');
        try {
            const engine = await getEngine(this.getAttribute('rules') || '');
            if (load !== this.#loadCount) return; // a newer load superseded this one
            const info = engine.info();
            if (info.error) throw new Error(info.error.message);
            const { locale, failure } = await this.#loadedLocale(engine, info);
            if (load !== this.#loadCount) return;
            // Only now: while the language loaded, the questionnaire shown (and answered) was the old engine's.
            this.#engine = engine;
            this.#languageUnavailable = failure !== null;
            if (failure) {
                console.error(`root-check: ${failure}`);
                emit(this, EVENTS.error, { code: 'language_unavailable', message: failure });
            }
            const questionnaire = engine.questionnaire(locale, this.#mode());
            if (questionnaire.error) throw new Error(questionnaire.error.message);
            this.#questionnaire = questionnaire;
            this.#t = createTranslator(questionnaire.ui);
            this.#screens = screensOf(questionnaire);
            this.#progress = createProgress(this.#t, BRAND_ID);
            this.#container.lang = questionnaire.locale;
            if (!keepAnswers) {
                this.#answers = {};
                this.#result = null;
                this.#escalated = false;
                this.#closeDialog();
            }
            this.#next = null;
            this.#container.removeAttribute('aria-busy');
            if (keepAnswers && this.#view !== 'loading' && this.#view !== 'error') {
                this.#rerender();
                // On the intro the notice is part of the screen; elsewhere it is said once.
                const unavailable = this.#languageUnavailable && this.#view !== 'intro';
                if (unavailable) this.#announce(this.#t('language_unavailable'));
                return;
            }
            this.#showIntro({ focus: false });
            this.#loaded();
            this.#prepareFirstQuestion(load);
        } catch (error) {
            if (load !== this.#loadCount) return;
            this.#loaded();
            this.#showError(error);
        }
    }

    // Once the intro shows (styled), in a task of its own so as not to hold it back: asks the engine's next() (the
    // intro does not need it, the first question does).
    async #prepareFirstQuestion(load) {
        await this.#styled;
        await nextTask();
        if (load !== this.#loadCount) return;
        try {
            this.#nextState();
        } catch (error) {
            this.#showError(error);
        }
    }

    // {locale, failure}: the locale to show, its texts in the engine: #locale(info), loaded first if the engine has
    // not got it yet (the built-in set's languages other than its default come on demand: engine-core.js). If that
    // fails (or takes over 10 s), the set's default locale and why (failure; else null): #load then shows a notice
    // (#languageUnavailable) and tells the host page; the next load tries the language again. A language is shown
    // only once all its texts are in, the emergency ones included; until then the check shows what it showed before.
    async #loadedLocale(engine, info) {
        const wanted = this.#locale(info);
        if (!info.locales_to_load.includes(wanted)) return { locale: wanted, failure: null };
        const added = await engine.loadLocale(wanted);
        return added.error ? { locale: info.default_locale, failure: added.error.message }
            : { locale: wanted, failure: null };
    }

    // The language asked for (the lang attribute, else the page's around the element) if the rule set has it (or its
    // primary language), else the set's default.
    #locale(info) {
        const marked = this.closest('[lang]');
        const wanted = ((marked && marked.getAttribute('lang')) || '').toLowerCase();
        const locales = info.locales || [];
        if (locales.includes(wanted)) return wanted;
        const primary = wanted.split('-')[0];
        return locales.includes(primary) ? primary : info.default_locale;
    }

    #mode() {
        return this.getAttribute('mode') === 'clinician' ? 'clinician' : 'self';
    }

    // The numbers to offer (emergency-call.js): the attribute, else the region of the nearest language tag that
    // names one (the element's, an ancestor's, the page's), else the common numbers.
    #emergencyCall() {
        const tags = [];
        for (let node = this; node; node = node.parentElement) {
            if (node.hasAttribute('lang')) tags.push(node.getAttribute('lang'));
        }
        return emergencyCall({
            attribute: this.getAttribute('emergency-number'), tags, table: this.#questionnaire.emergency_numbers,
        });
    }

    // ---- engine --------------------------------------------------------------------------------------------

    #document() {
        return { answers: this.#answers, locale: this.#questionnaire.locale, mode: this.#questionnaire.mode };
    }

    #askNext() {
        const next = this.#engine.next(this.#document());
        if (next.error) throw new Error(`${next.error.message} (${next.error.path})`);
        return next;
    }

    // The engine's next() for the answers as they are: kept from the last answer, asked anew after a load or reset.
    #nextState() {
        if (!this.#next) this.#next = this.#askNext();
        return this.#next;
    }

    #assess() {
        return this.#engine.assess(this.#document());
    }

    #visible() {
        return new Set(this.#engine && this.#questionnaire ? this.#nextState().visible : []);
    }

    #countedAnswers() {
        return visibleAnswers(this.#answers, this.#visible());
    }

    // ---- answering -----------------------------------------------------------------------------------------

    // Stores answers (undefined clears one), re-assesses, updates the screen, progress and escalation.
    #answer(update) {
        const previous = { ...this.#answers };
        for (const [key, value] of Object.entries(update)) {
            if (value === undefined) delete this.#answers[key];
            else this.#answers[key] = value;
        }
        const next = this.#engine.next(this.#document());
        if (next.error) {
            // The engine refused the answer: keep the last accepted answers and say why, next to the questions.
            this.#answers = previous;
            this.#showScreenError(`${this.#t('error_answer')} (${next.error.message})`);
            return;
        }
        this.#showScreenError('');
        this.#next = next;
        this.#updateScreen();
        emit(this, EVENTS.change, { answers: this.#countedAnswers(), next });
        this.#followEscalation();
    }

    // Opens the alert the moment the engine says escalate; fires rootcheck-escalate once per escalation (again only
    // after the answers stopped escalating and then escalate anew).
    #followEscalation() {
        if (!this.#next.escalate) {
            this.#escalated = false;
            this.#banner.hidden = true;
            return;
        }
        this.#showBanner();
        if (this.#escalated) return;
        this.#escalated = true;
        const result = this.#assess();
        if (result.error) { this.#showScreenError(result.error.message); return; }
        emit(this, EVENTS.escalate, result);
        this.#openDialog(result);
    }

    // (Re)opens the alert for `result` in the current language with the current emergency number: a language or
    // number change while it is open redraws it, so it never speaks the old language or shows the old number.
    #openDialog(result) {
        this.#closeDialog();
        this.#dialog = openEscalationDialog({
            host: this.#container,
            result,
            t: this.#t,
            call: this.#emergencyCall(),
            onSummary: () => { this.#dialog = null; this.#pushView({ view: 'results' }); this.#showResults(); },
            onReview: () => { this.#dialog = null; if (this.#screen) this.#screen.heading.focus(); },
        });
    }

    #closeDialog() {
        if (this.#dialog) this.#dialog.close();
        this.#dialog = null;
    }

    // (Re)draws the banner in the current language with the current number (a change of either redraws it).
    #showBanner() {
        const t = this.#t;
        const titleId = 'rootcheck-banner-title';
        this.#banner.setAttribute('aria-labelledby', titleId);
        this.#banner.replaceChildren(
            h('p', { id: titleId, class: 'banner-text', text: t('escalate_title') }),
            ...callLinks(this.#emergencyCall(), t, { small: true }),
            h('button', {
                type: 'button', class: ['button', 'secondary', 'small'], part: 'button',
                onclick: () => { this.#pushView({ view: 'results' }); this.#showResults(); },
                text: t('escalate_summary'),
            }));
        this.#banner.hidden = this.#view !== 'questions';
    }

    // ---- views ---------------------------------------------------------------------------------------------

    #rerender() {
        if (this.#view === 'questions' && this.#nextState().escalate) this.#showBanner();
        if (this.#view === 'questions') this.#showScreen(this.#screenIndex, { focus: false });
        else if (this.#view === 'results') this.#showResults({ focus: false });
        else if (this.#view === 'intro') this.#showIntro({ focus: false });
        if (this.#dialog) {
            const result = this.#assess();
            if (result.error) this.#showScreenError(result.error.message);
            else this.#openDialog(result);
        }
    }

    #setView(view, element) {
        this.#view = view;
        this.#body.replaceChildren(element);
        this.#header.hidden = view !== 'questions';
        this.#banner.hidden = view !== 'questions' || !this.#nextState().escalate;
        this.#container.dataset.view = view;
    }

    // After a move by the person: say where they are and put focus on the new heading. Rendering that the person did
    // not ask for (first load, a language switch) stays quiet and leaves focus alone.
    #arrive(heading, announcement, focus) {
        if (!focus) return;
        this.#announce(announcement);
        heading.focus();
    }

    #announce(text) {
        // Clear first so the same words are announced again.
        this.#live.textContent = '';
        requestAnimationFrame(() => { this.#live.textContent = text; });
    }

    #showIntro({ focus }) {
        this.#screen = null;
        this.#screenIndex = -1;
        const view = renderIntro({
            t: this.#t, clinician: this.#mode() === 'clinician', languageUnavailable: this.#languageUnavailable,
            onStart: () => this.#goForward(),
        });
        this.#setView('intro', view.element);
        this.#arrive(view.heading, this.#t('title'), focus);
    }

    #showScreen(index, { focus = true } = {}) {
        const screen = this.#screens[index];
        if (!screen) { this.#showIntro({ focus }); return; }
        if (!this.#laterIn() && needsBodyDiagram(screen)) {
            this.#loadLater().then(() => this.#showScreen(index, { focus }),
                (error) => this.#showScreenError(error.message));
            return;
        }
        const t = this.#t;
        const section = this.#questionnaire.sections.find((s) => s.id === screen.section);
        const title = section ? section.title : screen.questions[0].text;
        this.#screenIndex = index;
        this.#screen = renderScreen({
            screen, title, answers: this.#answers, questionnaire: this.#questionnaire, t,
            onAnswer: (id, value) => this.#answer({ [id]: value }),
            onAnswers: (update) => this.#answer(update),
            onBack: () => this.#goBack(),
            onNext: () => this.#goForward(),
            isLast: nextScreenIndex(this.#screens, index, this.#visible()) === -1,
            createBodyDiagram: later?.createBodyDiagram,
        });
        this.#header.replaceChildren(...[
            h('p', { id: BRAND_ID, class: 'brand', text: t('title') }),
            this.#mode() === 'clinician' ? h('p', { class: 'mode-badge', text: t('mode_clinician_badge') }) : null,
            this.#progress.element,
        ].filter(Boolean));
        this.#setView('questions', this.#screen.element);
        this.#updateScreen();
        this.#arrive(this.#screen.heading, `${title}. ${t('progress', this.#step())}`, focus);
        // In a task of its own, after this screen is up; a failure is reported by the step that needs the modules.
        if (!this.#laterIn()) setTimeout(() => this.#loadLater().catch(() => {}));
    }

    #updateScreen() {
        if (!this.#screen) return;
        const visible = this.#visible();
        this.#screen.update(visible);
        this.#screen.setLast(nextScreenIndex(this.#screens, this.#screenIndex, visible) === -1);
        this.#progress.update(this.#step());
    }

    // The step on view among every screen of this mode (progress-view.js).
    #step() {
        return { current: this.#screenIndex + 1, total: this.#screens.length };
    }

    #showScreenError(message) {
        if (!this.#screen) return;
        let box = this.#screen.element.querySelector('.screen-error');
        if (!box) {
            box = h('p', { class: 'screen-error', role: 'alert' });
            this.#screen.heading.after(box);
        }
        box.textContent = message;
        box.hidden = !message;
    }

    #goForward() {
        if (this.#screen) {
            // Next commits what the arrow keys selected; if that raised the alert, the person stays here under it.
            this.#screen.commitSelections();
            if (this.#dialog) return;
            const missing = this.#screen.missingAnswer(this.#answers, this.#visible());
            if (missing) {
                this.#announce(this.#t('answer_required'));
                missing.focus();
                return;
            }
        }
        this.#moveTo(nextScreenIndex(this.#screens, this.#screenIndex, this.#visible()));
    }

    // A move forward, recorded in the history: to screen `index`, or to the results when it is -1.
    #moveTo(index) {
        if (index === -1) {
            this.#pushView({ view: 'results' });
            this.#showResults();
        } else {
            this.#pushView({ view: 'questions', screen: index });
            this.#showScreen(index);
        }
    }

    // Back to the screen before: through the history when the check made entries (popstate shows it), so the
    // widget's Back, the browser's and the back gesture are one; else straight to the previous visible screen.
    #goBack() {
        if (this.#historyDepth > 0) {
            history.back();
            return;
        }
        const from = this.#view === 'results' ? this.#screens.length : this.#screenIndex;
        const index = previousScreenIndex(this.#screens, from, this.#visible());
        if (index === -1) this.#showIntro({ focus: true });
        else this.#showScreen(index);
    }

    // ---- history --------------------------------------------------------------------------------------------
    // Each move forward (Start, Next, the results) adds a browser history entry naming the view, marked with this
    // check's key (a page may hold several) on top of whatever state the host page keeps there. Back and forward in
    // the browser then move between the check's screens, answers kept, instead of leaving the page.

    #historyState(entry) {
        const current = history.state;
        const host = current && typeof current === 'object' && !Array.isArray(current) ? current : {};
        return { ...host, rootcheck: { key: this.#historyKey, ...entry } };
    }

    #pushView(entry) {
        if (this.#historyDepth === 0) history.replaceState(this.#historyState({ view: 'intro', depth: 0 }), '');
        this.#historyDepth += 1;
        history.pushState(this.#historyState({ ...entry, depth: this.#historyDepth }), '');
    }

    #onPopState = (event) => {
        const entry = event.state && event.state.rootcheck;
        if (!entry || entry.key !== this.#historyKey || !this.#questionnaire) return;
        this.#historyDepth = entry.depth;
        if (entry.view === 'results') {
            this.#showResults();
        } else if (entry.view === 'questions') {
            // The screen, or the nearest one before it that the answers now show.
            const visible = this.#visible();
            const shown = isScreenVisible(this.#screens[entry.screen] || { questions: [] }, visible) ? entry.screen
                : previousScreenIndex(this.#screens, entry.screen, visible);
            if (shown === -1) this.#showIntro({ focus: true });
            else this.#showScreen(shown);
        } else {
            this.#showIntro({ focus: true });
        }
    };

    #showResults({ focus = true } = {}) {
        if (!this.#laterIn()) {
            this.#loadLater().then(() => this.#showResults({ focus }), (error) => this.#showScreenError(error.message));
            return;
        }
        const result = this.#assess();
        if (result.error) { this.#showScreenError(result.error.message); return; }
        this.#result = result;
        this.#screen = null;
        const t = this.#t;
        const view = later.renderResults({
            result, questionnaire: this.#questionnaire, answers: this.#countedAnswers(), t, call: this.#emergencyCall(),
            actions: {
                // Back to the last screen shown to change an answer; the answers are kept.
                back: () => this.#goBack(),
                // The answers fold away on screen; a printed summary shows them.
                print: () => {
                    for (const details of this.#body.querySelectorAll('details')) details.open = true;
                    window.print();
                },
                copy: () => this.#copySummary(),
                download: () => this.#downloadFHIR(),
                restart: () => this.reset(),
            },
        });
        this.#setView('results', view.element);
        this.#arrive(view.heading, `${t('results_title')}: ${result.triage.title}`, focus);
        if (focus) emit(this, EVENTS.complete, result);
    }

    // The person gets plain words: the check could not start, it is not their fault, what to do (the rule set's
    // ui.error_load, in the page's language; from the built-in rule set when the set asked for is what failed).
    // The technical cause is for the host page's developers: the console and a rootcheck-error event, never the
    // screen (a long URL would also widen a phone's page).
    async #showError(error) {
        const load = this.#loadCount;
        this.#container.removeAttribute('aria-busy');
        console.error(`root-check: ${error.message}`);
        emit(this, EVENTS.error, { code: 'start_failed', message: error.message });
        // The texts of the language asked for now (a language change may have been superseded by this failed load).
        const t = (await this.#builtInTexts()) || this.#t;
        if (load !== this.#loadCount) return; // a newer load superseded this one
        // Without any texts (the engine itself did not start) there are no words to show: the event says why.
        this.#setView('error', t ? h('div', { role: 'alert', class: 'load-error' }, h('p', { text: t('error_load') }))
            : h('div', { class: 'load-error' }));
    }

    // The built-in rule set's interface texts in the page's language, or null if the engine itself cannot start.
    async #builtInTexts() {
        try {
            const engine = await getEngine('');
            // A language that cannot be loaded gives the set's default one: the words still reach the person.
            const { locale } = await this.#loadedLocale(engine, engine.info());
            const questionnaire = engine.questionnaire(locale, this.#mode());
            return questionnaire.error ? null : createTranslator(questionnaire.ui);
        } catch {
            return null;
        }
    }

    // ---- results actions -----------------------------------------------------------------------------------

    async #copySummary() {
        const text = later.summaryText({
            result: this.#result, questionnaire: this.#questionnaire, answers: this.#countedAnswers(), t: this.#t,
        });
        const copied = await later.copyText(text, this.#container);
        if (copied) {
            this.#announce(this.#t('copied'));
            this.#showCopyStatus(this.#t('copied'), null);
        } else {
            this.#announce(this.#t('copy_failed'));
            this.#showCopyStatus(this.#t('copy_failed'), text);
        }
    }

    // A visible status under the actions; when copying failed, the summary itself, selected, to copy by hand.
    #showCopyStatus(message, text) {
        const actions = this.#body.querySelector('.actions');
        if (!actions) return;
        let status = this.#body.querySelector('.copy-status');
        if (!status) {
            status = h('div', { class: 'copy-status' });
            actions.after(status);
        }
        const area = text && h('textarea', {
            class: 'summary-text', readonly: true, rows: '12', 'aria-label': this.#t('summary_title'), '.value': text,
        });
        status.replaceChildren(...[h('p', { text: message }), area].filter(Boolean));
        if (area) { area.focus(); area.select(); }
    }

    #downloadFHIR() {
        const resource = this.toFHIR();
        if (!resource) return;
        if (resource.error) {
            this.#showCopyStatus(`${resource.error.message} (${resource.error.path})`, null);
            return;
        }
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        later.downloadJson(`rootcheck-${stamp}.fhir.json`, resource, this.#container);
    }
}
