#include "navigation.h"

namespace rootcheck {

json navigation_document(const RuleSet& rules, const Evaluation& evaluation) {
    json visible = json::array();
    json next = nullptr;
    json screen = nullptr;
    std::size_t total = 0;
    for (std::size_t i = 0; i < rules.questions.size(); ++i) {
        if (!evaluation.visible[i]) continue;
        const Question& q = rules.questions[i];
        visible.push_back(q.id);
        ++total;
        if (next.is_null() && !evaluation.data.contains(q.id)) {
            next = q.id;
            screen = q.screen;
        }
    }
    const double fraction = total == 0 ? 1.0 : round_score(static_cast<double>(evaluation.answered) / total);
    const Level& level = rules.triage.levels[evaluation.level];
    return json{{"visible", std::move(visible)},
                {"next", next},
                {"screen", screen},
                {"progress", {{"answered", evaluation.answered}, {"total", total}, {"fraction", fraction}}},
                {"escalate", level.escalate},
                {"level", level.id},
                {"complete", next.is_null()}};
}

}  // namespace rootcheck
