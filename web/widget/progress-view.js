// The progress bar of the question flow: a role=progressbar with the engine's answered/total counts (from
// engine.next().progress) and, written out, the position of the first open question ("Question 4 of 38"). The
// bar's length is set through a CSS custom property with CSSOM (allowed under style-src 'self', unlike a style
// attribute).
import { h } from './dom.js';

// The placeholders of ui.progress: the first open question's position (the last one once all are answered).
export function progressWords({ answered, total }) {
    return { current: Math.min(answered + 1, total), total, answered };
}

// createProgress(t, labelId) -> {element, update(progress)}; labelId names the bar (the check's title).
export function createProgress(t, labelId) {
    const fill = h('div', { class: 'progress-fill' });
    const bar = h('div', {
        class: 'progress-bar', role: 'progressbar', 'aria-labelledby': labelId, 'aria-valuemin': '0',
    }, fill);
    const text = h('p', { class: 'progress-text', 'aria-hidden': 'true' });
    const element = h('div', { class: 'progress', part: 'progress' }, bar, text);
    const update = (progress) => {
        const { answered, total, fraction } = progress;
        const words = t('progress', progressWords(progress));
        bar.setAttribute('aria-valuemax', String(total));
        bar.setAttribute('aria-valuenow', String(answered));
        bar.setAttribute('aria-valuetext', words);
        text.textContent = words;
        element.style.setProperty('--rootcheck-progress', String(Math.max(0, Math.min(1, fraction))));
    };
    return { element, update };
}
