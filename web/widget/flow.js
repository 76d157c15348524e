// Screen order for the question flow. The rule set decides what is asked and when (questionnaire order, `screen`
// grouping, visibility through engine.next()); this module only walks that order. Nothing clinical is decided here.

// questionnaire -> [{id, section, questions: [question...]}] in questionnaire order (a screen appears where its first
// question does).
export function screensOf(questionnaire) {
    const screens = [];
    const byId = new Map();
    for (const question of questionnaire.questions) {
        const id = question.screen || question.id;
        if (!byId.has(id)) {
            const screen = { id, section: question.section, questions: [] };
            byId.set(id, screen);
            screens.push(screen);
        }
        byId.get(id).questions.push(question);
    }
    return screens;
}

// A screen is shown when at least one of its questions is visible now.
export function isScreenVisible(screen, visible) {
    return screen.questions.some((q) => visible.has(q.id));
}

// Index of the next visible screen after `from` (-1 = before the first), or -1 when none is left.
export function nextScreenIndex(screens, from, visible) {
    for (let i = from + 1; i < screens.length; i += 1) if (isScreenVisible(screens[i], visible)) return i;
    return -1;
}

// Index of the previous visible screen before `from`, or -1 when `from` is the first.
export function previousScreenIndex(screens, from, visible) {
    for (let i = from - 1; i >= 0; i -= 1) if (isScreenVisible(screens[i], visible)) return i;
    return -1;
}

// Only the answers to questions visible now: what assess counts, what is reported and exported.
export function visibleAnswers(answers, visible) {
    const kept = {};
    for (const [key, value] of Object.entries(answers)) if (visible.has(key)) kept[key] = value;
    return kept;
}
