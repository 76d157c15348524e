// Inline SVG icons built with DOM APIs (no markup strings, no external files). Icons are decorative
// (aria-hidden): every meaning they carry is also written out in words next to them.
import { svg } from './dom.js';

function icon(className, ...shapes) {
    return svg('svg', { class: ['icon', className], viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }, shapes);
}

const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };

// A warning triangle with an exclamation mark: levels that escalate.
export function alertIcon() {
    return icon('icon-alert',
        svg('path', { ...stroke, d: 'M12 3 2.5 20h19L12 3z' }),
        svg('path', { ...stroke, d: 'M12 10v4.5' }),
        svg('circle', { cx: '12', cy: '17.3', r: '1.2', fill: 'currentColor' }));
}

// A clock: levels between the most and least severe (care within a time frame).
export function clockIcon() {
    return icon('icon-clock',
        svg('circle', { ...stroke, cx: '12', cy: '12', r: '9' }),
        svg('path', { ...stroke, d: 'M12 7v5l3.5 2' }));
}

// A tick in a circle: the least severe level.
export function checkIcon() {
    return icon('icon-check',
        svg('circle', { ...stroke, cx: '12', cy: '12', r: '9' }),
        svg('path', { ...stroke, d: 'm7.5 12.5 3 3 6-6.5' }));
}

// A telephone handset, for the call link.
export function phoneIcon() {
    return icon('icon-phone', svg('path', {
        ...stroke,
        d: 'M5 4h3.5l1.5 4-2 1.5a11 11 0 0 0 6.5 6.5l1.5-2 4 1.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
    }));
}

// A shield with an exclamation mark, heading the safety net box.
export function shieldIcon() {
    return icon('icon-shield',
        svg('path', { ...stroke, d: 'M12 3 4.5 6v5.5c0 4.5 3.2 8.2 7.5 9.5 4.3-1.3 7.5-5 7.5-9.5V6L12 3z' }),
        svg('path', { ...stroke, d: 'M12 8v5' }),
        svg('circle', { cx: '12', cy: '16', r: '1.1', fill: 'currentColor' }));
}

// The icon for a triage level, chosen from the rule set's own description of its levels (levels run from most to
// least severe; `escalate` marks the emergency ones), never from the level's name.
export function levelIcon(levels, levelId) {
    const index = levels.findIndex((level) => level.id === levelId);
    const level = levels[index];
    if (level && level.escalate) return alertIcon();
    if (index === levels.length - 1) return checkIcon();
    return clockIcon();
}

// A padlock, beside "your answers stay on this device".
export function lockIcon() {
    return icon('icon-lock',
        svg('rect', { ...stroke, x: '5', y: '10.5', width: '14', height: '10', rx: '2' }),
        svg('path', { ...stroke, d: 'M8 10.5V7.5a4 4 0 0 1 8 0v3' }));
}
