// The red-flag alert: a modal alertdialog that opens the moment the engine says escalate. It tells what to do now
// (go to an emergency department, call the emergency number), why (the triage reasons of the result), and offers
// two explicit choices: see the summary for the clinician, or go back to the questions (to correct a mistaken
// answer; the warning banner stays while the answers escalate). It cannot be dismissed
// without one of them: Escape and the browser's close request keep it open and move focus to the first choice.
//
// openEscalationDialog({host, result, t, call, onSummary, onReview}) -> {close()}
//   host: the node (inside the shadow root) the <dialog> is appended to; it is removed again when closed.
//   call: the numbers to offer (emergency-call.js).
import { h, uid } from './dom.js';
import { alertIcon } from './icons.js';
import { callLinks } from './emergency-call.js';

export function openEscalationDialog({ host, result, t, call, onSummary, onReview }) {
    const titleId = uid('alert-title');
    const textId = uid('alert-text');
    const reasons = (result.triage && result.triage.reasons) || [];
    let chosen = false;

    const summaryButton = h('button', { type: 'button', class: ['button', 'primary'], part: 'button', text: t('escalate_summary') });
    const reviewButton = h('button', { type: 'button', class: ['button', 'secondary'], part: 'button', text: t('back') });
    const dialog = h('dialog', {
        class: 'escalation', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId,
        'aria-describedby': textId, part: 'dialog',
    },
    h('div', { class: 'escalation-head' }, alertIcon(), h('h2', { id: titleId, text: t('escalate_title') })),
    h('p', { id: textId, class: 'escalation-text', text: t('escalate_text') }),
    callLinks(call, t),
    reasons.length > 0 && h('h3', { class: 'escalation-why', text: t('results_reasons') }),
    reasons.length > 0 && h('ul', { class: 'reasons' }, reasons.map((reason) => h('li', { text: reason.text }))),
    h('div', { class: 'dialog-buttons' }, summaryButton, reviewButton));

    const focusables = () => [...dialog.querySelectorAll('a[href], button')];
    const close = () => {
        chosen = true;
        if (dialog.open) dialog.close();
        dialog.remove();
    };
    const choose = (action) => () => { close(); action(); };
    summaryButton.addEventListener('click', choose(onSummary));
    reviewButton.addEventListener('click', choose(onReview));

    dialog.addEventListener('cancel', (event) => { event.preventDefault(); summaryButton.focus(); });
    dialog.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
            event.preventDefault();
            summaryButton.focus();
        } else if (event.key === 'Tab') {
            // Keep Tab inside the dialog, cycling through its controls.
            const list = focusables();
            const first = list[0];
            const last = list[list.length - 1];
            const active = dialog.getRootNode().activeElement;
            if (event.shiftKey && active === first) { event.preventDefault(); last.focus(); }
            else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
        }
    });
    // Closed by anything other than a choice (a close request the page could not prevent): open it again.
    dialog.addEventListener('close', () => { if (!chosen && dialog.isConnected) { dialog.showModal(); summaryButton.focus(); } });

    host.append(dialog);
    dialog.showModal();
    summaryButton.focus();
    return { close };
}
