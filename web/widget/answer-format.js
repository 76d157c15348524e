// Answers as words: the option labels, region labels and units of the rule set's questionnaire, for the results
// screen and the copied summary.

// formatAnswer(question, value, questionnaire, t) -> text ([] reads as "None of these")
export function formatAnswer(question, value, questionnaire, t) {
    if (Array.isArray(value) && value.length === 0) return t('none_of_these');
    if (Array.isArray(value)) {
        const labels = question.type === 'regions'
            ? new Map(questionnaire.regions.map((region) => [region.id, region.label]))
            : new Map((question.options || []).map((option) => [option.value, option.label]));
        return value.map((item) => labels.get(item) || item).join(', ');
    }
    if (typeof value === 'number') return question.unit ? `${value} ${question.unit}` : String(value);
    const option = (question.options || []).find((o) => o.value === value);
    return option ? option.label : String(value);
}

// answeredQuestions(questionnaire, answers, t) -> [{question, text}] in questionnaire order, answered ones only
export function answeredQuestions(questionnaire, answers, t) {
    return questionnaire.questions
        .filter((question) => answers[question.id] !== undefined)
        .map((question) => ({ question, text: formatAnswer(question, answers[question.id], questionnaire, t) }));
}
