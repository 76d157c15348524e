// Entry point of the RootCheck widget: <script type="module" async src=".../root-check.js"></script> defines the
// <root-check> element (see widget/element.js for its attributes, methods and events). Loading it twice, or next
// to another copy, is harmless: the element is defined once. Nothing is added to the global scope.
//
// The engine (a WebAssembly download and compile, then parsing the rule set) is the longest part of the start, so it
// goes first: the .wasm is fetched and compiled from here, before any other module of the widget has loaded (this
// file imports nothing statically), and the engine loader is handed the compiled module before the element is
// defined, so that every engine, the element's included, is made from it. Once the document is parsed, the elements
// in it tell which engines they will ask for (the built-in rule set, or the folder a `rules` attribute names), and
// those start at once. With `async` this may run while the document is still being parsed (sooner: it need not wait
// for the parser); elements not parsed yet then start their own engine as the parser reaches them.
const engineCode = compileEngineCode(new URL('./dist/rootcheck-engine.wasm', import.meta.url));
engineCode.catch(() => {}); // reported by the element whose engine fails to start (engine-loader.js)

// Both imports start at once. element.js imports engine-loader.js, so waiting for the loader first delays nothing;
// if the loader cannot load, neither can the element, and that one failure is what this module reports.
const loaderLoading = import('./widget/engine-loader.js');
const elementLoading = import('./widget/element.js');
elementLoading.catch(() => {});

const { getEngine, useEngineCode } = await loaderLoading;
useEngineCode(engineCode);
if (document.readyState !== 'loading') {
    const rulesUrls = new Set([...document.querySelectorAll('root-check')].map((el) => el.getAttribute('rules') || ''));
    if (rulesUrls.size === 0) rulesUrls.add(''); // no element: the page will most likely add one with the built-in set
    // A failed start is reported by the element that asks for that engine (and retried there).
    for (const url of rulesUrls) getEngine(url).catch(() => {});
}

const { RootCheckElement } = await elementLoading;
if (!customElements.get('root-check')) customElements.define('root-check', RootCheckElement);

// Compiles while downloading when the server labels the file application/wasm (as WebAssembly.compileStreaming
// requires); from the whole download otherwise.
async function compileEngineCode(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if ((response.headers.get('Content-Type') || '').split(';')[0].trim() === 'application/wasm') {
        return WebAssembly.compileStreaming(response);
    }
    return WebAssembly.compile(await response.arrayBuffer());
}
