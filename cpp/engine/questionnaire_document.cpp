#include "questionnaire_document.h"

#include "json/writer.h"
#include "text_keys.h"
#include "texts.h"

namespace rootcheck {

namespace {

bool shown_in(const RuleSet& rules, const Question& q, const std::string& mode) {
    return rules.sections[q.section_index].mode.allows(mode) && q.mode.allows(mode);
}

// Every object below writes its keys in sorted order (json/writer.h), so the text equals the sorted dump() of the
// same document, like every other engine output.
void write_question(JsonWriter& out, const Question& q, const Texts& texts) {
    const bool has_options = q.type == QuestionType::choice || q.type == QuestionType::multi;
    const bool has_range = q.type == QuestionType::integer || q.type == QuestionType::number;
    out.begin_object().key("help").string(texts.get("question." + q.id + ".help")).key("id").string(q.id);
    if (has_range) {
        if (q.type == QuestionType::integer) {  // whole numbers print without ".0"
            out.key("max").integer(static_cast<long long>(q.max)).key("min").integer(static_cast<long long>(q.min));
        } else {
            out.key("max").number(q.max).key("min").number(q.min);
        }
    }
    if (has_options) {
        out.key("options").begin_array();
        for (const std::string& value : q.options) {
            out.begin_object().key("label").string(texts.option(q, value)).key("value").string(value).end_object();
        }
        out.end_array();
    }
    out.key("screen").string(q.screen).key("section").string(q.section);
    out.key("text").string(texts.get("question." + q.id + ".text")).key("type").string(to_string(q.type));
    if (has_range && q.unit) out.key("unit").string(texts.get("question." + q.id + ".unit"));
    out.key("unsure").boolean(q.offers_unsure);
    // The condition as written, so that other renderers (the FHIR Questionnaire's enableWhen) ask what next() asks.
    if (q.visible.present) out.key("visible").value(q.visible_json);
    out.end_object();
}

}  // namespace

std::string questionnaire_document(const RuleSet& rules, const std::string& locale, const std::string& mode) {
    const Texts texts(rules, locale, mode);
    JsonWriter out(32 * 1024);
    out.begin_object().key("default_locale").string(rules.default_locale);

    out.key("emergency_numbers").begin_object().key("common").begin_array();
    for (const std::string& number : rules.emergency_numbers.common) out.string(number);
    out.end_array().key("countries").begin_object();
    for (const auto& [country, number] : rules.emergency_numbers.by_country) out.key(country).string(number);
    out.end_object().end_object();

    out.key("levels").begin_array();
    for (const Level& level : rules.triage.levels) {
        out.begin_object().key("escalate").boolean(level.escalate).key("id").string(level.id);
        out.key("text").string(texts.get("level." + level.id + ".text"));
        out.key("title").string(texts.get("level." + level.id + ".title")).end_object();
    }
    out.end_array();

    out.key("locale").string(locale).key("mode").string(mode);

    out.key("questions").begin_array();
    for (const Question& q : rules.questions) {
        if (shown_in(rules, q, mode)) write_question(out, q, texts);
    }
    out.end_array();

    out.key("regions").begin_array();
    for (const Region& region : rules.regions) {
        out.begin_object().key("dermatomes").value(region.dermatomes_json).key("id").string(region.id);
        out.key("label").string(texts.get("region." + region.id)).key("side").string(region.side);
        out.key("view").string(region.view).end_object();
    }
    out.end_array();

    out.key("roots").begin_array();  // the roots a result may report: the ranked ones
    for (std::size_t i = 0; i < rules.roots.ranked; ++i) {
        const std::string& root = rules.roots.roots[i];
        out.begin_object().key("id").string(root).key("label").string(texts.get("root." + root)).end_object();
    }
    out.end_array();

    out.key("sections").begin_array();
    for (std::size_t s = 0; s < rules.sections.size(); ++s) {
        const Section& section = rules.sections[s];
        if (!section.mode.allows(mode)) continue;
        out.begin_object().key("id").string(section.id).key("questions").begin_array();
        for (const Question& q : rules.questions) {
            if (q.section_index == s && shown_in(rules, q, mode)) out.string(q.id);
        }
        out.end_array().key("title").string(texts.get("section." + section.id + ".title")).end_object();
    }
    out.end_array();

    // The interface texts, without their "ui." prefix: texts.all() is sorted by key, and cutting a prefix every key
    // shares keeps that order.
    out.key("ui").begin_object();
    const std::string prefix = kUiPrefix;
    const std::string suffix = kClinicianSuffix;
    for (const auto& [key, text] : texts.all()) {
        if (key.rfind(prefix, 0) != 0) continue;
        if (key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
            continue;  // a variant, picked by texts.get() for its base key
        }
        out.key(std::string_view(key).substr(prefix.size())).string(texts.get(key));
    }
    out.end_object();
    return out.end_object().take();
}

}  // namespace rootcheck
