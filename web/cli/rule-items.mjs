// The rule items of a rule set, read from its files (the map readRulesDir returns), named as the engine names them
// in a result's `fired` list: triage.<id>, pain_type.<id>, roots.<id>, mechanisms.<mechanism>.<id>, advice.<id>,
// safety_net.<id>, facts.<id>. Backs the coverage check and the counts `rootcheck lint` prints. Call it only on a
// set the engine has accepted: the shapes are then known to be right.

function part(files, manifest, name) {
    const path = manifest.files[name];
    return JSON.parse(files[path]);
}

const ids = (items, prefix) => (items ?? []).map((item) => `${prefix}.${item.id}`);

// {name, version, questions: [question ids], items: [qualified item ids], parts: {part: count}}
export function ruleItems(files) {
    const manifest = JSON.parse(files['manifest.json']);
    const questionnaire = part(files, manifest, 'questionnaire');
    const facts = part(files, manifest, 'facts');
    const painType = part(files, manifest, 'pain_type');
    const roots = part(files, manifest, 'roots');
    const mechanisms = part(files, manifest, 'mechanisms');
    const triage = part(files, manifest, 'triage');
    const advice = part(files, manifest, 'advice');
    const groups = {
        facts: ids(facts.facts, 'facts'),
        pain_type: ids(painType.evidence, 'pain_type'),
        roots: [...ids(roots.region_evidence, 'roots'), ...ids(roots.evidence, 'roots')],
        mechanisms: (mechanisms.mechanisms ?? []).flatMap((mechanism) =>
            ids(mechanism.evidence, `mechanisms.${mechanism.id}`)),
        triage: ids(triage.rules, 'triage'),
        advice: ids(advice.advice, 'advice'),
        safety_net: ids(advice.safety_net, 'safety_net'),
    };
    const parts = Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, list.length]));
    return {
        name: manifest.name,
        version: manifest.version,
        questions: questionnaire.questions.map((question) => question.id),
        items: Object.values(groups).flat(),
        parts,
    };
}
