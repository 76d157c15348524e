// The plain-text summary a person can copy and paste for a clinician: the same content as the results screen, in
// words, followed by the answers and the rule-set version that produced it.
import { answeredQuestions } from './answer-format.js';

// "Match 0.80": a root's or mechanism's score (0..1, from the engine) for clinicians.
export function scoreText(t, score) {
    return `${t('results_score')} ${Number(score).toFixed(2)}`;
}

// "Made with RootCheck rules 1.0.0 on <date>. Not a diagnosis."
export function generatedText(t, result, date = new Date()) {
    const when = date.toLocaleString(result.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return t('summary_generated', { version: result.rules.version, date: when });
}

const bullet = (items) => items.map((item) => `- ${item}`);

// "Question? answer" or "Question: answer" when the question text does not end in a question mark.
function answerLine(question, text) {
    return question.text.trimEnd().endsWith('?') ? `${question.text} ${text}` : `${question.text.replace(/[.:]\s*$/, '')}: ${text}`;
}

// summaryText({result, questionnaire, answers, t, date}) -> text (lines joined with \n), in the order of the
// results screen.
export function summaryText({ result, questionnaire, answers, t, date = new Date() }) {
    const clinician = result.mode === 'clinician';
    const lines = [t('summary_title'), ''];
    lines.push(`${t('results_level')}: ${result.triage.title}`, result.triage.text);
    if (result.triage.reasons.length > 0) {
        lines.push('', `${t('results_reasons')}:`, ...bullet(result.triage.reasons.map((r) => r.text)));
    }
    if (result.advice.length > 0) lines.push('', `${t('results_advice')}:`, ...bullet(result.advice.map((a) => a.text)));
    lines.push('', `${t('results_safety_net')}:`, ...bullet(result.safety_net.map((s) => s.text)));
    lines.push('', `${t('results_pain_type')}: ${result.pain_type.text}`);
    if (clinician) lines.push(...bullet(result.pain_type.evidence.map((e) => e.text)));
    lines.push('', `${t('results_root')}:`);
    if (result.roots.length === 0) lines.push(t('results_none'));
    for (const root of result.roots) {
        lines.push(clinician ? `- ${root.label} (${scoreText(t, root.score)})` : `- ${root.label}`);
        if (clinician) lines.push(...root.evidence.map((e) => `  - ${e.text}`));
    }
    lines.push('', `${t('results_mechanism')}:`);
    if (result.mechanisms.length === 0) lines.push(t('results_none'));
    for (const mechanism of result.mechanisms) {
        const notSpinal = mechanism.spinal === false ? ` (${t('results_not_spinal')})` : '';
        lines.push(clinician ? `- ${mechanism.text}${notSpinal} (${scoreText(t, mechanism.score)})` : `- ${mechanism.text}${notSpinal}`);
        if (clinician) lines.push(...mechanism.evidence.map((e) => `  - ${e.text}`));
    }
    const answered = answeredQuestions(questionnaire, answers, t);
    if (answered.length > 0) {
        lines.push('', `${t('results_answers')}:`, ...bullet(answered.map(({ question, text }) => answerLine(question, text))));
    }
    lines.push('', generatedText(t, result, date), `${result.rules.name} · sha256 ${result.rules.sha256} · engine ${result.engine}`);
    return lines.join('\n');
}
