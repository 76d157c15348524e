// Start-up work split into tasks of its own: between them the browser may handle a person's input, the host page's
// timers and rendering, so that no single task of the widget holds the page for long (issue 18: no task over 50 ms).
// scheduler.yield() resumes ahead of other queued work where the browser has it; elsewhere a timer does.
export function nextTask() {
    const scheduler = globalThis.scheduler;
    if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
    return new Promise((resolve) => { setTimeout(resolve); });
}
