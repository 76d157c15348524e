#include "text_keys.h"

#include "json/writer.h"

namespace rootcheck {

namespace {

// The sides a root entry can name (rules/README.md, roots.json): each needs a `side.<id>` text.
const char* const kRootSides[] = {"left", "right", "both"};

std::string at(const RuleSet& rules, const char* part, const std::string& pointer) {
    const auto file = rules.part_files.find(part);
    return (file == rules.part_files.end() ? std::string(part) : file->second) + pointer;
}

// The texts of `items`, each under `prefix` + its id + `suffix`.
template <typename Items>
std::vector<ResolvedText> texts_of(const ResolvedTexts& texts, const Items& items, const std::string& prefix,
                                   const char* suffix = "") {
    std::vector<ResolvedText> found;
    found.reserve(items.size());
    for (const auto& item : items) found.push_back(resolved_text(texts, prefix + item.id + suffix));
    return found;
}

}  // namespace

const ResolvedText& resolved_text(const ResolvedTexts& texts, std::string_view key) {
    static const std::string kEmpty;
    static const ResolvedText kMissing{&kEmpty, true};
    const auto found = texts.find(key);
    return found == texts.end() ? kMissing : found->second;
}

ItemTexts resolve_item_texts(const RuleSet& rules, const ResolvedTexts& texts) {
    ItemTexts items;
    items.advice = texts_of(texts, rules.advice, "advice.");
    items.safety_net = texts_of(texts, rules.safety_net, "safety_net.");
    items.triage = texts_of(texts, rules.triage.rules, "triage.");
    items.level_titles = texts_of(texts, rules.triage.levels, "level.", ".title");
    items.level_texts = texts_of(texts, rules.triage.levels, "level.", ".text");
    items.pain_evidence = texts_of(texts, rules.pain_type.evidence, "pain_type.evidence.");
    items.region_evidence = texts_of(texts, rules.roots.region_evidence, "roots.evidence.");
    items.root_evidence = texts_of(texts, rules.roots.evidence, "roots.evidence.");
    items.regions = texts_of(texts, rules.regions, "region.");
    items.mechanisms = texts_of(texts, rules.mechanisms.mechanisms, "mechanism.");
    for (const Mechanism& mechanism : rules.mechanisms.mechanisms) {
        items.mechanism_evidence.push_back(texts_of(texts, mechanism.evidence, "mechanism.evidence."));
    }
    for (const std::string& root : rules.roots.roots) items.roots.push_back(resolved_text(texts, "root." + root));
    return items;
}

ModeTexts build_mode_texts(const RuleSet& rules, const LocaleTexts& texts, bool clinician) {
    const std::string_view suffix = kClinicianSuffix;
    ModeTexts built;
    built.texts.reserve(texts.size());
    for (const auto& [key, text] : texts) {
        const bool variant =
            key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
        if (variant && !clinician) continue;
        const ResolvedText resolved{&text, writes_verbatim(text)};
        if (variant) {
            built.texts[std::string_view(key).substr(0, key.size() - suffix.size())] = resolved;
        } else {
            built.texts.emplace(key, resolved);  // a variant, assigned before or after, wins over its base
        }
    }
    built.items = resolve_item_texts(rules, built.texts);
    return built;
}

std::string option_key(const Question& question, const std::string& value, const LocaleTexts& texts) {
    std::string own = "question." + question.id + ".option." + value;
    if (texts.count(own) != 0) return own;
    return "option." + value;
}

std::vector<TextRequirement> text_requirements(const RuleSet& rules) {
    std::vector<TextRequirement> needs;
    auto need = [&needs](std::string key, std::string owner) {
        needs.push_back(TextRequirement{{std::move(key)}, std::move(owner)});
    };
    for (std::size_t i = 0; i < rules.sections.size(); ++i) {
        need("section." + rules.sections[i].id + ".title", at(rules, "questionnaire", "/sections/" + std::to_string(i)));
    }
    for (std::size_t i = 0; i < rules.questions.size(); ++i) {
        const Question& q = rules.questions[i];
        const std::string owner = at(rules, "questionnaire", "/questions/" + std::to_string(i));
        need("question." + q.id + ".text", owner);
        need("question." + q.id + ".help", owner);
        if (q.unit) need("question." + q.id + ".unit", owner);
        for (const std::string& value : q.options) {
            needs.push_back(TextRequirement{{"question." + q.id + ".option." + value, "option." + value}, owner});
        }
    }
    for (std::size_t i = 0; i < rules.regions.size(); ++i) {
        need("region." + rules.regions[i].id, at(rules, "regions", "/regions/" + std::to_string(i)));
    }
    // Only ranked roots are ever shown (reported, or listed by the questionnaire); unranked ones need no text.
    for (std::size_t i = 0; i < rules.roots.ranked; ++i) {
        need("root." + rules.roots.roots[i], at(rules, "roots", "/roots/" + std::to_string(i)));
    }
    for (const char* side : kRootSides) need(std::string("side.") + side, at(rules, "roots", ""));
    for (std::size_t i = 0; i < rules.triage.levels.size(); ++i) {
        const std::string owner = at(rules, "triage", "/levels/" + std::to_string(i));
        need("level." + rules.triage.levels[i].id + ".title", owner);
        need("level." + rules.triage.levels[i].id + ".text", owner);
    }
    for (std::size_t i = 0; i < rules.triage.rules.size(); ++i) {
        need("triage." + rules.triage.rules[i].id, at(rules, "triage", "/rules/" + std::to_string(i)));
    }
    for (std::size_t i = 0; i < rules.pain_type.evidence.size(); ++i) {
        need("pain_type.evidence." + rules.pain_type.evidence[i].id,
             at(rules, "pain_type", "/evidence/" + std::to_string(i)));
    }
    std::set<std::string> classifications;
    for (std::size_t i = 0; i < rules.pain_type.classify.size(); ++i) {
        const std::string& c = rules.pain_type.classify[i].classification;
        if (classifications.insert(c).second) {
            need("pain_type." + c, at(rules, "pain_type", "/classify/" + std::to_string(i)));
        }
    }
    if (classifications.insert(rules.pain_type.default_classification).second) {
        need("pain_type." + rules.pain_type.default_classification, at(rules, "pain_type", "/default"));
    }
    for (std::size_t i = 0; i < rules.roots.region_evidence.size(); ++i) {
        need("roots.evidence." + rules.roots.region_evidence[i].id,
             at(rules, "roots", "/region_evidence/" + std::to_string(i)));
    }
    for (std::size_t i = 0; i < rules.roots.evidence.size(); ++i) {
        need("roots.evidence." + rules.roots.evidence[i].id, at(rules, "roots", "/evidence/" + std::to_string(i)));
    }
    for (std::size_t m = 0; m < rules.mechanisms.mechanisms.size(); ++m) {
        const Mechanism& mechanism = rules.mechanisms.mechanisms[m];
        const std::string owner = at(rules, "mechanisms", "/mechanisms/" + std::to_string(m));
        need("mechanism." + mechanism.id, owner);
        for (std::size_t e = 0; e < mechanism.evidence.size(); ++e) {
            need("mechanism.evidence." + mechanism.evidence[e].id, owner + "/evidence/" + std::to_string(e));
        }
    }
    for (std::size_t i = 0; i < rules.advice.size(); ++i) {
        need("advice." + rules.advice[i].id, at(rules, "advice", "/advice/" + std::to_string(i)));
    }
    for (std::size_t i = 0; i < rules.safety_net.size(); ++i) {
        need("safety_net." + rules.safety_net[i].id, at(rules, "advice", "/safety_net/" + std::to_string(i)));
    }
    return needs;
}

std::set<std::string> used_text_keys(const RuleSet& rules, const LocaleTexts& texts) {
    std::set<std::string> used;
    for (const TextRequirement& requirement : text_requirements(rules)) {
        for (const std::string& key : requirement.alternatives) {
            if (texts.count(key) == 0) continue;
            used.insert(key);
            used.insert(key + kClinicianSuffix);
            break;
        }
    }
    for (const auto& entry : texts) {
        if (entry.first.rfind(kUiPrefix, 0) == 0) used.insert(entry.first);
    }
    return used;
}

}  // namespace rootcheck
