// Builds RootCheck with the CMake presets (CMakePresets.json) into build/<preset>/: configures a preset only when its
// build folder is new (or the JsonLogic suites folder given in the environment changed), then lets Ninja rebuild
// what changed, so a second build with no change takes seconds. The wasm-release build copies the engine to
// web/dist/; its JavaScript glue is then minified there (once per copy), and the widget is bundled into
// web/dist/root-check.js and root-check-later.js with esbuild and minified (web/tools/bundle.mjs), and
// the locales a page loads on demand are written to web/dist/locales/ (web/tools/locale-files.mjs) and the FHIR
// Questionnaires to web/dist/fhir/ (web/tools/fhir-files.mjs).
//
//   npm run build                     wasm-release and native-debug
//   node web/tools/build.mjs PRESET…  the presets named
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifiedPreamble, minifyModule } from './minify.mjs';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const defaultPresets = ['wasm-release', 'native-debug'];
export const buildDir = (preset) => join(repo, 'build', preset);
const gluePath = join(repo, 'web', 'dist', 'rootcheck-engine.js');
const glueHeader = "RootCheck engine: Emscripten's JavaScript glue, minified by `npm run build`; built from cpp/.";

class BuildError extends Error {}

function run(command, args) {
    const child = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
    if (child.error) throw new BuildError(`${command}: ${child.error.message}`);
    if (child.status !== 0) throw new BuildError(`${command} ${args.join(' ')} exited with ${child.status}`);
}

function cachedValue(preset, name) {
    const cache = join(buildDir(preset), 'CMakeCache.txt');
    if (!existsSync(cache)) return undefined;
    const line = readFileSync(cache, 'utf8').split('\n').find((entry) => entry.startsWith(`${name}:`));
    return line?.slice(line.indexOf('=') + 1);
}

function needsConfigure(preset) {
    if (!existsSync(join(buildDir(preset), 'build.ninja'))) return true;
    const suites = process.env.ROOTCHECK_JSONLOGIC_SUITES;
    return suites !== undefined && cachedValue(preset, 'ROOTCHECK_JSONLOGIC_SUITES') !== suites;
}

// Configures (when needed) and builds each preset in turn; throws a BuildError naming the step that failed.
export function build(presets = defaultPresets) {
    for (const preset of presets) {
        const started = performance.now();
        if (needsConfigure(preset)) {
            const suites = process.env.ROOTCHECK_JSONLOGIC_SUITES;
            run('cmake', ['--preset', preset, ...(suites === undefined ? [] : [`-DROOTCHECK_JSONLOGIC_SUITES=${suites}`])]);
        }
        run('cmake', ['--build', '--preset', preset]);
        if (preset === 'wasm-release') {
            try {
                // CMake copies the glue only when the engine was relinked; a minified copy starts with its preamble.
                // The engine's start-up runs nearly all of the glue: it gets the compile hint (minify.mjs).
                const glueOptions = { calledOnLoad: true };
                if (!readFileSync(gluePath, 'utf8').startsWith(minifiedPreamble(glueHeader, glueOptions))) {
                    minifyModule(gluePath, glueHeader, glueOptions);
                }
            } catch (error) {
                throw new BuildError(`minifying the engine's glue: ${error.message}`);
            }
            run(process.execPath, [join(repo, 'web', 'tools', 'bundle.mjs')]);
            run(process.execPath, [join(repo, 'web', 'tools', 'locale-files.mjs')]);
            run(process.execPath, [join(repo, 'web', 'tools', 'fhir-files.mjs')]);
        }
        console.log(`build ${preset}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const presets = process.argv.slice(2);
    try {
        build(presets.length > 0 ? presets : defaultPresets);
    } catch (error) {
        if (!(error instanceof BuildError)) throw error;
        console.error(`build failed: ${error.message}`);
        process.exitCode = 1;
    }
}
