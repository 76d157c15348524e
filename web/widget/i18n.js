// Widget chrome texts. They come from the rule set's locale (`ui.*` keys, handed over by engine.questionnaire() as
// `ui` without the prefix), so a translation is data, never JavaScript. A key the rule set lacks shows as `ui.<key>`
// (visible, so a missing translation is caught in review) and is reported once on the console.

const reported = new Set();

// `{name}` placeholders are replaced from params; an unknown placeholder is left as written.
export function format(text, params = {}) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// createTranslator(questionnaire.ui) -> t(key, params) -> text
export function createTranslator(ui = {}) {
    return function t(key, params) {
        const text = ui[key];
        if (typeof text !== 'string') {
            if (!reported.has(key)) {
                reported.add(key);
                console.warn(`root-check: the rule set has no text for ui.${key}`);
            }
            return `ui.${key}`;
        }
        return format(text, params);
    };
}
