// The events <root-check> fires. All bubble and are composed, so a host page can listen on the element or any
// ancestor, across shadow roots. Details are structured-cloneable plain data (copies, never live widget state).
//   rootcheck-change    {answers, next}   after every answer (answers: those the engine counts, next: engine.next())
//   rootcheck-escalate  result            once per escalation (when the engine's next() says escalate)
//   rootcheck-complete  result            when the results screen is shown
//   rootcheck-error     {code, message}   code "start_failed": the widget could not start (the person sees a plain
//                                         message); "language_unavailable": the language asked for could not be
//                                         loaded and the check runs in its default one, with a notice. message: the
//                                         technical cause, for the host's developers
export const EVENTS = Object.freeze({
    change: 'rootcheck-change',
    escalate: 'rootcheck-escalate',
    complete: 'rootcheck-complete',
    error: 'rootcheck-error',
});

export function emit(target, name, detail) {
    target.dispatchEvent(new CustomEvent(name, { detail: structuredClone(detail), bubbles: true, composed: true }));
}
