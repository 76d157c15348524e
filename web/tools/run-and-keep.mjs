// Runs a command from the repository root with its output passed through as it comes and kept, for the tools that
// read a runner's own summary afterwards (test.mjs, fuzz.mjs).
//   runAndKeep(command, args, env = {}) -> Promise<{status, output}>; status -1 when the command could not start.
import { spawn } from 'node:child_process';
import { repo } from './build.mjs';

export function runAndKeep(command, args, env = {}) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env } });
        let output = '';
        const keep = (stream) => (chunk) => {
            output += chunk;
            stream.write(chunk);
        };
        child.stdout.on('data', keep(process.stdout));
        child.stderr.on('data', keep(process.stderr));
        child.on('error', (error) => {
            output += `\n${error.message}\n`;
            resolve({ status: -1, output });
        });
        child.on('close', (status) => resolve({ status, output }));
    });
}
