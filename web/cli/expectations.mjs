// Compares one result document with a vignette's expectations (tests/vignettes/README.md) and says what differed.
// Levels are ordered by the rule set (questionnaire().levels, most severe first). A vignette carries the band of
// levels a careful clinician accepts, level_min (least severe) to level_max (most severe), and the ideal level within
// it. The level passes anywhere in the band; below level_min is under-triage (the failure that can send a patient
// home unsafely), above level_max over-triage (same-day care or an emergency department without reason). Whether the
// ideal was met is reported, not failed on: the run reports the rate.

// {actual, differences: [text], underTriage: bool, overTriage: bool, ideal: bool}
export function compareWithExpectations(expect, result, levelOrder) {
    if (result.error) {
        const { code, path, message } = result.error;
        return { actual: 'error', differences: [`engine error ${code} at "${path}": ${message}`], underTriage: false,
            overTriage: false, ideal: false };
    }
    const differences = [];
    const actual = result.triage.level;
    const severity = (level) => levelOrder.indexOf(level); // 0 = most severe
    const underTriage = severity(actual) > severity(expect.level_min);
    const overTriage = severity(actual) < severity(expect.level_max);
    if (underTriage) differences.push(`level: ${actual} is below level_min ${expect.level_min}`);
    if (overTriage) differences.push(`level: ${actual} is above level_max ${expect.level_max}`);
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
    return { actual, differences, underTriage, overTriage, ideal: actual === expect.level };
}
