// The package's TypeScript types as an embedder meets them: tsc (TypeScript 7, the devDependency) checks
// tests/types/embedder.ts, which imports `rootcheck`, `rootcheck/define` and `rootcheck/element` by name (the package
// refers to itself, so package.json's exports and their `types` are what resolves) and uses the API, the element's
// properties and methods and every rootcheck-* event's detail: no error allowed. tests/types/misspelled-event.ts
// misspells an event name and reads its detail: tsc must refuse exactly that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

function typeCheck(project) {
    const child = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tests', 'types', project)], {
        cwd: repo, encoding: 'utf8',
    });
    if (child.error) throw child.error;
    return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

test('a consumer of the API, the element and its events type-checks', () => {
    const { status, output } = typeCheck('tsconfig.json');
    assert.equal(output.trim(), '');
    assert.equal(status, 0);
});

test('a misspelled event name fails where its detail is read', () => {
    const { status, output } = typeCheck('tsconfig.misspelled.json');
    assert.notEqual(status, 0);
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.deepEqual(errors, [
        "tests/types/misspelled-event.ts(6,23): error TS2339: Property 'detail' does not exist on type 'Event'.",
    ]);
});
