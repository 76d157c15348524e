// Start-up work split into tasks of their own: between them the browser may handle a person's input, the host page's
// timers and rendering, so that no single task of the widget holds the page for long (issue 18 asks for none over
// 50 ms). scheduler.yield() resumes ahead of other queued work where the browser has it; elsewhere a message to
// ourselves starts the next task (a timer would do too, but browsers hold timers back in background tabs, by up to
// a second each).
export function nextTask() {
    const scheduler = globalThis.scheduler;
    if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
    return new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
            channel.port1.close();
            resolve();
        };
        channel.port2.postMessage(null);
    });
}
