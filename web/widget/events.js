// The events <root-check> fires. All bubble and are composed, so a host page can listen on the element or any
// ancestor, across shadow roots. Details are structured-cloneable plain data (copies, never live widget state).
//   rootcheck-change    {answers, next}   after every answer (answers: those the engine counts, next: engine.next())
//   rootcheck-escalate  result            once per escalation (when the engine's next() says escalate)
//   rootcheck-complete  result            when the results screen is shown
//   rootcheck-error     {message}         when the widget could not start, or could not load the language asked
//                                         for and shows its default one (the technical cause, for the host's
//                                         developers; the person sees a plain message)
export const EVENTS = Object.freeze({
    change: 'rootcheck-change',
    escalate: 'rootcheck-escalate',
    complete: 'rootcheck-complete',
    error: 'rootcheck-error',
});

export function emit(target, name, detail) {
    target.dispatchEvent(new CustomEvent(name, { detail: structuredClone(detail), bubbles: true, composed: true }));
}
