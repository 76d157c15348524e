// Entry point of the RootCheck widget: <script type="module" src=".../root-check.js"></script> defines the
// <root-check> element (see widget/element.js for its attributes, methods and events). Loading it twice, or next
// to another copy, is harmless: the element is defined once. Nothing is added to the global scope.
//
// The engine (a WebAssembly download and compile, then parsing the rule set) is the longest part of the start, so it
// is started first, in parallel with loading the element's own modules: both imports below begin at once, and the
// engine's module chain is the shorter one. Module scripts run after the document is parsed, so the elements already
// in the page tell which engines they will ask for (the built-in rule set, or the folder a `rules` attribute names).
// If engine-loader.js cannot load, neither can element.js (which imports it): that failure is the one reported.
import('./widget/engine-loader.js').then(({ getEngine }) => {
    const rulesUrls = new Set([...document.querySelectorAll('root-check')].map((el) => el.getAttribute('rules') || ''));
    if (rulesUrls.size === 0) rulesUrls.add(''); // no element yet: the page will most likely add one with the built-in set
    // A failed start is reported by the element that asks for that engine (and retried there).
    for (const url of rulesUrls) getEngine(url).catch(() => {});
}, () => {});

const { RootCheckElement } = await import('./widget/element.js');
if (!customElements.get('root-check')) customElements.define('root-check', RootCheckElement);
