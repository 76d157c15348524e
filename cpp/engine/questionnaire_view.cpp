#include "questionnaire_view.h"

#include "text_keys.h"
#include "texts.h"

namespace rootcheck {

namespace {

bool shown_in(const RuleSet& rules, const Question& q, const std::string& mode) {
    return rules.sections[q.section_index].mode.allows(mode) && q.mode.allows(mode);
}

json question_entry(const Question& q, const Texts& texts) {
    json entry = {{"id", q.id},
                  {"section", q.section},
                  {"screen", q.screen},
                  {"type", to_string(q.type)},
                  {"text", texts.get("question." + q.id + ".text")},
                  {"help", texts.get("question." + q.id + ".help")},
                  {"unsure", q.offers_unsure}};
    if (q.type == QuestionType::choice || q.type == QuestionType::multi) {
        json options = json::array();
        for (const std::string& value : q.options) {
            options.push_back({{"value", value}, {"label", texts.option(q, value)}});
        }
        entry["options"] = std::move(options);
    }
    if (q.type == QuestionType::integer || q.type == QuestionType::number) {
        if (q.type == QuestionType::integer) {  // whole numbers print without ".0"
            entry["min"] = static_cast<long long>(q.min);
            entry["max"] = static_cast<long long>(q.max);
        } else {
            entry["min"] = q.min;
            entry["max"] = q.max;
        }
        if (q.unit) entry["unit"] = texts.get("question." + q.id + ".unit");
    }
    return entry;
}

}  // namespace

json questionnaire_document(const RuleSet& rules, const std::string& locale, const std::string& mode) {
    const Texts texts(rules, locale, mode);
    json sections = json::array();
    for (std::size_t s = 0; s < rules.sections.size(); ++s) {
        const Section& section = rules.sections[s];
        if (!section.mode.allows(mode)) continue;
        json ids = json::array();
        for (const Question& q : rules.questions) {
            if (q.section_index == s && shown_in(rules, q, mode)) ids.push_back(q.id);
        }
        sections.push_back({{"id", section.id},
                            {"title", texts.get("section." + section.id + ".title")},
                            {"questions", std::move(ids)}});
    }
    json questions = json::array();
    for (const Question& q : rules.questions) {
        if (shown_in(rules, q, mode)) questions.push_back(question_entry(q, texts));
    }
    json regions = json::array();
    for (const Region& region : rules.regions) {
        regions.push_back({{"id", region.id},
                           {"label", texts.get("region." + region.id)},
                           {"side", region.side},
                           {"view", region.view},
                           {"dermatomes", region.dermatomes_json}});
    }
    json roots = json::array();  // the roots a result may report: the ranked ones
    for (std::size_t i = 0; i < rules.roots.ranked; ++i) {
        const std::string& root = rules.roots.roots[i];
        roots.push_back({{"id", root}, {"label", texts.get("root." + root)}});
    }
    json levels = json::array();
    for (const Level& level : rules.triage.levels) {
        levels.push_back({{"id", level.id},
                          {"title", texts.get("level." + level.id + ".title")},
                          {"text", texts.get("level." + level.id + ".text")},
                          {"escalate", level.escalate}});
    }
    json ui = json::object();
    const std::string prefix = kUiPrefix;
    const std::string suffix = kClinicianSuffix;
    for (const auto& [key, text] : texts.all()) {
        if (key.rfind(prefix, 0) != 0) continue;
        if (key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
            continue;  // a variant, picked by texts.get() for its base key
        }
        ui[key.substr(prefix.size())] = texts.get(key);
    }
    return json{{"locale", locale},
                {"mode", mode},
                {"default_locale", rules.default_locale},
                {"sections", std::move(sections)},
                {"questions", std::move(questions)},
                {"regions", std::move(regions)},
                {"roots", std::move(roots)},
                {"levels", std::move(levels)},
                {"ui", std::move(ui)}};
}

}  // namespace rootcheck
