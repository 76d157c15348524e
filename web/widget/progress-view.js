// The progress bar of the question flow: a role=progressbar over the screens of the check and, written out, the
// step on view ("Step 4 of 10"). The total is every screen the questionnaire has in this mode, so it never jumps
// when an answer shows or hides a question; a screen skipped because none of its questions applies moves the
// step on by more than one. The bar's length is set through a CSS custom property with CSSOM (allowed under
// style-src 'self', unlike a style attribute).
import { h } from './dom.js';

// createProgress(t, labelId) -> {element, update({current, total})}; labelId names the bar (the check's title);
// current is the 1-based position of the screen on view among all `total` screens.
export function createProgress(t, labelId) {
    const fill = h('div', { class: 'progress-fill' });
    const bar = h('div', {
        class: 'progress-bar', role: 'progressbar', 'aria-labelledby': labelId, 'aria-valuemin': '0',
    }, fill);
    const text = h('p', { class: 'progress-text', 'aria-hidden': 'true' });
    const element = h('div', { class: 'progress', part: 'progress' }, bar, text);
    const update = ({ current, total }) => {
        const words = t('progress', { current, total });
        bar.setAttribute('aria-valuemax', String(total));
        bar.setAttribute('aria-valuenow', String(current));
        bar.setAttribute('aria-valuetext', words);
        text.textContent = words;
        element.style.setProperty('--rootcheck-progress', String(total === 0 ? 0 : current / total));
    };
    return { element, update };
}
