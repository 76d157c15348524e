// `rootcheck lint [DIR]`: checks a rule-set folder (default: the package's rules/). The engine does all the checking
// in two stages: loadRules() reports everything that makes the set unloadable (shapes, references, missing texts),
// lint() what is wrong with a set that loads (conditions reading unknown or not-yet-known data, items without a
// source, questions that can never be shown, unused texts). lint() needs a loaded set, so when loading fails only the
// load problems can be listed, and the output says the lint stage did not run. Every problem is printed as
// `path: message` and the command exits 1; a clean set prints one OK line with its counts and exits 0.
import { openEngine, readRules, defaultRulesDir, problemLines } from './open-engine.mjs';
import { ruleItems } from './rule-items.mjs';
import { CliError } from './cli-error.mjs';

export const usage = 'rootcheck lint [DIR]';
export const summary = 'check a rule-set folder (default: the package rules/)';

function report(stdout, dir, problems, note = '') {
    for (const line of problemLines(problems)) stdout.write(line + '\n');
    stdout.write(`${dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}${note}\n`);
    return 1;
}

export async function main(args, { stdout }) {
    if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) throw new CliError(`usage: ${usage}`);
    const dir = args[0] ?? defaultRulesDir;
    const files = readRules(dir);
    const engine = await openEngine();
    const loaded = engine.loadRules(files);
    if (loaded.error) {
        const problems = loaded.error.problems ?? [{ path: '', message: loaded.error.message }];
        return report(stdout, dir, problems, ' (the set does not load, so the lint checks did not run yet)');
    }
    const { problems } = engine.lint();
    if (problems.length) return report(stdout, dir, problems);
    const set = ruleItems(files);
    const parts = Object.entries(set.parts).map(([name, count]) => `${count} ${name}`).join(', ');
    stdout.write(`OK ${set.name} ${set.version}: ${set.questions.length} questions, ${set.items.length} rules ` +
        `(${parts}), no problems\n`);
    return 0;
}
