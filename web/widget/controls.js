// One input control per question type, each wrapped in a question block with its text and on-demand help.
//   choice   radio group; the "unsure" option, when the rule set offers one, is set apart a little. A choice that
//            offers "unsure" must be answered before going on (there is always a safe answer). The arrow keys move
//            through the group and check what they pass, as in every radio group, but passing over an option does
//            not answer: the answer is given by a click or tap, Space or Enter, or Next (commit()), so arrowing past
//            "getting worse over hours or days" never raises the emergency alert.
//   multi    checkboxes plus "None of these" (answer: the checked values in option order, or [] for none)
//   integer / number   a number field with min/max and unit; out-of-range or non-integer input is not stored and
//            says why (the limits are the rule set's, not the widget's). An integer of at most six values (a power
//            grade, 0 to 5) is a row of those values instead: one tap, no keyboard on a phone.
//   regions  a checkbox list of region labels grouped by side, plus "None of these" (the body diagram handles the
//            marker questions; see questionnaire-view.js)
// Every control calls onAnswer(questionId, value) with a value in the answer vocabulary, or undefined to clear it.
// buildControl returns {element, required, showRequired(bool), focus(), commit()}; commit() gives an answer the
// person selected but did not commit yet (a radio reached with the arrow keys), and does nothing otherwise. A choice
// control also has selectIfOpen(value), for the screen's "No to all of these".
import { h, uid } from './dom.js';

// The question's help as a disclosure: a button with aria-expanded that shows or hides the text below it.
// describedBy: the id of the question text, so each button is told apart ("Why we ask: <question>").
export function helpDisclosure(question, t, describedBy) {
    if (!question.help) return null;
    const textId = uid('help');
    const text = h('p', { id: textId, class: 'help-text', hidden: true, text: question.help });
    const button = h('button', {
        type: 'button', class: 'help-toggle', 'aria-expanded': 'false', 'aria-controls': textId, 'aria-describedby': describedBy,
        onclick: () => {
            const open = button.getAttribute('aria-expanded') !== 'true';
            button.setAttribute('aria-expanded', String(open));
            text.hidden = !open;
        },
    }, h('span', { class: 'help-icon', 'aria-hidden': 'true', text: '?' }), h('span', { text: t('help_show') }));
    return { button, text };
}

function questionBlock(question, children) {
    return h('div', { class: ['question', `question-${question.type}`], part: 'question', 'data-question': question.id },
        children);
}

// A fieldset with the question as legend, help, the inputs and a message slot for "please answer".
function fieldsetControl(question, t, { body, inputs, required = false }) {
    const legendId = uid('legend');
    const errorId = uid('error');
    const help = helpDisclosure(question, t, legendId);
    const error = h('p', { id: errorId, class: 'field-error', hidden: true, text: t('answer_required') });
    const element = questionBlock(question, h('fieldset', { class: 'field' },
        h('legend', { id: legendId, class: 'question-text', text: question.text }),
        help && help.button, help && help.text,
        error, body));
    // The message is tied to the inputs only while shown (a hidden description would still be read).
    const showRequired = (show) => {
        error.hidden = !show;
        for (const input of inputs) {
            if (show) input.setAttribute('aria-describedby', errorId);
            else input.removeAttribute('aria-describedby');
        }
    };
    return { element, required, showRequired, focus: () => inputs[0].focus(), commit: () => {} };
}

function option(input, label, className) {
    return h('label', { class: ['option', className] }, input, h('span', { class: 'option-label', text: label }));
}

function choiceControl(question, value, { t, onAnswer }) {
    const name = uid(`q-${question.id}`);
    const inputs = [];
    let given = value; // the answer given (the engine has it); a checked radio may differ until committed
    let arrowing = false; // between an arrow key's keydown and keyup: the radio it checks is only selected
    let control;
    const commit = (choice) => {
        if (choice === given) return;
        given = choice;
        control.showRequired(false);
        onAnswer(question.id, choice);
    };
    const options = question.options.map((choice) => {
        const input = h('input', {
            type: 'radio', name, value: choice.value, '.checked': value === choice.value,
            onkeydown: (event) => {
                if (event.key.startsWith('Arrow')) {
                    arrowing = true;
                } else if (event.key === ' ' || event.key === 'Enter') {
                    // Space on a radio not yet checked checks it, and its click below commits.
                    if (event.key === 'Enter') event.preventDefault();
                    if (input.checked) commit(choice.value);
                }
            },
            onkeyup: () => { arrowing = false; },
            // A click, a tap, or Space on a radio that was not checked; not the check an arrow key makes.
            onclick: () => { if (!arrowing && input.checked) commit(choice.value); },
        });
        inputs.push(input);
        return option(input, choice.label, choice.value === 'unsure' && 'option-unsure');
    });
    // Short labels (Yes, No, I'm not sure) may sit side by side; longer ones keep a line each.
    const short = question.options.every((choice) => choice.label.length <= 14);
    control = fieldsetControl(question, t, {
        body: h('div', { class: ['options', short && 'short'] }, options), inputs, required: question.unsure === true,
    });
    control.commit = () => {
        const checked = inputs.find((input) => input.checked);
        if (checked) commit(checked.value);
    };
    // For a screen's "No to all of these" (questionnaire-view.js): when nothing is given or selected yet, selects
    // `negative` and returns it for the screen to give with the others in one go; else returns undefined.
    control.selectIfOpen = (negative) => {
        if (given !== undefined || inputs.some((input) => input.checked)) return undefined;
        inputs.find((input) => input.value === negative).checked = true;
        given = negative;
        control.showRequired(false);
        return negative;
    };
    return control;
}

// Checkboxes with an exclusive "None of these": ticking it clears the others and answers []; ticking an option
// clears it; clearing everything leaves the question unanswered.
function checkboxControl(question, value, t, onAnswer, choices) {
    const chosen = new Set(Array.isArray(value) ? value : []);
    const boxes = [];
    const none = h('input', { type: 'checkbox', '.checked': Array.isArray(value) && value.length === 0 });
    const answer = () => {
        const checked = boxes.filter((box) => box.checked).map((box) => box.value);
        onAnswer(question.id, checked.length > 0 ? checked : none.checked ? [] : undefined);
    };
    const groups = choices.map((group) => group.map((choice) => {
        const box = h('input', { type: 'checkbox', value: choice.value, '.checked': chosen.has(choice.value) });
        box.addEventListener('change', () => { if (box.checked) none.checked = false; answer(); });
        boxes.push(box);
        return option(box, choice.label);
    }));
    none.addEventListener('change', () => {
        if (none.checked) for (const box of boxes) box.checked = false;
        answer();
    });
    const body = h('div', { class: groups.length > 1 ? 'region-list' : 'options-wrap' },
        groups.map((labels) => h('div', { class: 'options' }, labels)));
    // No "choose all that apply" line of our own: the rule set's question texts say it where it matters.
    return fieldsetControl(question, t, {
        body: [body, h('div', { class: 'options' }, option(none, t('none_of_these'), 'option-none'))],
        inputs: [...boxes, none],
    });
}

function multiControl(question, value, { t, onAnswer }) {
    return checkboxControl(question, value, t, onAnswer, [question.options]);
}

// Region questions other than the diagram's markers: a checkbox per region, grouped by side, in rule-set order.
function regionListControl(question, value, { t, onAnswer, regions }) {
    const groups = new Map();
    for (const region of regions) {
        if (!groups.has(region.side)) groups.set(region.side, []);
        groups.get(region.side).push({ value: region.id, label: region.label });
    }
    return checkboxControl(question, value, t, onAnswer, [...groups.values()]);
}

// The hint under a number field states its limits; after input outside them it turns into the error message
// (aria-invalid on the field), so the person reads the same words once.
function numberControl(question, value, { t, onAnswer }) {
    const inputId = uid(`q-${question.id}`);
    const labelId = uid('label');
    const hintId = uid('hint');
    const integer = question.type === 'integer';
    const hint = h('p', { id: hintId, class: 'hint', text: t('number_range', { min: question.min, max: question.max }) });
    const input = h('input', {
        id: inputId, type: 'number', class: 'number-input', inputmode: integer ? 'numeric' : 'decimal',
        min: question.min, max: question.max, step: integer ? '1' : 'any', autocomplete: 'off',
        'aria-describedby': hintId, '.value': value === undefined ? '' : String(value),
    });
    const showError = (show) => {
        hint.classList.toggle('field-error', show);
        if (show) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
    };
    input.addEventListener('change', () => {
        const raw = input.value.trim();
        if (raw === '') {
            // A field the browser cannot parse reads as '' too: tell the person instead of clearing silently.
            showError(input.validity.badInput);
            if (!input.validity.badInput) onAnswer(question.id, undefined);
            return;
        }
        const number = Number(raw);
        const inRange = Number.isFinite(number) && (question.min === undefined || number >= question.min)
            && (question.max === undefined || number <= question.max);
        if (!inRange || (integer && !Number.isInteger(number))) { showError(true); return; }
        showError(false);
        onAnswer(question.id, number);
    });
    const help = helpDisclosure(question, t, labelId);
    const row = h('div', { class: 'number-row' }, input, question.unit && h('span', { class: 'unit', text: question.unit }));
    const element = questionBlock(question, h('div', { class: 'field' },
        h('label', { id: labelId, class: 'question-text', for: inputId, text: question.text }),
        help && help.button, help && help.text, hint, row));
    return { element, required: false, showRequired: () => {}, focus: () => input.focus(), commit: () => {} };
}

// A small whole-number scale as a row of radios, one per value (labelled by the value itself). Optional: nothing is
// checked until the person picks a value.
function scaleControl(question, value, { t, onAnswer }) {
    const name = uid(`q-${question.id}`);
    const inputs = [];
    const values = [];
    for (let v = question.min; v <= question.max; v += 1) values.push(v);
    const options = values.map((v) => {
        const input = h('input', {
            type: 'radio', name, value: String(v), '.checked': value === v,
            onchange: (event) => { if (event.target.checked) onAnswer(question.id, v); },
        });
        inputs.push(input);
        return option(input, String(v), 'option-scale');
    });
    return fieldsetControl(question, t, { body: h('div', { class: ['options', 'scale'] }, options), inputs });
}

const SCALE_MAX_VALUES = 6;
const integerControl = (question, value, context) => (question.max - question.min < SCALE_MAX_VALUES
    ? scaleControl(question, value, context) : numberControl(question, value, context));

const BUILDERS = { choice: choiceControl, multi: multiControl, integer: integerControl, number: numberControl, regions: regionListControl };

// buildControl(question, currentValue, {t, onAnswer, regions}) -> {element, required, showRequired, focus}
export function buildControl(question, value, context) {
    const build = BUILDERS[question.type];
    if (!build) throw new Error(`root-check: question ${question.id} has an unknown type "${question.type}"`);
    return build(question, value, context);
}
