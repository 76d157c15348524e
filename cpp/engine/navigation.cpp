#include "navigation.h"

#include "json/writer.h"

namespace rootcheck {

std::string navigation_document(const RuleSet& rules, const Evaluation& evaluation) {
    const Question* next = nullptr;
    std::size_t total = 0;
    for (std::size_t i = 0; i < rules.questions.size(); ++i) {
        if (!evaluation.visible[i]) continue;
        const Question& q = rules.questions[i];
        ++total;
        if (next == nullptr && !evaluation.data.contains(q.id)) next = &q;
    }
    const double fraction = total == 0 ? 1.0 : round_score(static_cast<double>(evaluation.answered) / total);
    const Level& level = rules.triage.levels[evaluation.level];

    // Keys in sorted order (json/writer.h).
    JsonWriter out(2048);
    out.begin_object().key("complete").boolean(next == nullptr).key("escalate").boolean(level.escalate);
    out.key("level").string(level.id).key("next");
    if (next == nullptr) {
        out.value(nullptr);
    } else {
        out.string(next->id);
    }
    out.key("progress").begin_object().key("answered").integer(static_cast<long long>(evaluation.answered));
    out.key("fraction").number(fraction).key("total").integer(static_cast<long long>(total)).end_object();
    out.key("screen");
    if (next == nullptr) {
        out.value(nullptr);
    } else {
        out.string(next->screen);
    }
    out.key("visible").begin_array();
    for (std::size_t i = 0; i < rules.questions.size(); ++i) {
        if (evaluation.visible[i]) out.string(rules.questions[i].id);
    }
    out.end_array();
    return out.end_object().take();
}

}  // namespace rootcheck
