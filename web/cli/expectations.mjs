// Compares one result document with a vignette's expectations (CONTRACTS section 5) and says what differed.
// Levels are ordered by the rule set (questionnaire().levels, most severe first), so "under-triage" means the engine
// chose a level later in that list than the vignette expects: the one failure that can send a patient home unsafely.

// {actual, differences: [text], underTriage: bool}
export function compareWithExpectations(expect, result, levelOrder) {
    if (result.error) {
        const { code, path, message } = result.error;
        return { actual: 'error', differences: [`engine error ${code} at "${path}": ${message}`], underTriage: false };
    }
    const differences = [];
    const actual = result.triage.level;
    if (actual !== expect.level) differences.push(`level: expected ${expect.level}, got ${actual}`);
    if ('escalate' in expect && result.escalate !== expect.escalate) {
        differences.push(`escalate: expected ${expect.escalate}, got ${result.escalate}`);
    }
    if ('red_flags' in expect) {
        const missing = expect.red_flags.filter((id) => !result.red_flags.includes(id));
        if (missing.length) differences.push(`red_flags: missing ${missing.join(', ')} (got [${result.red_flags}])`);
    }
    if ('pain_type' in expect && result.pain_type.classification !== expect.pain_type) {
        differences.push(`pain_type: expected ${expect.pain_type}, got ${result.pain_type.classification}`);
    }
    const topRoot = result.roots[0];
    if ('root' in expect && topRoot?.root !== expect.root) {
        differences.push(`root: expected ${expect.root}, got ${topRoot?.root ?? 'none'}`);
    }
    if ('side' in expect && topRoot?.side !== expect.side) {
        differences.push(`side: expected ${expect.side}, got ${topRoot?.side ?? 'none'}`);
    }
    if ('mechanism' in expect) {
        const got = result.mechanisms[0]?.id ?? 'none';
        if (got !== expect.mechanism) differences.push(`mechanism: expected ${expect.mechanism}, got ${got}`);
    }
    const underTriage = levelOrder.indexOf(actual) > levelOrder.indexOf(expect.level);
    return { actual, differences, underTriage };
}
