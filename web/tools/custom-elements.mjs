// Writes web/custom-elements.json (where package.json's `customElements` field points): the Custom Elements Manifest of
// <root-check>, which editors, linters and component catalogues read. `node web/tools/custom-elements.mjs` writes it;
// the file is checked in, and tests/node/package.test.mjs checks that it is current and lists what README.md lists.
//
// @custom-elements-manifest/analyzer (a devDependency) reads the code: the class (widget/element.js), its attributes
// (observedAttributes, and the `@attr` notes on the properties that reflect them), its public methods and properties,
// its tag (the define call of root-check.js) and the modules that export it (element.js). Added here, from the
// files that own each, is what the analyzer cannot see:
//   types, descriptions  from element.d.ts, whose class must declare exactly the public members of the element
//                        (a member on one side only stops the generation, naming it);
//   events               the names of widget/events.js's EVENTS, each typed and described as RootCheckEventMap of
//                        element.d.ts says (the two must name the same events);
//   CSS parts            every `part: '…'` the widget's modules give an element;
//   custom properties    every --rootcheck-* the widget's stylesheets read, with its plain fallback as the default,
//                        less those the widget sets itself (--rootcheck-progress);
//   lang                 the attribute's property is HTMLElement's own.
// The analyzer also lists private members (#name) and names modules by relative paths: those are dropped and resolved.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { EVENTS } from '../widget/events.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
export const manifestPath = join(packageRoot, packageJson.customElements);

// The modules analysed, as paths inside the package: the class, the module that exports it unregistered and the
// one that registers it.
const MODULES = ['web/widget/element.js', 'web/element.js', 'web/root-check.js'];
const TYPES = 'web/element.d.ts';
const CLASS_NAME = 'RootCheckElement';
const widgetDir = 'web/widget';

const read = (path) => readFileSync(join(packageRoot, path), 'utf8');
const sourceFile = (path) => ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
const widgetFiles = (extension) => readdirSync(join(packageRoot, widgetDir)).filter((name) => name.endsWith(extension))
    .sort().map((name) => posix.join(widgetDir, name));

class ManifestError extends Error {}

// JSDoc text of a declaration in the .d.ts, on one line.
function jsDocText(node) {
    const text = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
    return text.replace(/\s+/g, ' ').trim();
}

// From element.d.ts: {members: name -> {type, description, kind}, events: name -> {type, description}}.
function declaredTypes() {
    const file = sourceFile(TYPES);
    const members = new Map();
    const events = new Map();
    for (const statement of file.statements) {
        if (ts.isClassDeclaration(statement) && statement.name?.text === CLASS_NAME) {
            for (const member of statement.members) {
                const name = member.name?.getText(file);
                if (!name) continue;
                const isStatic = member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
                if (ts.isMethodDeclaration(member)) {
                    members.set(name, { kind: 'method', static: isStatic, type: member.type.getText(file),
                        description: jsDocText(member) });
                } else if (ts.isPropertyDeclaration(member)) {
                    members.set(name, { kind: 'field', static: isStatic, type: member.type.getText(file),
                        description: jsDocText(member) });
                }
            }
        }
        if (ts.isInterfaceDeclaration(statement) && statement.name.text === 'RootCheckEventMap') {
            for (const member of statement.members) {
                events.set(member.name.text, { type: member.type.getText(file), description: jsDocText(member) });
            }
        }
    }
    return { members, events };
}

// Public members only, each with its declared type, and the description of the .d.ts where the code has none.
function typedMembers(members, declared) {
    const shown = members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
    const names = new Set(shown.map((member) => member.name));
    const untyped = [...names].filter((name) => !declared.has(name));
    // observedAttributes is the platform's hook, not an interface the analyzer lists; the .d.ts declares it.
    const undeclared = [...declared.keys()].filter((name) => !names.has(name) && name !== 'observedAttributes');
    if (untyped.length > 0 || undeclared.length > 0) {
        throw new ManifestError(`${TYPES} and the element disagree: in the code only: [${untyped.join(', ')}], ` +
            `in the types only: [${undeclared.join(', ')}]`);
    }
    return shown.map((member) => {
        const { type, description } = declared.get(member.name);
        const typed = member.kind === 'method' ? { return: { type: { text: type } } } : { type: { text: type } };
        return { ...member, ...typed, description: member.description || description };
    });
}

function eventsOf(declaredEvents) {
    const names = Object.values(EVENTS);
    const missing = names.filter((name) => !declaredEvents.has(name));
    const extra = [...declaredEvents.keys()].filter((name) => !names.includes(name));
    if (missing.length > 0 || extra.length > 0) {
        throw new ManifestError(`widget/events.js and ${TYPES} name different events: ` +
            `not typed [${missing.join(', ')}], typed but never fired [${extra.join(', ')}]`);
    }
    return names.map((name) => ({ name, type: { text: declaredEvents.get(name).type },
        description: declaredEvents.get(name).description }));
}

function cssParts() {
    const names = new Set();
    for (const file of widgetFiles('.js')) {
        for (const match of read(file).matchAll(/\bpart: '([\w-]+)'/g)) names.add(match[1]);
    }
    return [...names].sort().map((name) => ({ name }));
}

function cssProperties() {
    const setByWidget = new Set();
    for (const file of widgetFiles('.js')) {
        for (const match of read(file).matchAll(/setProperty\('(--rootcheck-[\w-]+)'/g)) setByWidget.add(match[1]);
    }
    const defaults = new Map();
    const names = new Set();
    for (const file of widgetFiles('.css')) {
        const css = read(file);
        for (const match of css.matchAll(/var\(\s*(--rootcheck-[\w-]+)/g)) names.add(match[1]);
        // A fallback without parentheses is a plain default; a computed one (from another property) is not shown.
        for (const match of css.matchAll(/var\(\s*(--rootcheck-[\w-]+)\s*,\s*([^()]+?)\s*\)/g)) {
            if (!defaults.has(match[1])) defaults.set(match[1], match[2].replace(/\s+/g, ' '));
        }
    }
    return [...names].filter((name) => !setByWidget.has(name)).sort()
        .map((name) => (defaults.has(name) ? { name, default: defaults.get(name) } : { name }));
}

// Export references by the path of the module that declares them, inside the package.
function resolveReferences(modules) {
    const declaredIn = new Map();
    for (const module of modules) {
        for (const declaration of module.declarations) declaredIn.set(declaration.name, module.path);
    }
    for (const module of modules) {
        for (const exported of module.exports) {
            const reference = exported.declaration;
            const path = reference.module.startsWith('.')
                ? posix.join(posix.dirname(module.path), reference.module) : reference.module;
            const declares = modules.some((other) => other.path === path
                && other.declarations.some((declaration) => declaration.name === reference.name));
            reference.module = declares ? path : declaredIn.get(reference.name) ?? path;
        }
    }
}

/** The manifest as an object. Throws a ManifestError when the code and element.d.ts disagree. */
export function customElementsManifest() {
    const manifest = create({ modules: MODULES.map(sourceFile) });
    manifest.readme = 'README.md';
    manifest.modules = manifest.modules.map((module) => ({ ...module, declarations: module.declarations ?? [] }));
    resolveReferences(manifest.modules);
    const element = manifest.modules.flatMap((module) => module.declarations)
        .find((declaration) => declaration.name === CLASS_NAME);
    if (!element || element.tagName !== 'root-check') {
        throw new ManifestError(`the analyzer found no class ${CLASS_NAME} defined as <root-check>`);
    }
    const declared = declaredTypes();
    element.description = 'A self-check for back pain that spreads into the leg (README.md, "Embedding").';
    element.members = typedMembers(element.members ?? [], declared.members);
    element.attributes = element.attributes.map((attribute) => (attribute.name === 'lang'
        ? { ...attribute, fieldName: 'lang', description: 'Language of the check (HTMLElement\'s lang property).' }
        : attribute));
    element.events = eventsOf(declared.events);
    element.cssParts = cssParts();
    element.cssProperties = cssProperties();
    return manifest;
}

export const manifestText = () => `${JSON.stringify(customElementsManifest(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    try {
        writeFileSync(manifestPath, manifestText());
        console.log(`custom elements manifest: ${packageJson.customElements}`);
    } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        console.error(`custom-elements.json not written: ${error.message}`);
        process.exitCode = 1;
    }
}
