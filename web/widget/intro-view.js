// The first screen: what the check does, that answers stay on this device, that it is not a diagnosis, and the
// Start button.
import { h, uid } from './dom.js';
import { lockIcon } from './icons.js';

// renderIntro({t, clinician, languageUnavailable, onStart}) -> {element, heading}; languageUnavailable: the
// language asked for could not be loaded, so the person is told why the check speaks the default one.
export function renderIntro({ t, clinician, languageUnavailable, onStart }) {
    const headingId = uid('intro-title');
    const heading = h('h2', { id: headingId, class: ['screen-title', 'intro-title'], tabindex: '-1', text: t('title') });
    const element = h('section', { class: 'intro', 'aria-labelledby': headingId },
        heading,
        languageUnavailable && h('p', { class: 'language-notice', text: t('language_unavailable') }),
        clinician && h('p', { class: 'mode-badge', text: t('mode_clinician_badge') }),
        h('p', { class: 'intro-text', text: t('intro') }),
        h('p', { class: 'privacy' }, lockIcon(), h('span', { text: t('privacy') })),
        h('p', { class: 'disclaimer', text: t('disclaimer') }),
        h('div', { class: 'nav' },
            h('button', { type: 'button', class: ['button', 'primary', 'start'], part: 'button', onclick: onStart, text: t('start') })));
    return { element, heading };
}
