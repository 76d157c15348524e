// assess written again in JavaScript over the rule set in rules/, with the JsonLogic left to a library, so that
// tests/bench/jsonlogic-libraries.bench.mjs can time RootCheck's engine against "JS + json-logic-js" and
// "JS + json-logic-engine" on the same rules and answers.
//
// What it does, per call, as cpp/engine/answers.cpp and assessment.cpp do (order and derived data of rules/README.md):
// - JSON text in: parses the answers document and checks it as the engine does (top-level keys, locale, mode, every
//   answer a question of the rule set, its type, its option or region ids, repeats, number range); null = unanswered.
// - evaluates every condition the engine evaluates, in the engine's order, against one data object that grows
//   stage by stage: each question's `visible` (in file order, over the answers to the visible questions before it;
//   sections and questions of the other mode are skipped, as the engine skips them), every fact (its value stored
//   under `facts`), every pain-type evidence and the `classify` conditions up to the first that holds (after
//   `derived.pain_type` holds the scores), every root evidence `when` and the `side` of those that hold, the region
//   evidence tallies, every mechanism evidence, every triage rule, every advice and safety-net item. A condition
//   that throws counts as false (a fact's value is then false), as in the engine.
// - computes what the engine derives: pain-type scores and classification, root points per side, scores
//   p / (p + half_score), the `both` merge within 10%, min_score and max_reported; mechanism scores clamped to 0..1;
//   the triage level, reasons and red flags; the `fired` list.
// - JSON text out: writes a result document with the engine's members and texts (the locale's texts, `@clinician`
//   variants in clinician mode, {region}/{root}/{side} filled in, the cited sources), as JSON.stringify text.
// What it does not do: it never loads or validates a rule set (it trusts rules/ as the engine's lint does), does not
// implement next(), asks_first (assess ignores it too) or the engine's error paths beyond the checks above (no size
// or depth limits, no JSON Pointer paths), and its JsonLogic is whatever the library given computes: it need not
// agree with the engine's conformance on every edge. The bench compares its `fired` list and findings with the
// engine's on the answers it times, which shows both evaluate the same conditions to the same truth values there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// JsonLogic truthiness (jsonlogic.com): an empty array is false, otherwise JavaScript's.
const truthy = (value) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
const roundScore = (value) => Math.round(value * 1000) / 1000 + 0; // + 0 turns -0 into 0, as round_score does

// The rule set of `dir` as plain objects: {manifest, <part>: file, locales: {<locale>: texts}}.
export function readRuleSet(dir) {
    const read = (path) => JSON.parse(readFileSync(join(dir, path), 'utf8'));
    const manifest = read('manifest.json');
    const set = { manifest, locales: {} };
    for (const [part, path] of Object.entries(manifest.files)) set[part] = read(path);
    for (const [locale, path] of Object.entries(manifest.locales)) set.locales[locale] = read(path);
    return set;
}

// A condition as a function of the data, or null when absent (it then holds). `compile(rule)` is the library's:
// a function (data) => value that may throw.
function condition(rule, compile) {
    return rule === undefined ? null : compile(rule);
}

// What the engine keeps after loading: the conditions compiled, indexes, per-mode texts made once (the engine's
// RuleSet::mode_texts), so that a call does only the per-answers work.
function model(set, compile) {
    const sectionModes = new Map(set.questionnaire.sections.map((s) => [s.id, s.mode ?? 'all']));
    const questions = set.questionnaire.questions.map((q) => ({
        ...q,
        sectionMode: sectionModes.get(q.section),
        mode: q.mode ?? 'all',
        visible: q.visible === true ? null : condition(q.visible, compile),
        options: q.options ? new Set(q.options) : null,
    }));
    const regions = set.regions.regions;
    const regionIndex = new Map(regions.map((region, i) => [region.id, i]));
    const roots = [...set.roots.roots, ...(set.roots.unranked_roots ?? [])];
    // A region is drawn for the root of its highest weight (the first of equals).
    const primaryRegions = roots.map(() => []);
    regions.forEach((region, i) => {
        let best = -1;
        let bestWeight = 0;
        for (const [root, weight] of Object.entries(region.dermatomes)) {
            if (weight > bestWeight) [best, bestWeight] = [roots.indexOf(root), weight];
        }
        if (best >= 0) primaryRegions[best].push(i);
    });
    const items = (list) => list.map((item) => ({ ...item, when: condition(item.when, compile) }));
    const favours = [];
    for (const e of set.pain_type.evidence) if (!favours.includes(e.favours)) favours.push(e.favours);
    const levels = set.triage.levels;
    const levelIndex = (id) => levels.findIndex((level) => level.id === id);
    const texts = {};
    for (const [locale, all] of Object.entries(set.locales)) {
        texts[locale] = {};
        for (const mode of ['self', 'clinician']) {
            const resolved = {};
            for (const [key, text] of Object.entries(all)) {
                const at = key.indexOf('@');
                if (at < 0) resolved[key] ??= text;
                else if (mode === 'clinician' && key.slice(at + 1) === 'clinician') resolved[key.slice(0, at)] = text;
            }
            texts[locale][mode] = resolved;
        }
    }
    return {
        questions,
        questionById: new Map(questions.map((q) => [q.id, q])),
        regions,
        regionIndex,
        roots,
        ranked: set.roots.roots.length,
        rootIndex: new Map(roots.map((root, i) => [root, i])),
        primaryRegions,
        facts: items(set.facts.facts),
        pain: {
            ...set.pain_type, favours, evidence: items(set.pain_type.evidence), classify: items(set.pain_type.classify),
        },
        rootModel: {
            ...set.roots,
            evidence: set.roots.evidence.map((e) => ({
                ...e, when: condition(e.when, compile), side: condition(e.side, compile),
                weights: Object.entries(e.roots).map(([root, weight]) => [roots.indexOf(root), weight]),
            })),
        },
        mechanisms: {
            ...set.mechanisms,
            mechanisms: set.mechanisms.mechanisms.map((m) => ({
                ...m,
                evidence: items(m.evidence),
                positiveWeight: m.evidence.reduce((sum, e) => sum + (e.weight > 0 ? e.weight : 0), 0),
            })),
        },
        triage: {
            levels,
            defaultLevel: levelIndex(set.triage.default),
            rules: set.triage.rules.map((rule) => ({
                ...rule, level: levelIndex(rule.level), when: condition(rule.when, compile),
            })),
        },
        advice: items(set.advice.advice),
        safetyNet: items(set.advice.safety_net),
        sources: set.sources.sources,
        sourceIds: Object.keys(set.sources.sources).sort(),
        texts,
        defaultLocale: set.manifest.default_locale,
    };
}

const inputError = (code, message) => ({ error: { code, message } });

// The engine's check of one answer (answers.cpp check_answer); a problem as an error document, else null.
function answerProblem(m, q, value) {
    const member = (item) => {
        if (typeof item !== 'string') return inputError('wrong_type', `${q.id}: expected a string`);
        if (q.type === 'regions' ? !m.regionIndex.has(item) : !q.options.has(item)) {
            return inputError('unknown_value', `'${item}' is not an option of ${q.id}`);
        }
        return null;
    };
    switch (q.type) {
        case 'choice':
            return member(value);
        case 'multi':
        case 'regions': {
            if (!Array.isArray(value)) return inputError('wrong_type', `${q.id}: expected an array`);
            for (let i = 0; i < value.length; i++) {
                const problem = member(value[i]);
                if (problem) return problem;
                if (value.indexOf(value[i]) < i) return inputError('duplicate_value', `'${value[i]}' is repeated`);
            }
            return null;
        }
        default:
            if (typeof value !== 'number') return inputError('wrong_type', `${q.id}: expected a number`);
            if (q.type === 'integer' && !Number.isInteger(value)) return inputError('wrong_type', 'a whole number');
            if (value < q.min || value > q.max) {
                return inputError('out_of_range', `${value} is outside ${q.min}..${q.max}`);
            }
            return null;
    }
}

function parse(m, text) {
    let doc;
    try {
        doc = JSON.parse(text);
    } catch (error) {
        return inputError('bad_json', error.message);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        return inputError('not_an_object', 'not an object');
    }
    for (const key of Object.keys(doc)) {
        if (key !== 'answers' && key !== 'locale' && key !== 'mode') return inputError('unknown_key', key);
    }
    const locale = doc.locale ?? m.defaultLocale;
    const mode = doc.mode ?? 'self';
    if (typeof locale !== 'string' || typeof mode !== 'string') return inputError('wrong_type', 'expected a string');
    if (m.texts[locale] === undefined) return inputError('unknown_locale', String(locale));
    if (mode !== 'self' && mode !== 'clinician') return inputError('unknown_mode', String(mode));
    const answers = doc.answers ?? {};
    if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
        return inputError('wrong_type', 'answers: expected an object');
    }
    for (const [key, value] of Object.entries(answers)) {
        const q = m.questionById.get(key);
        if (q === undefined) return inputError('unknown_key', `'${key}' is not a question of the rule set`);
        if (value === null) continue;
        const problem = answerProblem(m, q, value);
        if (problem) return problem;
    }
    return { locale, mode, answers };
}

function evaluate(m, { mode, answers }) {
    const data = { mode, facts: {}, derived: {} };
    const fired = [];
    const value = (fn) => {
        try {
            return { ok: true, value: fn(data) };
        } catch {
            return { ok: false, value: false };
        }
    };
    const holds = (fn) => fn === null || truthy(value(fn).value);
    const out = { fired, answered: 0 };

    // Visibility, in file order: a condition sees the answers to the visible questions before it.
    for (const q of m.questions) {
        if ((q.sectionMode !== 'all' && q.sectionMode !== mode) || (q.mode !== 'all' && q.mode !== mode)) continue;
        if (!holds(q.visible)) continue;
        const answer = answers[q.id];
        if (answer === undefined || answer === null) continue;
        data[q.id] = answer;
        out.answered += 1;
    }

    for (const fact of m.facts) {
        const outcome = value(fact.when);
        const result = outcome.ok ? outcome.value : false;
        if (truthy(result)) fired.push(`facts.${fact.id}`);
        data.facts[fact.id] = result;
    }

    const sums = m.pain.favours.map(() => 0);
    out.painEvidence = [];
    for (const e of m.pain.evidence) {
        if (!holds(e.when)) continue;
        fired.push(`pain_type.${e.id}`);
        out.painEvidence.push(e);
        sums[m.pain.favours.indexOf(e.favours)] += e.weight;
    }
    const pain = {};
    m.pain.favours.forEach((favours, f) => { pain[favours] = roundScore(sums[f]); });
    data.derived.pain_type = pain;
    out.painScores = { ...pain };
    out.classification = m.pain.default;
    for (const c of m.pain.classify) {
        if (holds(c.when)) {
            out.classification = c.classification;
            break;
        }
    }
    pain.classification = out.classification;

    out.roots = roots(m, data, holds, value, fired);
    out.mechanisms = mechanisms(m, data, holds, fired);

    const triage = m.triage;
    const firedRules = [];
    out.redFlags = [];
    triage.rules.forEach((rule, i) => {
        if (!holds(rule.when)) return;
        fired.push(`triage.${rule.id}`);
        firedRules.push(i);
        if (rule.red_flag) out.redFlags.push(rule);
    });
    // The most severe level among the rules that fired (levels run from most to least severe), else the default.
    out.level = firedRules.length === 0 ? triage.defaultLevel
        : Math.min(...firedRules.map((i) => triage.rules[i].level));
    out.reasons = firedRules.filter((i) => triage.rules[i].level === out.level).map((i) => triage.rules[i]);
    data.derived.triage = { level: triage.levels[out.level].id };

    const shown = (list, part) => list.filter((item) => {
        if (!holds(item.when)) return false;
        fired.push(`${part}.${item.id}`);
        return true;
    });
    out.advice = shown(m.advice, 'advice');
    out.safetyNet = shown(m.safetyNet, 'safety_net');
    return out;
}

const LEFT = 0;
const RIGHT = 1;
const SIDES = ['left', 'right'];
const sidesNamed = (name) => (name === 'left' ? [LEFT] : name === 'right' ? [RIGHT] : [LEFT, RIGHT]);

function roots(m, data, holds, value, fired) {
    const model = m.rootModel;
    const tally = m.roots.map(() => [0, 1].map(() => ({ points: 0, regionEvidence: [], evidence: [] })));
    model.region_evidence.forEach((e, k) => {
        const answer = data[e.answer];
        if (!Array.isArray(answer)) return;
        let contributed = false;
        for (const id of answer) {
            const r = m.regionIndex.get(id);
            const region = m.regions[r];
            for (const [root, weight] of Object.entries(region.dermatomes)) {
                if (weight === 0) continue;
                for (const side of sidesNamed(region.side)) {
                    const t = tally[m.rootIndex.get(root)][side];
                    t.points += weight * e.weight;
                    const last = t.regionEvidence[t.regionEvidence.length - 1];
                    if (last === undefined || last[0] !== k) t.regionEvidence.push([k, [r]]);
                    else last[1].push(r);
                }
                contributed = true;
            }
        }
        if (contributed) fired.push(`roots.${e.id}`);
    });
    model.evidence.forEach((e, k) => {
        if (!holds(e.when)) return;
        fired.push(`roots.${e.id}`);
        let sides = [LEFT, RIGHT];
        if (e.side !== null) {
            const outcome = value(e.side);
            if (outcome.ok && typeof outcome.value === 'string') sides = sidesNamed(outcome.value);
        }
        for (const [root, weight] of e.weights) {
            for (const side of sides) {
                tally[root][side].points += weight * e.weight;
                tally[root][side].evidence.push(k);
            }
        }
    });

    const score = (points) => {
        const p = Math.max(0, points);
        return roundScore(p / (p + model.half_score));
    };
    const finding = (root, side, value, tallies) => {
        const regionEvidence = [];
        const evidence = [];
        for (const t of tallies) {
            for (const [k, regions] of t.regionEvidence) {
                const same = regionEvidence.find((entry) => entry[0] === k);
                if (same) same[1].push(...regions);
                else regionEvidence.push([k, [...regions]]);
            }
            for (const k of t.evidence) if (!evidence.includes(k)) evidence.push(k);
        }
        regionEvidence.sort((a, b) => a[0] - b[0]);
        evidence.sort((a, b) => a - b);
        return { root, side, score: value, regionEvidence, evidence };
    };
    const candidates = [];
    for (let root = 0; root < m.ranked; root++) {
        const left = score(tally[root][LEFT].points);
        const right = score(tally[root][RIGHT].points);
        const larger = Math.max(left, right);
        if (larger <= 0) continue;
        if (Math.abs(left - right) <= 0.1 * larger) {
            if (larger >= model.min_score) candidates.push(finding(root, 'both', larger, tally[root]));
            continue;
        }
        for (const side of [LEFT, RIGHT]) {
            const value = side === LEFT ? left : right;
            if (value > 0 && value >= model.min_score) {
                candidates.push(finding(root, SIDES[side], value, [tally[root][side]]));
            }
        }
    }
    candidates.sort((a, b) => b.score - a.score); // stable, as the engine's insertion sort
    const reported = candidates.slice(0, model.max_reported);
    const top = reported[0];
    data.derived.roots = {
        count: reported.length,
        top: top ? { root: m.roots[top.root], side: top.side, score: top.score } : null,
    };
    return reported;
}

function mechanisms(m, data, holds, fired) {
    const derived = { top: null };
    const reported = [];
    for (const mechanism of m.mechanisms.mechanisms) {
        let sum = 0;
        const evidence = [];
        for (const e of mechanism.evidence) {
            if (!holds(e.when)) continue;
            fired.push(`mechanisms.${mechanism.id}.${e.id}`);
            sum += e.weight;
            if (e.weight > 0) evidence.push(e);
        }
        const score = roundScore(Math.min(1, Math.max(0, sum / mechanism.positiveWeight)));
        derived[mechanism.id] = score;
        if (score > 0 && score >= m.mechanisms.min_score) reported.push({ mechanism, score, evidence });
    }
    reported.sort((a, b) => b.score - a.score);
    if (reported.length > 0) derived.top = reported[0].mechanism.id;
    data.derived.mechanisms = derived;
    return reported;
}

// The result document (the engine's members, keys in sorted order as the engine writes them).
function result(m, parsed, out, about) {
    const texts = m.texts[parsed.locale][parsed.mode];
    const cited = new Set();
    const cite = (item, text) => {
        cited.add(item.source);
        return { id: item.id, source: item.source, text };
    };
    const fill = (text, values) => text.replace(/\{(region|root|side)\}/g, (_, name) => values[name]);
    const model = m.rootModel;
    const level = m.triage.levels[out.level];
    const roots = out.roots.map((f) => {
        const values = { region: '', root: texts[`root.${m.roots[f.root]}`], side: texts[`side.${f.side}`] };
        const evidence = f.regionEvidence.map(([k, regions]) => {
            const e = model.region_evidence[k];
            const region = regions.map((r) => texts[`region.${m.regions[r].id}`]).join(', ');
            return cite(e, fill(texts[`roots.evidence.${e.id}`], { ...values, region }));
        });
        for (const k of f.evidence) {
            const e = model.evidence[k];
            evidence.push(cite(e, fill(texts[`roots.evidence.${e.id}`], values)));
        }
        const regions = m.primaryRegions[f.root].map((r) => m.regions[r])
            .filter((region) => f.side === 'both' || region.side === f.side || !SIDES.includes(region.side))
            .map((region) => region.id);
        const label = `${values.root} ${values.side}`;
        return { evidence, label, regions, root: m.roots[f.root], score: f.score, side: f.side };
    });
    const doc = {
        advice: out.advice.map((item) => cite(item, texts[`advice.${item.id}`])),
        answered: out.answered,
        engine: about.engine,
        escalate: level.escalate === true,
        fired: out.fired,
        locale: parsed.locale,
        mechanisms: out.mechanisms.map(({ mechanism, score, evidence }) => ({
            evidence: evidence.map((e) => cite(e, texts[`mechanism.evidence.${e.id}`])),
            id: mechanism.id,
            score,
            spinal: mechanism.spinal === true,
            text: texts[`mechanism.${mechanism.id}`],
        })),
        mode: parsed.mode,
        pain_type: {
            classification: out.classification,
            evidence: out.painEvidence.map((e) => ({
                favours: e.favours, ...cite(e, texts[`pain_type.evidence.${e.id}`]),
            })),
            ...out.painScores,
            text: texts[`pain_type.${out.classification}`],
        },
        red_flags: out.redFlags.map((rule) => rule.id),
        roots,
        rules: about.rules,
        safety_net: out.safetyNet.map((item) => cite(item, texts[`safety_net.${item.id}`])),
        sources: null,
        triage: {
            level: level.id,
            reasons: out.reasons.map((rule) => cite(rule, texts[`triage.${rule.id}`])),
            text: texts[`level.${level.id}.text`],
            title: texts[`level.${level.id}.title`],
        },
    };
    doc.sources = {};
    for (const id of m.sourceIds) if (cited.has(id)) doc.sources[id] = m.sources[id];
    return doc;
}

/**
 * assess(text) -> result JSON text (or an error document's), over the rule set `set` (readRuleSet) with JsonLogic
 * conditions compiled by `compile(rule) -> (data) => value`. `about` holds what the engine writes from its own
 * identity: {engine: version, rules: {name, sha256, version}} (the SHA-256 is the engine's, not recomputed here).
 */
export function createJsAssess(set, compile, about) {
    const m = model(set, compile);
    return (text) => {
        const parsed = parse(m, text);
        if (parsed.error) return JSON.stringify(parsed);
        return JSON.stringify(result(m, parsed, evaluate(m, parsed), about));
    };
}
