// Type declarations for the <root-check> element: its class (web/widget/element.js), exported by `rootcheck/element`
// (web/element.js, not registered) and `rootcheck/define` (web/define.js, registered). Importing either, even for
// types only, also types the tag (document.querySelector('root-check'), document.createElement('root-check')) and
// the rootcheck-* events on every element and the document, which they reach by bubbling out of the shadow root.
// The contract of the attributes, methods and events is README.md's "Embedding"; the documents they carry are those
// of the JavaScript API (api.d.ts).
import type { Answers, AssessResult, EngineError, FhirResource, Mode, NextResult } from './api.js';

/** `detail` of rootcheck-change. */
export interface RootCheckChangeDetail {
    /** The answers the engine counts (those to visible questions). */
    answers: Answers;
    /** engine.next() for those answers. */
    next: NextResult;
}

/** `detail` of rootcheck-error. */
export interface RootCheckErrorDetail {
    /** start_failed: the widget could not start (the person sees a plain message); language_unavailable: the
     *  language asked for could not be loaded, and the check runs in the rule set's default one, with a notice. */
    code: 'start_failed' | 'language_unavailable';
    /** The technical cause, for the host page's developers (the person sees a plain message). */
    message: string;
}

/** The events <root-check> fires; all bubble and are composed. Details are copies, never live widget state. */
export interface RootCheckEventMap {
    /** After every answer. */
    'rootcheck-change': CustomEvent<RootCheckChangeDetail>;
    /** The result, once, when an answer reaches the emergency level. */
    'rootcheck-escalate': CustomEvent<AssessResult>;
    /** The result, when the results screen is shown. */
    'rootcheck-complete': CustomEvent<AssessResult>;
    /** When the widget could not start, or could not load the language asked for (it then shows its default one). */
    'rootcheck-error': CustomEvent<RootCheckErrorDetail>;
}

/** What define() returns when the registry refuses the tag (not a valid custom element name, say). */
export interface RootCheckDefineError {
    error: { code: 'not_defined'; message: string; path: string };
}

export declare class RootCheckElement extends HTMLElement {
    static readonly observedAttributes: string[];
    /**
     * Registers the class as `tag` (default "root-check") in `registry` (default the page's customElements) and
     * returns the constructor defined under that name: this class, a subclass of it when the registry holds it under
     * another name already, or whatever was defined under `tag` before.
     */
    static define(tag?: string, registry?: CustomElementRegistry): CustomElementConstructor | RootCheckDefineError;

    /** Reflects the `mode` attribute: "clinician" when it says so, else "self". */
    mode: Mode;
    /** Reflects the `emergency-number` attribute ("" when not set). */
    emergencyNumber: string;
    /** Reflects the `rules` attribute: the rule-set folder's URL resolved against the document ("" when not set). */
    rules: string;

    /** Clears every answer and returns to the start. */
    reset(): void;
    /** The result for the answers so far; before the first answer the error no_answers; null before the engine runs. */
    result(): AssessResult | EngineError | null;
    /** A copy of the answers the engine counts, as {question id: value}. */
    answers(): Answers;
    /** Puts back answers the host page kept and shows the first open question. */
    restore(answers: Answers): Promise<{ ok: true } | EngineError>;
    /** A FHIR R4 QuestionnaireResponse of the answers with the result as a contained RiskAssessment; null before the
     *  first answer (and before the FHIR code, fetched once the first question shows, is in). */
    toFHIR(): FhirResource | EngineError | null;
}

declare global {
    interface HTMLElementTagNameMap {
        'root-check': RootCheckElement;
    }
    interface HTMLElementEventMap extends RootCheckEventMap {}
    interface DocumentEventMap extends RootCheckEventMap {}
}
