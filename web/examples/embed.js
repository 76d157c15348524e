// The embedding example: listen to <root-check>'s events on the host page and show each one's detail. A real host
// would hand the result to its own record here (on the device: RootCheck itself never sends anything).
const log = document.getElementById('event-log');
const MAX_ENTRIES = 30;

function show(event) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'event-name';
    name.textContent = `${new Date().toLocaleTimeString()} ${event.type}`;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify(event.detail, null, 2);
    item.append(name, detail);
    log.prepend(item);
    while (log.children.length > MAX_ENTRIES) log.lastElementChild.remove();
}

for (const type of ['rootcheck-change', 'rootcheck-escalate', 'rootcheck-complete']) {
    // Listening on document shows that the events bubble out of the shadow root (composed).
    document.addEventListener(type, show);
}

document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
