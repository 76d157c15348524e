// Entry point of the RootCheck widget: <script type="module" src=".../root-check.js"></script> defines the
// <root-check> element (see widget/element.js for its attributes, methods and events). Loading it twice, or next
// to another copy, is harmless: the element is defined once. Nothing is added to the global scope.
import { RootCheckElement } from './widget/element.js';

if (!customElements.get('root-check')) customElements.define('root-check', RootCheckElement);
