// `rootcheck/element`: the <root-check> element's class, not registered, for a page that picks the tag name or the
// registry itself: `RootCheckElement.define(tag = 'root-check', registry = customElements)` (widget/element.js).
// Unlike `rootcheck/define` (define.js), nothing here starts the engine early: the first element connected fetches
// and compiles it (widget/engine-loader.js). Types: element.d.ts.
export { RootCheckElement } from './widget/element.js';
