// Small DOM builders for the widget. Everything is created with DOM APIs, never from HTML strings, and an inline
// `style` is refused outright: under the strict CSP (style-src 'self') a style attribute would be blocked, so dynamic
// styles go through classes or element.style.setProperty (CSSOM), which the policy allows.
const SVG_NS = 'http://www.w3.org/2000/svg';

// Applies props to an element:
//   class: string or array (falsy entries skipped)   text: textContent
//   on<event>: listener                              '.<prop>': a DOM property (e.g. '.checked': true)
//   anything else: an attribute (true -> present and empty, false/null/undefined -> absent)
function applyProps(el, props) {
    for (const [key, value] of Object.entries(props || {})) {
        if (key === 'style') throw new Error('dom: inline style attributes are refused (strict CSP); use a class');
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') {
            const names = Array.isArray(value) ? value.filter(Boolean) : String(value).split(/\s+/).filter(Boolean);
            el.classList.add(...names);
        } else if (key === 'text') {
            el.textContent = String(value);
        } else if (key.startsWith('.')) {
            el[key.slice(1)] = value;
        } else if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.slice(2), value);
        } else {
            el.setAttribute(key, value === true ? '' : String(value));
        }
    }
}

function appendAll(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

// h('button', {class: 'primary', onclick}, 'Start') -> <button class="primary">Start</button>
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    applyProps(el, props);
    appendAll(el, children);
    return el;
}

// The same for SVG elements (icons).
export function svg(tag, props, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    applyProps(el, props);
    appendAll(el, children);
    return el;
}

// A unique id per widget instance and purpose, for aria-labelledby / aria-describedby / label[for] inside one shadow
// root (ids only need to be unique within it, the counter keeps them unique anyway).
let counter = 0;
export function uid(prefix) {
    counter += 1;
    return `${prefix}-${counter}`;
}
