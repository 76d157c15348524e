// One question screen: the heading, every question of the screen (shown or hidden as the rule set's visibility
// says, so focus and typed input survive a re-assessment), and the Back / Next buttons. A screen of three or more
// yes/no questions (a checklist, such as the warning signs) also offers "No to all of these" at the top: it answers
// "no" (or "none") to every one of them still open and leaves the ones answered as they are, so a "yes" is never
// undone; "unsure" stays one tap away on each. The screen is built once per
// visit; update(visible) follows each engine.next(); missingAnswer(answers, visible) checks, before going on, that
// each visible question that must be answered is (see controls.js).
//
// The marker questions of the body diagram (pain, numbness and tingling regions, the answer keys fixed in
// rules/schema/answers.schema.json) share one diagram: wherever one of them is on the screen, the diagram stands there once and each
// change answers all three. The diagram's module (body-diagram.js) is the largest of the widget and only a few
// screens use it, so it is not imported here: the element loads it after the start and passes createBodyDiagram in.
import { h, uid } from './dom.js';
import { buildControl, helpDisclosure } from './controls.js';

export const DIAGRAM_MARKER_KEYS = ['pain_regions', 'numbness_regions', 'tingling_regions'];

const isMarker = (question) => question.type === 'regions' && DIAGRAM_MARKER_KEYS.includes(question.id);

/** Whether renderScreen needs createBodyDiagram for `screen` (it has a region question: the diagram draws it). */
export const needsBodyDiagram = (screen) => screen.questions.some((question) => question.type === 'regions');

function diagramControl(markerQuestions, { answers, questionnaire, onAnswers, t, createBodyDiagram }) {
    const marks = {};
    for (const key of DIAGRAM_MARKER_KEYS) marks[key] = Array.isArray(answers[key]) ? answers[key] : [];
    const asked = new Set(questionnaire.questions.map((q) => q.id));
    const diagram = createBodyDiagram({
        regions: questionnaire.regions,
        texts: questionnaire.ui,
        marks,
        headingLevel: 3,
        onChange: (changed) => {
            const update = {};
            for (const key of DIAGRAM_MARKER_KEYS) if (asked.has(key)) update[key] = changed[key];
            onAnswers(update);
        },
    });
    // The marker questions are read together (one prompt each) with one help disclosure: the first help given.
    const promptsId = uid('prompts');
    const helped = markerQuestions.find((q) => q.help);
    const help = helped && helpDisclosure(helped, t, promptsId);
    const element = h('div', { class: ['question', 'question-diagram'], part: 'question' },
        h('ul', { id: promptsId, class: 'diagram-prompts' }, markerQuestions.map((q) => h('li', { class: 'question-text', text: q.text }))),
        help && help.button, help && help.text,
        h('div', { part: 'diagram' }, diagram.element));
    return { element, required: false, showRequired: () => {}, focus: () => diagram.focus(), commit: () => {} };
}

// Any other region question (a clinician's finding, such as reduced sensation on examination) is marked on a diagram
// of its own with one kind of mark, instead of a list of 38 check boxes.
function findingDiagramControl(question, { answers, questionnaire, onAnswer, t, createBodyDiagram }) {
    const diagram = createBodyDiagram({
        regions: questionnaire.regions,
        texts: questionnaire.ui,
        marks: { [question.id]: Array.isArray(answers[question.id]) ? answers[question.id] : [] },
        headingLevel: 3,
        markers: [{ id: 'numbness', answer: question.id, label: t('marker_finding') }],
        onChange: (changed) => onAnswer(question.id, changed[question.id]),
    });
    const textId = uid('prompt');
    const help = helpDisclosure(question, t, textId);
    const element = h('div', { class: ['question', 'question-diagram'], part: 'question', 'data-question': question.id },
        h('p', { id: textId, class: 'question-text', text: question.text }),
        help && help.button, help && help.text,
        h('div', { part: 'diagram' }, diagram.element));
    return { element, required: false, showRequired: () => {}, focus: () => diagram.focus(), commit: () => {} };
}

// renderScreen({screen, title, answers, questionnaire, t, onAnswer, onAnswers, onBack, onNext, isLast,
//               createBodyDiagram}) -> {element, heading, update(visible), setLast(isLast), missingAnswer(answers, visible),
//               commitSelections()}: commitSelections gives the answers selected but not committed (controls.js).
// createBodyDiagram (body-diagram.js) is needed only when needsBodyDiagram(screen).
export function renderScreen(options) {
    const { screen, title, answers, questionnaire, t, onAnswer, onBack, onNext } = options;
    const headingId = uid('screen-title');
    const heading = h('h2', { id: headingId, class: 'screen-title', tabindex: '-1', text: title });
    const blocks = []; // {control, ids}
    const context = { t, onAnswer, regions: questionnaire.regions };
    let diagramTried = false;
    let diagramShown = false;
    for (const question of screen.questions) {
        if (isMarker(question) && !diagramTried) {
            diagramTried = true;
            const markers = screen.questions.filter(isMarker);
            try {
                blocks.push({ control: diagramControl(markers, options), ids: markers.map((q) => q.id) });
                diagramShown = true;
            } catch (error) {
                // A rule set without the diagram's texts: ask with region lists instead, and say why once.
                console.error(`root-check: body diagram unavailable, showing region lists (${error.message})`);
            }
        }
        if (isMarker(question) && diagramShown) continue;
        if (question.type === 'regions' && !isMarker(question) && options.createBodyDiagram) {
            try {
                blocks.push({ control: findingDiagramControl(question, options), ids: [question.id] });
                continue;
            } catch (error) {
                console.error(`root-check: body diagram unavailable, showing a region list (${error.message})`);
            }
        }
        blocks.push({ control: buildControl(question, answers[question.id], context), ids: [question.id] });
    }
    // Checklist items: choice questions with a negative answer ("no", or "none" for the weakness question).
    const negativeOf = (question) => ['no', 'none'].find((value) => (question.options || []).some((o) => o.value === value));
    const checklist = blocks.filter(({ ids }) => {
        const question = screen.questions.find((q) => q.id === ids[0]);
        return ids.length === 1 && question.type === 'choice' && negativeOf(question) !== undefined;
    }).map((block) => ({ ...block, negative: negativeOf(screen.questions.find((q) => q.id === block.ids[0])) }));
    const noToAll = checklist.length >= 3 && h('button', {
        type: 'button', class: ['button', 'secondary', 'no-to-all'], part: 'button', text: t('none_of_these_all'),
        onclick: () => {
            const update = {};
            for (const { control, ids, negative } of checklist) {
                if (control.element.hidden) continue;
                const value = control.selectIfOpen(negative);
                if (value !== undefined) update[ids[0]] = value;
            }
            if (Object.keys(update).length > 0) options.onAnswers(update);
            nextButton.focus();
        },
    });
    const hasUnsure = screen.questions.some((q) => q.unsure === true);
    const compact = screen.questions.length > 2 && screen.questions.every((q) => q.type === 'integer' || q.type === 'number');
    // Small scales only (power grades 0 to 5, asked left then right for each muscle): two columns where room allows,
    // so the screen reads as one grid, a muscle a row and a side a column.
    const scales = compact && screen.questions.every((q) => q.type === 'integer' && q.max - q.min < 6);
    const nextButton = h('button', { type: 'button', class: ['button', 'primary'], part: 'button', onclick: onNext });
    const setLast = (isLast) => { nextButton.textContent = isLast ? t('finish') : t('next'); };
    setLast(options.isLast);
    const element = h('section', { class: 'screen', 'aria-labelledby': headingId, 'data-screen': screen.id },
        heading,
        hasUnsure && h('p', { class: 'screen-hint', text: t('unsure_hint') }),
        noToAll,
        // A screen of several number fields (e.g. power, muscle by muscle) is laid out in columns where room allows;
        // a checklist's answers sit side by side.
        h('div', { class: ['questions', compact && 'compact', scales && 'scales', noToAll && 'checklist'] },
            blocks.map((block) => block.control.element)),
        h('div', { class: 'nav' },
            h('button', { type: 'button', class: ['button', 'secondary'], part: 'button', onclick: onBack, text: t('back') }),
            nextButton));
    const update = (visible) => {
        for (const block of blocks) block.control.element.hidden = !block.ids.some((id) => visible.has(id));
    };
    // Marks every visible required question left unanswered; returns the first one's control (to focus), or null.
    const missingAnswer = (current, visible) => {
        let first = null;
        for (const { control, ids } of blocks) {
            const missing = control.required && ids.some((id) => visible.has(id) && current[id] === undefined);
            control.showRequired(missing);
            if (missing && !first) first = control;
        }
        return first;
    };
    const commitSelections = () => {
        for (const { control } of blocks) if (!control.element.hidden) control.commit();
    };
    return { element, heading, update, setLast, missingAnswer, commitSelections };
}
