// Which emergency number the widget offers to call, and the call links that offer it. The numbers are the rule
// set's (rules/emergency_numbers.json, in engine.questionnaire().emergency_numbers); this module only picks:
//   1. the element's emergency-number attribute, when the host page set it;
//   2. else the number of the country named by a language tag's region: the element's own lang, else the nearest
//      ancestor's, else the page's (<html lang>): "en-GB" -> GB -> 999, "es-MX" -> MX -> 911;
//   3. else (no region, or one the table lacks) no single guessed number: the person is told to call their local
//      emergency number, and the common numbers (112, 911) are offered side by side.
import { h } from './dom.js';
import { phoneIcon } from './icons.js';

// Only digits, '+', '*' and '#' belong in a tel: URL.
export function telHref(number) {
    return `tel:${String(number).replace(/[^0-9+*#]/g, '')}`;
}

// The region subtag of a BCP 47 language tag, upper-cased ("es-419" -> "419", "zh-Hant-TW" -> "TW"), or null.
export function regionOf(tag) {
    const subtags = String(tag || '').split(/[-_]/).slice(1);
    const region = subtags.find((subtag) => /^([a-z]{2}|\d{3})$/i.test(subtag));
    return region ? region.toUpperCase() : null;
}

// {numbers: [number...], local: bool}: `local` when the country is unknown and `numbers` are the common ones.
//   attribute: the emergency-number attribute ('' or null when unset); tags: language tags, nearest first;
//   table: questionnaire().emergency_numbers ({countries: {GB: '999'}, common: ['112', '911']}).
export function emergencyCall({ attribute, tags, table }) {
    if (attribute) return { numbers: [attribute], local: false };
    const countries = table?.countries ?? {};
    for (const tag of tags) {
        const region = regionOf(tag);
        if (region && countries[region]) return { numbers: [countries[region]], local: false };
    }
    return { numbers: table?.common ?? [], local: true };
}

// The call links of `call` as nodes to append: one "Call 999" button, or, with no known country, the words "call
// your local emergency number" and a button per common number. `small` for the banner's compact buttons.
export function callLinks(call, t, { small = false } = {}) {
    const link = (number) => h('a', { class: ['button', 'call', small && 'small'], part: 'button', href: telHref(number) },
        small ? null : phoneIcon(), h('span', { text: t('escalate_call', { number }) }));
    if (!call.local) return [link(call.numbers[0])];
    return [
        h('p', { class: 'call-local', text: t('call_local') }),
        h('div', { class: 'call-choices' }, call.numbers.map(link)),
    ];
}
