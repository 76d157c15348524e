// The results screen: the level in words, icon and colour (never colour alone), what to do now, the safety net
// (always shown, set apart), the pain type, the likely root and side on the body diagram, the mechanism, the answers
// and the actions (print, copy summary, download FHIR, start again). Every text is the engine's (already in the
// right locale and mode); clinician mode adds the evidence behind each finding, its sources and scores, and opens the
// answers (which then include the examination).
import { h, uid } from './dom.js';
import { levelIcon, shieldIcon } from './icons.js';
import { callLinks } from './emergency-call.js';
import { createBodyDiagram } from './body-diagram.js';
import { DIAGRAM_MARKER_KEYS } from './questionnaire-view.js';
import { answeredQuestions } from './answer-format.js';
import { scoreText, generatedText } from './summary-text.js';

function card(title, className, ...children) {
    const id = uid('card');
    return h('section', { class: ['card', className], 'aria-labelledby': id }, h('h3', { id, text: title }), children);
}

// Citations for clinicians: each finding carries a bracketed number into one numbered list at the end, so a source
// cited by many findings is printed once. Findings name their source by id; the texts are in result.sources.
// cite(entry) -> '[n]' or null (self mode, or no source); sources() -> the cited texts in number order.
function createCitations(clinician, texts) {
    const numbers = new Map();
    const cite = (entry) => {
        if (!clinician || !entry.source) return null;
        if (!numbers.has(entry.source)) numbers.set(entry.source, numbers.size + 1);
        return h('span', { class: 'cite', text: ` [${numbers.get(entry.source)}]` });
    };
    return { cite, sources: () => [...numbers.keys()].map((id) => texts[id]) };
}

function itemList(entries, cite, className) {
    return entries.length > 0 ? h('ul', { class: className }, entries.map((entry) => h('li', {}, entry.text, cite(entry)))) : null;
}

// "Based on": the evidence behind a finding, clinician mode only.
function evidenceBlock(evidence, t, clinician, cite) {
    if (!clinician || evidence.length === 0) return null;
    return h('div', { class: 'evidence' },
        h('p', { class: 'evidence-title', text: t('results_evidence') }),
        itemList(evidence, cite, 'evidence-list'));
}

function sourcesCard(sources, t) {
    if (sources.length === 0) return null;
    return card(t('results_source'), 'sources-card', h('ol', { class: 'sources' }, sources.map((source) => h('li', { text: source }))));
}

function levelCard(result, questionnaire, t) {
    const level = result.triage.level;
    return h('div', { class: 'level-card', 'data-level': level, 'data-escalate': String(result.escalate) },
        h('div', { class: 'level-icon' }, levelIcon(questionnaire.levels, level)),
        h('div', { class: 'level-words' },
            h('p', { class: 'level-label', text: t('results_level') }),
            h('p', { class: 'level-title', text: result.triage.title }),
            h('p', { class: 'level-text', text: result.triage.text })));
}

function diagramFigure(result, questionnaire, answers) {
    const top = result.roots[0] || null;
    const marks = {};
    let anyMark = false;
    for (const key of DIAGRAM_MARKER_KEYS) {
        marks[key] = Array.isArray(answers[key]) ? answers[key] : [];
        anyMark = anyMark || marks[key].length > 0;
    }
    if (questionnaire.regions.length === 0 || (!top && !anyMark)) return null;
    try {
        const diagram = createBodyDiagram({ regions: questionnaire.regions, texts: questionnaire.ui, marks, headingLevel: 4 });
        diagram.showResult(top);
        return h('div', { class: 'result-diagram', part: 'diagram' }, diagram.element);
    } catch (error) {
        // The root is still named in words; only the picture is missing.
        console.error(`root-check: body diagram unavailable (${error.message})`);
        return null;
    }
}

// The likely root: what a nerve root is, the top root and, in plain words, why (the engine's evidence for it), and
// any other root named as less likely. Clinician mode lists each root's evidence with its score instead.
function rootCard(result, questionnaire, answers, t, clinician, cite) {
    const [top, ...others] = result.roots;
    const roots = top && h('ul', { class: 'roots' },
        h('li', {},
            h('span', { class: 'root-label', text: top.label }),
            clinician && h('span', { class: 'score', text: ` (${scoreText(t, top.score)})` }),
            clinician ? evidenceBlock(top.evidence, t, clinician, cite) : whyThisRoot(top, t)),
        others.map((root) => h('li', { class: 'runner-up' },
            h('span', { class: 'root-label', text: t('results_runner_up', { root: root.label }) }),
            clinician && h('span', { class: 'score', text: ` (${scoreText(t, root.score)})` }),
            evidenceBlock(root.evidence, t, clinician, cite))));
    return card(t('results_root'), 'root-card',
        h('p', { class: 'root-what', text: t('results_root_what') }),
        roots || h('p', { text: t('results_none') }),
        diagramFigure(result, questionnaire, answers));
}

function whyThisRoot(root, t) {
    if (root.evidence.length === 0) return null;
    return h('div', { class: 'evidence' },
        h('p', { class: 'evidence-title', text: t('results_root_why') }),
        h('ul', { class: 'evidence-list' }, root.evidence.map((entry) => h('li', { text: entry.text }))));
}

function mechanismCard(result, t, clinician, cite) {
    const items = result.mechanisms.map((mechanism) => h('li', {},
        h('span', { class: 'mechanism-text', text: mechanism.text }),
        mechanism.spinal === false && h('span', { class: 'tag', text: t('results_not_spinal') }),
        clinician && h('span', { class: 'score', text: ` (${scoreText(t, mechanism.score)})` }),
        evidenceBlock(mechanism.evidence, t, clinician, cite)));
    return card(t('results_mechanism'), 'mechanism-card',
        items.length > 0 ? h('ul', { class: 'mechanisms' }, items) : h('p', { text: t('results_none') }));
}

// The answers grouped by section (in clinician mode these include the examination sections).
function answersCard(questionnaire, answers, t, clinician) {
    const answered = answeredQuestions(questionnaire, answers, t);
    if (answered.length === 0) return null;
    const groups = questionnaire.sections.map((section) => {
        const rows = answered.filter(({ question }) => question.section === section.id);
        if (rows.length === 0) return null;
        return h('div', { class: 'answer-group' },
            h('h4', { text: section.title }),
            h('dl', {}, rows.map(({ question, text }) => [h('dt', { text: question.text }), h('dd', { text })])));
    });
    return h('details', { class: ['card', 'answers-card'], open: clinician },
        h('summary', {}, h('span', { class: 'summary-title', text: t('results_answers') })), groups);
}

// "Start again" clears every answer, so it asks first, in place: the question and a choice of "Yes, clear my
// answers" (which restarts) or "No, keep them" (which puts the button back, focused).
function restartButton(t, restart) {
    const ask = h('button', { type: 'button', class: ['button', 'secondary'], part: 'button', text: t('start_again') });
    ask.addEventListener('click', () => {
        const questionId = uid('restart-question');
        const keep = h('button', { type: 'button', class: ['button', 'secondary'], part: 'button', text: t('start_again_keep') });
        const confirm = h('div', { class: 'restart-confirm', role: 'group', 'aria-labelledby': questionId },
            h('p', { id: questionId, text: t('start_again_confirm') }),
            h('button', { type: 'button', class: ['button', 'secondary'], part: 'button', text: t('start_again_yes'),
                onclick: restart }),
            keep);
        keep.addEventListener('click', () => { confirm.replaceWith(ask); ask.focus(); });
        ask.replaceWith(confirm);
        keep.focus();
    });
    return ask;
}

// renderResults({result, questionnaire, answers, t, call, actions: {back, print, copy, download, restart}})
//   -> {element, heading}; call: the numbers to offer (emergency-call.js).
export function renderResults({ result, questionnaire, answers, t, call, actions }) {
    const clinician = result.mode === 'clinician';
    const headingId = uid('results-title');
    const safetyId = uid('safety-title');
    const heading = h('h2', { id: headingId, class: 'screen-title', tabindex: '-1', text: t('results_title') });
    const { cite, sources } = createCitations(clinician, result.sources);
    const button = (text, onclick, kind = 'secondary') => h('button', {
        type: 'button', class: ['button', kind], part: 'button', onclick, text,
    });
    const element = h('section', { class: ['results', clinician && 'clinician'], part: 'results', 'aria-labelledby': headingId },
        heading,
        levelCard(result, questionnaire, t),
        result.escalate && h('div', { class: 'escalation-actions' }, callLinks(call, t)),
        result.triage.reasons.length > 0 && card(t('results_reasons'), 'reasons-card', itemList(result.triage.reasons, cite, 'reasons')),
        result.advice.length > 0 && card(t('results_advice'), 'advice-card', itemList(result.advice, cite, 'advice')),
        h('section', { class: ['card', 'safety-net'], 'aria-labelledby': safetyId },
            h('div', { class: 'safety-head' }, shieldIcon(), h('h3', { id: safetyId, text: t('results_safety_net') })),
            itemList(result.safety_net, cite, 'safety')),
        card(t('results_pain_type'), 'pain-type-card',
            h('p', { class: 'pain-type', 'data-classification': result.pain_type.classification, text: result.pain_type.text }),
            // The two kinds of leg pain side by side, so the finding above has something to be told apart from.
            h('ul', { class: 'pain-kinds' },
                h('li', { text: t('results_radicular_is') }), h('li', { text: t('results_referred_is') })),
            evidenceBlock(result.pain_type.evidence, t, clinician, cite)),
        rootCard(result, questionnaire, answers, t, clinician, cite),
        mechanismCard(result, t, clinician, cite),
        answersCard(questionnaire, answers, t, clinician),
        sourcesCard(sources(), t),
        h('p', { class: 'disclaimer', text: t('disclaimer') }),
        h('p', { class: 'rules-version', text: generatedText(t, result) }),
        h('div', { class: 'actions' },
            button(t('back'), actions.back),
            button(t('print'), actions.print),
            button(t('copy_summary'), actions.copy),
            button(t('download_fhir'), actions.download),
            restartButton(t, actions.restart)));
    return { element, heading };
}
