// `rootcheck logic`: evaluates JsonLogic rules given as JSON Lines on stdin, {"rule": ..., "data": ...} per line
// ("data" optional, null when absent), and writes one line per input line: {"result": ...} or {"error": {"type"}},
// or the engine's {"error": {"code", "message", "path"}} for a rule or data it cannot take (nested over 64 levels:
// too_deep at "/rule" or "/data"). Lines are handled as they arrive, so inputs of any length stream through. A line
// that is not JSON gives {"error": {"type": "Invalid JSON"}}, one that is JSON but not an object with "rule"
// {"error": {"type": "Invalid Request"}}, and the stream goes on; blank lines are skipped. Always exits 0: errors
// are data.
import { openEngine } from './open-engine.mjs';
import { inputLines } from './read-input.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck logic';
export const summary = 'evaluate JsonLogic: JSON Lines {"rule", "data"} on stdin -> {"result"} | {"error"}';

function evaluateLine(engine, line, lineNumber) {
    let request;
    try {
        request = JSON.parse(line);
    } catch (error) {
        return { error: { type: 'Invalid JSON', message: `line ${lineNumber}: ${error.message}` } };
    }
    if (request === null || typeof request !== 'object' || Array.isArray(request) || !('rule' in request)) {
        const message = `line ${lineNumber}: expected an object {"rule", "data"}`;
        return { error: { type: 'Invalid Request', message } };
    }
    return engine.logic(request.rule, request.data ?? null);
}

export async function main(args, { stdin, stdout }) {
    if (args.length !== 0) throw new CliError(`usage: ${usage}`);
    const engine = await openEngine();
    let lineNumber = 0;
    for await (const line of inputLines(stdin)) {
        lineNumber += 1;
        if (line.trim() === '') continue;
        const output = JSON.stringify(evaluateLine(engine, line, lineNumber)) + '\n';
        if (!stdout.write(output)) await new Promise((resume) => stdout.once('drain', resume));
    }
    return 0;
}
