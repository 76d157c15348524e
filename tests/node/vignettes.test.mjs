// The clinical vignettes (tests/vignettes) against the real rule set, with rule coverage and red-flag knockout:
// `rootcheck vignettes tests/vignettes --coverage --knockout` must exit 0, and the calibration must meet the aims of
// ../shared/clinical/REFERENCE.md ("Triage accuracy of symptom checkers"): no under- or over-triage, the ideal level
// in at least 90% of vignettes, self-care for at least 9 in 10 self-care cases. Its tables go to the test output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repo, runCli } from './support.mjs';

test('rootcheck vignettes tests/vignettes --coverage --knockout', () => {
    const run = runCli(['vignettes', join(repo, 'tests/vignettes'), '--coverage', '--knockout']);
    console.log(run.stdout + run.stderr);
    const findings = run.stdout.split('\n').filter((line) => /FAIL|UNDER-TRIAGE|never fired|NOT TESTED/.test(line));
    assert.equal(run.status, 0, `exit ${run.status}; ${run.stderr}\n${findings.join('\n')}`);
    assert.match(run.stdout, /^\d+ passed, 0 failed$/m);
    assert.match(run.stdout, /^under-triage: 0$/m);
    assert.match(run.stdout, /^over-triage: 0 of \d+ /m);
    assert.match(run.stdout, /^coverage: (\d+) of \1 rule items fired/m);
    const rate = (label) => Number(run.stdout.match(new RegExp(`^${label}: \\d+ of \\d+ \\(([\\d.]+)%\\)$`, 'm'))[1]);
    assert.ok(rate('ideal level') >= 90, `ideal level ${rate('ideal level')}% < 90%`);
    assert.ok(rate('self-care cases given self-care') >= 90,
        `self-care cases given self-care ${rate('self-care cases given self-care')}% < 90%`);
});
