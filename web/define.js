// `rootcheck/define`: registers <root-check> through root-check.js, which starts the engine's download before the
// rest of the widget loads, and exports the class registered under that name (another copy's, if one was there
// first). Importing it twice, or beside the bundle dist/root-check.js, defines the element once. Types:
// element.d.ts.
import './root-check.js';

export const RootCheckElement = customElements.get('root-check');
