#include "result_document.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "engine.h"
#include "insertion_sort.h"
#include "json/writer.h"
#include "texts.h"

namespace rootcheck {

namespace {

// The sources a result cites, noted while its cited items are written and then written once as the result's
// `sources` map (source id -> citation), so each citation text appears once however many items cite it.
class CitedSources {
public:
    using Entry = std::map<std::string, std::string>::value_type;

    explicit CitedSources(const std::map<std::string, std::string>& all) : all_(all) { cited_.reserve(all.size()); }

    // Notes the source id an item cites and returns it, for the item's `source`. An item naming no source (lint
    // rejects such a rule set) cites "" and adds nothing to the map.
    const std::string& cite(const std::string& id) {
        if (id.empty() || (last_ != nullptr && last_->first == id)) return id;  // neighbours mostly cite the same
        const auto found = all_.find(id);
        if (found == all_.end()) return id;  // cannot happen: loading refuses an unknown source id
        last_ = &*found;
        if (std::find(cited_.begin(), cited_.end(), last_) == cited_.end()) cited_.push_back(last_);
        return id;
    }

    // The map of the sources noted, keys in sorted order (the rule set's map is sorted already).
    void write(JsonWriter& w) const {
        w.begin_object();
        for (const Entry& entry : all_) {
            if (std::find(cited_.begin(), cited_.end(), &entry) == cited_.end()) continue;
            w.verbatim_key(entry.first).string(entry.second);  // a source id, validated at load
        }
        w.end_object();
    }

private:
    const std::map<std::string, std::string>& all_;
    std::vector<const Entry*> cited_;  // few (a result cites about ten sources): a linear search beats hashing
    const Entry* last_ = nullptr;
};

}  // namespace

std::string result_text(const RuleSet& rules, const Answers& answers, const Evaluation& evaluation) {
    const Texts texts(rules, answers.locale, answers.mode);
    JsonWriter w(16 * 1024);  // a full clinician result runs to about 12 kB
    CitedSources sources(rules.sources);
    // Keys are written in sorted order (see json/writer.h); each object's keys are listed in a comment. Most pieces
    // need no JSON escaping and are copied verbatim: the key names here; every id (the loader refuses an id with
    // anything but letters, digits, '_' and '-'), so also locales, levels, classifications and favours values; the
    // mode ("self" or "clinician", checked by parse_answers) and sides; texts whose load-time check says so.
    const auto text = [&](const ResolvedText& t) {
        if (t.verbatim) {
            w.verbatim_string(*t.text);
        } else {
            w.string(*t.text);
        }
    };
    // An item's object up to its text, which the caller writes: id, source, text.
    const auto cited_until_text = [&](const std::string& id, const std::string& source) {
        w.begin_object().verbatim_key("id").verbatim_string(id);
        w.verbatim_key("source").verbatim_string(sources.cite(source)).verbatim_key("text");
    };
    const ItemTexts& item_texts = texts.items();
    const auto item_list = [&](const std::vector<Item>& items, const std::vector<std::size_t>& shown,
                               const std::vector<ResolvedText>& shown_texts) {
        w.begin_array();
        for (std::size_t i : shown) {
            cited_until_text(items[i].id, items[i].source);
            text(shown_texts[i]);
            w.end_object();
        }
        w.end_array();
    };

    // advice, answered, engine, escalate, fired, locale, mechanisms, mode, pain_type, red_flags, roots, rules,
    // safety_net, sources, triage
    const Level& level = rules.triage.levels[evaluation.level];
    w.begin_object();
    w.verbatim_key("advice");
    item_list(rules.advice, evaluation.advice, item_texts.advice);
    w.verbatim_key("answered").integer(static_cast<long long>(evaluation.answered));
    w.verbatim_key("engine").string(kEngineVersion);
    w.verbatim_key("escalate").boolean(level.escalate);
    w.verbatim_key("fired").begin_array();
    for (const Fired& f : evaluation.fired) {
        if (f.group == nullptr) {
            w.verbatim_joined({f.part, ".", *f.id});
        } else {
            w.verbatim_joined({f.part, ".", *f.group, ".", *f.id});
        }
    }
    w.end_array();
    w.verbatim_key("locale").verbatim_string(answers.locale);

    w.verbatim_key("mechanisms").begin_array();
    for (const MechanismFinding& f : evaluation.mechanisms) {
        const Mechanism& mechanism = rules.mechanisms.mechanisms[f.mechanism];
        // evidence, id, score, spinal, text
        w.begin_object().verbatim_key("evidence").begin_array();
        for (std::size_t i : f.evidence) {
            const MechanismEvidence& e = mechanism.evidence[i];
            cited_until_text(e.id, e.source);
            text(item_texts.mechanism_evidence[f.mechanism][i]);
            w.end_object();
        }
        w.end_array();
        w.verbatim_key("id").verbatim_string(mechanism.id).verbatim_key("score").number(f.score);
        w.verbatim_key("spinal").boolean(mechanism.spinal).verbatim_key("text");
        text(item_texts.mechanisms[f.mechanism]);
        w.end_object();
    }
    w.end_array();
    w.verbatim_key("mode").verbatim_string(answers.mode);

    // classification, evidence, text, and one score per favours value: the only object with keys from the rule set,
    // so its keys are sorted here.
    std::vector<std::pair<std::string_view, std::size_t>> pain_keys;  // key -> index into pain_scores, or npos
    pain_keys.reserve(3 + evaluation.pain_scores.size());
    pain_keys.emplace_back("classification", std::string::npos);
    pain_keys.emplace_back("evidence", std::string::npos);
    pain_keys.emplace_back("text", std::string::npos);
    for (std::size_t i = 0; i < evaluation.pain_scores.size(); ++i) pain_keys.emplace_back(evaluation.pain_scores[i].first, i);
    insertion_sort(pain_keys.begin(), pain_keys.end());
    w.verbatim_key("pain_type").begin_object();
    for (const auto& [name, score] : pain_keys) {
        w.verbatim_key(name);
        if (score != std::string::npos) {
            w.number(evaluation.pain_scores[score].second);
        } else if (name == "classification") {
            w.verbatim_string(evaluation.classification);
        } else if (name == "text") {
            text(texts.resolved("pain_type.", evaluation.classification));
        } else {
            w.begin_array();
            for (std::size_t i : evaluation.pain_evidence) {
                const PainEvidence& e = rules.pain_type.evidence[i];
                // favours, id, source, text
                w.begin_object().verbatim_key("favours").verbatim_string(e.favours).verbatim_key("id").verbatim_string(e.id);
                w.verbatim_key("source").verbatim_string(sources.cite(e.source)).verbatim_key("text");
                text(item_texts.pain_evidence[i]);
                w.end_object();
            }
            w.end_array();
        }
    }
    w.end_object();

    w.verbatim_key("red_flags").begin_array();
    for (std::size_t i : evaluation.red_flags) w.verbatim_string(rules.triage.rules[i].id);
    w.end_array();

    w.verbatim_key("roots").begin_array();
    for (const RootFinding& f : evaluation.roots) {
        const std::string& root = rules.roots.roots[f.root];
        Placeholders values{"", *item_texts.roots[f.root].text, texts.get("side.", f.side)};
        // evidence, label, regions, root, score, side
        w.begin_object().verbatim_key("evidence").begin_array();
        for (const auto& [k, regions] : f.region_evidence) {
            const RegionEvidence& e = rules.roots.region_evidence[k];
            values.region.clear();
            for (std::size_t r : regions) {
                if (!values.region.empty()) values.region += ", ";
                values.region += *item_texts.regions[r].text;
            }
            cited_until_text(e.id, e.source);
            w.string(texts.format(*item_texts.region_evidence[k].text, values)).end_object();
        }
        values.region.clear();
        for (std::size_t k : f.evidence) {
            const RootEvidence& e = rules.roots.evidence[k];
            cited_until_text(e.id, e.source);
            w.string(texts.format(*item_texts.root_evidence[k].text, values)).end_object();
        }
        w.end_array();
        w.verbatim_key("label").joined({values.root, " ", values.side});
        w.verbatim_key("regions").begin_array();
        for (std::size_t r : rules.roots.primary_regions[f.root]) {
            const std::string& side = rules.regions[r].side;
            if (f.side == "both" || side == f.side || (side != "left" && side != "right")) {
                w.verbatim_string(rules.regions[r].id);
            }
        }
        w.end_array();
        w.verbatim_key("root").verbatim_string(root).verbatim_key("score").number(f.score);
        w.verbatim_key("side").verbatim_string(f.side).end_object();
    }
    w.end_array();

    // name, sha256, version
    w.verbatim_key("rules").begin_object().verbatim_key("name").string(rules.name);
    w.verbatim_key("sha256").string(rules.sha256).verbatim_key("version").string(rules.version).end_object();
    w.verbatim_key("safety_net");
    item_list(rules.safety_net, evaluation.safety_net, item_texts.safety_net);

    // `sources` comes before `triage` in key order, so the triage reasons' sources are noted ahead of their items.
    for (std::size_t i : evaluation.reasons) sources.cite(rules.triage.rules[i].source);
    w.verbatim_key("sources");
    sources.write(w);

    // level, reasons, text, title
    w.verbatim_key("triage").begin_object().verbatim_key("level").verbatim_string(level.id);
    w.verbatim_key("reasons").begin_array();
    for (std::size_t i : evaluation.reasons) {
        const TriageRule& rule = rules.triage.rules[i];
        cited_until_text(rule.id, rule.source);
        text(item_texts.triage[i]);
        w.end_object();
    }
    w.end_array();
    w.verbatim_key("text");
    text(item_texts.level_texts[evaluation.level]);
    w.verbatim_key("title");
    text(item_texts.level_titles[evaluation.level]);
    w.end_object();
    w.end_object();
    return w.take();
}

}  // namespace rootcheck
