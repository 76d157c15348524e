// Writes the locales a page loads on demand to web/dist/locales/<locale>.json: every locale of rules/manifest.json
// except the default one, which is built into the engine (cpp/embed_rules.cmake). The engine takes a file only if
// it is the one it was built with (add_locale in cpp/engine/engine.h), so each is written as the build embeds its
// text: line breaks and the indentation after them dropped (JSON strings hold no raw line break, so no text
// changes; about a tenth fewer bytes). Run by web/tools/build.mjs after the engine: `node web/tools/locale-files.mjs`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));
export const localesDir = fileURLToPath(new URL('../dist/locales/', import.meta.url));

// The same rule as embed_rules.cmake's `string(REGEX REPLACE "[\r\n][\r\n\t ]*" "" ...)`.
export const withoutLineBreaks = (text) => text.replace(/[\r\n][\r\n\t ]*/g, '');

/** Writes the files; returns their names. */
export function writeLocaleFiles() {
    const manifest = JSON.parse(readFileSync(join(rulesDir, 'manifest.json'), 'utf8'));
    mkdirSync(localesDir, { recursive: true });
    // A locale dropped from the rule set, or made its default, must not leave its old file behind.
    for (const name of readdirSync(localesDir)) rmSync(join(localesDir, name));
    const written = [];
    for (const [locale, path] of Object.entries(manifest.locales)) {
        if (locale === manifest.default_locale) continue;
        const name = `${locale}.json`;
        writeFileSync(join(localesDir, name), withoutLineBreaks(readFileSync(join(rulesDir, path), 'utf8')));
        written.push(name);
    }
    return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    console.log(`locale files: ${writeLocaleFiles().join(', ') || 'none'}`);
}
