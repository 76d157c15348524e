// `npm start`: from a fresh clone to the widget in a browser. Installs what is missing (Debian packages through
// setup.sh, node_modules through `npm ci`), builds the WebAssembly engine (incrementally; the page needs nothing
// else), then serves web/ under the strict Content Security Policy on http://127.0.0.1:8080/ (PORT overrides it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, repo } from './build.mjs';
import { startServer } from './serve.mjs';

function step(command, args) {
    const child = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
    if (child.status !== 0) {
        console.error(`npm start: \`${command} ${args.join(' ')}\` failed`);
        process.exit(1);
    }
}

// node_modules is (re)installed when it is missing or lacks a package package.json asks for (an older checkout).
function nodeModulesComplete() {
    const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    return Object.keys({ ...dependencies, ...devDependencies })
        .every((name) => existsSync(join(repo, 'node_modules', name, 'package.json')));
}

step('bash', [join(repo, 'web/tools/setup.sh')]);
if (!nodeModulesComplete()) step('npm', ['ci']);
try {
    build(['wasm-release']);
} catch (error) {
    console.error(`npm start: build failed: ${error.message}`);
    process.exit(1);
}

const server = await startServer({ port: Number(process.env.PORT ?? 8080) });
console.log(`\nRootCheck is running at ${server.url}  (Ctrl+C to stop)`);
