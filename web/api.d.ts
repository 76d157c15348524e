// Type declarations for web/api.js, RootCheck's JavaScript API (contract: the header of engine-core.js). The
// shapes follow the engine's documents (rules/schema/, cpp/engine/engine.h, rules/README.md). Every object comes back
// with its keys sorted and is a plain object.

/** Where a fact, evidence item, triage rule or advice comes from: a source id, a key of rules/sources.json and of
 *  the result's `sources` ("" only in a rule set that names no source for the item, which lint rejects). */
export type SourceId = string;

export type TriState = 'yes' | 'no' | 'unsure';
export type Mode = 'self' | 'clinician';
export type LevelId = 'emergency' | 'urgent' | 'soon' | 'self_care' | (string & {});
export type Side = 'left' | 'right' | 'both';

/** Answer keys and values: rules/schema/answers.schema.json; the rule set may add keys. Absent or null = not
 *  answered; a key whose value is undefined is refused (not_json), like every value JSON cannot hold (see
 *  DocumentInput). */
export interface Answers {
    [questionId: string]: string | number | string[] | null;
}

/** The input of assess() and next(). */
export interface AnswersDocument {
    answers?: Answers;
    /** Defaults to the rule set's default locale. */
    locale?: string;
    /** Defaults to "self". */
    mode?: Mode;
}

/**
 * An answers document as an object, as JSON text, or as the raw UTF-8 bytes of that text. Text and bytes go to the
 * engine as they are. An object must be JSON data throughout (null, booleans, strings, finite numbers, arrays, plain
 * objects); anything else is refused with error code "not_json" and the JSON Pointer of the first culprit
 * (the header of web/engine-core.js lists them: undefined, functions, Symbols, BigInts, NaN, +-Infinity, Date,
 * Map, Set and other non-plain objects, cycles, getters that throw). Nested beyond the engine's limit, at any depth
 * (100,000 levels too), it gets the engine's too_deep, as the same document written as text does.
 */
export type DocumentInput = AnswersDocument | string | Uint8Array | ArrayBuffer;

export type ErrorCode =
    | 'malformed_json' | 'invalid_utf8' | 'too_large' | 'too_deep' | 'duplicate_key' | 'not_an_object' | 'unknown_key'
    | 'wrong_type' | 'out_of_range' | 'unknown_value' | 'unknown_region' | 'duplicate_value'
    | 'unknown_locale' | 'unknown_mode' | 'invalid_rules' | 'no_rules' | 'internal_error'
    | 'locale_not_loaded' | 'invalid_locale'
    /** Given by loadLocale, never by the engine: the locale's file could not be fetched or read. */
    | 'locale_unavailable'
    /** Given by the JavaScript API, never by the engine: a value JSON cannot hold (see DocumentInput). */
    | 'not_json' | (string & {});

export interface RuleProblem {
    /** "<file><JSON Pointer>", e.g. "triage.json/rules/3/when". */
    path: string;
    message: string;
}

/** Errors are data: every call that can fail returns this instead of throwing. */
export interface EngineError {
    error: {
        code: ErrorCode;
        message: string;
        /** JSON Pointer to the culprit in the input ("" for the whole document). */
        path?: string;
        /** Every problem of a refused rule set (code "invalid_rules"). */
        problems?: RuleProblem[];
    };
}

export interface Finding {
    id: string;
    text: string;
    /** The source's id; its citation text is `result.sources[source]`. */
    source: SourceId;
}

export interface PainTypeEvidence extends Finding {
    favours: 'radicular' | 'referred';
}

export interface RootFinding {
    root: string;
    side: Side;
    score: number;
    /** "<root.L5> <side.left>" in the result's locale. */
    label: string;
    evidence: Finding[];
    /** Region ids of this root's dermatome on that side, for the body diagram. */
    regions: string[];
}

export interface MechanismFinding {
    id: 'disc_herniation' | 'spinal_stenosis' | 'vascular_claudication' | (string & {});
    score: number;
    /** false for a pattern that does not come from the spine (vascular claudication). */
    spinal: boolean;
    text: string;
    evidence: Finding[];
}

export interface RulesInfo {
    name: string;
    version: string;
    /** SHA-256 over the canonical form of the loaded rule set. */
    sha256: string;
}

/** The result of assess(): rules/schema/result.schema.json. */
export interface AssessResult {
    triage: { level: LevelId; title: string; text: string; reasons: Finding[] };
    escalate: boolean;
    /** Ids of the cauda equina red-flag rules that fired. */
    red_flags: string[];
    pain_type: {
        classification: 'radicular' | 'referred' | 'mixed' | 'indeterminate';
        text: string;
        radicular: number;
        referred: number;
        evidence: PainTypeEvidence[];
    };
    roots: RootFinding[];
    mechanisms: MechanismFinding[];
    advice: Finding[];
    safety_net: Finding[];
    /** Source id -> citation text, for exactly the ids this result's findings cite (keys sorted; {} when none). */
    sources: Record<SourceId, string>;
    /** Every item whose condition held, qualified by its part ("triage.ces_saddle_numbness"), in evaluation order. */
    fired: string[];
    answered: number;
    locale: string;
    mode: Mode;
    rules: RulesInfo;
    engine: string;
}

/** The result of next(): where the questionnaire stands. */
export interface NextResult {
    visible: string[];
    next: string | null;
    screen: string | null;
    progress: { answered: number; total: number; fraction: number };
    escalate: boolean;
    level: LevelId;
    complete: boolean;
}

export interface QuestionOption {
    value: string;
    label: string;
}

export interface Question {
    id: string;
    section: string;
    screen: string;
    type: 'choice' | 'multi' | 'integer' | 'number' | 'regions';
    text: string;
    help: string;
    options?: QuestionOption[];
    min?: number;
    max?: number;
    unit?: string;
    /** Whether "unsure" is offered. */
    unsure?: boolean;
    /** When the question is asked: its JsonLogic condition over the answers, as the rule set writes it (absent:
     *  always). Renderers other than the widget use it, e.g. the FHIR Questionnaire's enableWhen. */
    visible?: unknown;
}

export interface Region {
    id: string;
    label: string;
    side: 'left' | 'right' | 'midline';
    view: 'front' | 'back';
    /** Root id -> weight (the region's own root 1.0, overlapping neighbours less). */
    dermatomes: Record<string, number>;
}

/** The result of questionnaire(): everything the widget shows, in one locale and mode. */
export interface Questionnaire {
    locale: string;
    mode: Mode;
    default_locale: string;
    sections: { id: string; title: string; questions: string[] }[];
    questions: Question[];
    regions: Region[];
    roots: { id: string; label: string }[];
    levels: { id: LevelId; title: string; text: string; escalate: boolean }[];
    /** The number to call in an emergency by country (ISO 3166-1 alpha-2), and the numbers offered together when the
     *  country is unknown (rules/emergency_numbers.json). */
    emergency_numbers: { countries: Record<string, string>; common: string[] };
    /** Widget texts: the rule set's ui.* keys without the "ui." prefix. */
    ui: Record<string, string>;
}

/** The result of info() (and of a successful loadRules()). */
export interface EngineInfo {
    engine: string;
    rules: RulesInfo;
    locales: string[];
    default_locale: string;
    /** Locales of `locales` whose texts are not in the engine yet (the built-in set's non-default locales until
     *  addLocale or loadLocale gives them; always empty for a set given to loadRules). Until then questionnaire,
     *  assess and next answer locale_not_loaded for them. */
    locales_to_load: string[];
}

export interface LintResult {
    problems: RuleProblem[];
}

/** JSON values as JsonLogic sees them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The result of logic(): the value, or the JsonLogic error ("NaN", "Invalid Arguments", "Unknown Operator" or a
 *  thrown value) as {type}. */
export type LogicResult = { result: JsonValue } | { error: { type: JsonValue } };

/** A rule set as files: path inside the rule-set folder ("manifest.json", "locales/en.json", ...) -> file text. */
export type RuleFiles = Record<string, string>;

export interface Engine {
    /** Assesses an answers document. Text and bytes go to the engine as they are (invalid UTF-8 -> invalid_utf8); an
     *  object that is not JSON data throughout gives not_json (see DocumentInput). */
    assess(doc: DocumentInput): AssessResult | EngineError;
    /** Which questions are visible and which comes next. */
    next(doc: DocumentInput): NextResult | EngineError;
    /** The questionnaire in `locale` (default: the rule set's default locale) for `mode` (default "self"). A locale
     *  or mode that is not a string gives wrong_type at "/locale" or "/mode". */
    questionnaire(locale?: string, mode?: Mode): Questionnaire | EngineError;
    info(): EngineInfo | EngineError;
    /** Adds the texts of a locale of info().locales_to_load: `text` must be that locale's file exactly as the engine
     *  was built with it (its SHA-256 is built in; line breaks and indentation may differ), else invalid_locale.
     *  An unknown locale gives unknown_locale; a locale already there, info() unchanged. */
    addLocale(locale: string, text: string | Uint8Array): EngineInfo | EngineError;
    /** Gets the file of a locale of info().locales_to_load (browsers: dist/locales/<locale>.json beside the module;
     *  Node: the package's rules folder) and adds it; a failed read gives locale_unavailable and is tried again on
     *  the next call. Never rejects. */
    loadLocale(locale: string): Promise<EngineInfo | EngineError>;
    /** Replaces the rule set; a refused set (every problem listed) leaves the previous one in place. A files object
     *  that is not JSON data gives not_json (path "/<file path>..."; see DocumentInput). */
    loadRules(files: RuleFiles): EngineInfo | EngineError;
    /** Lint findings for the loaded set beyond load-time validation. */
    lint(): LintResult;
    /** Evaluates one JsonLogic rule against data (left out: null). Both must be JSON data (see DocumentInput): else
     *  not_json under "/rule" or "/data"; nested over 64 levels, the engine's too_deep at "/rule" or "/data". */
    logic(rule: unknown, data?: unknown): LogicResult | EngineError;
    /** The size of this engine's WebAssembly memory in bytes (it never shrinks): for leak checks. */
    memoryBytes(): number;
    /** The FHIR R4 Questionnaire of the rule set in `locale` for `mode` (README, "FHIR for portals"). */
    fhirQuestionnaire(locale?: string, mode?: Mode): FhirResource | EngineError;
    /** The FHIR R4 QuestionnaireResponse of a document's counted answers, with its result as a contained
     *  RiskAssessment. `authored`: a Date or FHIR dateTime (default: now). */
    fhirResponse(doc: AnswersDocument, options?: { authored?: Date | string }): FhirResource | EngineError;
    /** The answers document of a QuestionnaireResponse to one of this rule set's Questionnaires; errors point into
     *  the response. */
    fromFHIR(response: FhirResource): AnswersDocument | EngineError;
}

/** A FHIR R4 resource as a plain object (resourceType "Questionnaire", "QuestionnaireResponse", ...). */
export type FhirResource = { resourceType: string; [key: string]: unknown };

export interface CreateEngineOptions {
    /** The bytes of dist/rootcheck-engine.wasm (default: fetched beside the engine script in browsers, read from
     *  disk in Node). */
    wasmBinary?: ArrayBuffer | Uint8Array;
    /**
     * dist/rootcheck-engine.wasm already compiled, or being compiled (started early, e.g. with
     * WebAssembly.compileStreaming); one module serves any number of engines. A rejected promise rejects createEngine.
     */
    wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
    /** A rule set to use instead of the built-in one; if the engine refuses it, createEngine throws RulesError. */
    rulesFiles?: RuleFiles;
    /** Node only: leave the built-in set's non-default locales to loadLocale, as browsers do (default: Node adds them
     *  all when the engine is created). */
    localesOnDemand?: boolean;
}

/** Creates an engine with its own WebAssembly instance and memory. */
export function createEngine(options?: CreateEngineOptions): Promise<Engine>;

/** Thrown by createEngine when `rulesFiles` is refused. */
export class RulesError extends Error {
    readonly name: 'RulesError';
    /** The engine's error: code "invalid_rules", a message and every problem. */
    readonly error: EngineError['error'];
}
