// The CLI reading standard input from a pipe whose writer is slower than the reader, as in
// `slow-producer | rootcheck assess -`: the writer is a second process (slow-writer.mjs) whose standard output is the
// CLI's standard input, so the CLI finds the pipe empty many times before the end. The whole input must be read
// (a synchronous read of a pipe that is empty for the moment fails with EAGAIN instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, cliPath, runCli, tempDir } from './support.mjs';

const writerPath = join(repo, 'tests/node/slow-writer.mjs');
const fullAnswersPath = join(repo, 'tests/bench/full-answers.json');

const exited = (child) => new Promise((resolve) => child.on('close', (status) => resolve(status)));

// Runs `slow-writer FILE chunkBytes delayMs | rootcheck ...args`: {status, stdout, stderr, writerStatus}.
async function runPiped(args, file, { chunkBytes, delayMs }) {
    const writer = spawn(process.execPath, [writerPath, file, String(chunkBytes), String(delayMs)],
        { stdio: ['ignore', 'pipe', 'inherit'] });
    const cli = spawn(process.execPath, [cliPath, ...args], { cwd: repo, stdio: [writer.stdout, 'pipe', 'pipe'] });
    writer.stdout.destroy(); // the CLI holds the read end now; this process must not read from it
    let stdout = '';
    let stderr = '';
    cli.stdout.setEncoding('utf8').on('data', (text) => { stdout += text; });
    cli.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
    const [status, writerStatus] = await Promise.all([exited(cli), exited(writer)]);
    return { status, stdout, stderr, writerStatus };
}

test('assess - reads a 2.6 MB document from a slow pipe to its end: the engine\'s too_large on stdout, exit 2',
    async (t) => {
        const file = join(tempDir(t), 'big.json');
        const text = JSON.stringify({ answers: {}, locale: 'x'.repeat(2_600_000) });
        writeFileSync(file, text);
        const run = await runPiped(['assess', '-'], file, { chunkBytes: 64 * 1024, delayMs: 10 });
        assert.equal(run.stderr, '');
        assert.equal(run.status, 2);
        assert.equal(run.writerStatus, 0, 'the CLI read until the writer had written everything');
        assert.deepEqual(JSON.parse(run.stdout), { error: { code: 'too_large', path: '',
            message: `document is ${Buffer.byteLength(text)} bytes; the limit is 65536` } });
    });

test('assess - reads a normal document arriving 100 bytes at a time: same result as from the file, exit 0',
    async () => {
        const run = await runPiped(['assess', '-'], fullAnswersPath, { chunkBytes: 100, delayMs: 5 });
        assert.equal(run.stderr, '');
        assert.equal(run.status, 0);
        assert.equal(run.writerStatus, 0);
        assert.equal(run.stdout, runCli(['assess', fullAnswersPath]).stdout);
    });

test('logic reads lines that arrive in pieces across line boundaries: one answer per line, as from a fast pipe',
    async (t) => {
        const input = [
            '{"rule": {"+": [1, 2]}}',
            '{"rule": {"var": "a.b"}, "data": {"a": {"b": "yes"}}}',
            'not json',
            '',
            '{"rule": {"cat": ["left", " ", "leg"]}}',
        ].join('\n') + '\n';
        const file = join(tempDir(t), 'lines.jsonl');
        writeFileSync(file, input);
        const run = await runPiped(['logic'], file, { chunkBytes: 7, delayMs: 3 });
        assert.equal(run.stderr, '');
        assert.equal(run.status, 0);
        assert.equal(run.writerStatus, 0);
        assert.equal(run.stdout, runCli(['logic'], { input }).stdout);
        const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
        assert.deepEqual([lines[0], lines[1], lines[3]], [{ result: 3 }, { result: 'yes' }, { result: 'left leg' }]);
        assert.equal(lines[2].error.type, 'Invalid JSON');
        assert.equal(lines.length, 4);
    });
