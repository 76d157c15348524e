#include "assessment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "insertion_sort.h"

namespace rootcheck {

double round_score(double value) {
    return std::round(value * 1000.0) / 1000.0 + 0.0;  // + 0.0 turns -0.0 into 0.0
}

namespace {

constexpr std::size_t kLeft = 0;
constexpr std::size_t kRight = 1;
const char* const kSideNames[] = {"left", "right"};

// When a root's left and right scores are this close (relative to the larger), one entry with side "both".
constexpr double kBothSidesTolerance = 0.10;

// Builds a JSON object key by key: nlohmann's initializer-list form allocates a temporary array per pair, which
// showed up in profiles of assess.
class Object {
public:
    Object& add(const char* key, json value) {
        value_.emplace(key, std::move(value));
        return *this;
    }
    json take() { return std::move(value_); }

private:
    json value_ = json::object();
};

// Evaluates conditions against the condition data as it grows, stage by stage. Its top-level keys are only ever
// added, so one DataIndex serves every condition of the assessment. All of them share one budget: the first that
// spends it is noted in `over_budget`, and every later one fails at once (holds nothing, yields false).
class Conditions {
public:
    Conditions(const json& data, const jsonlogic::KeyTable& keys, jsonlogic::Budget& budget,
               const Condition*& over_budget)
        : data_(data), index_(keys), budget_(budget), over_budget_(over_budget) {}

    // As holds() (rule_set.h): an absent condition holds, an error counts as false.
    bool hold(const Condition& condition) {
        if (!condition.present) return true;
        const bool held = condition.program.holds(data_, index_, budget_);
        if (budget_.exceeded()) note_over_budget(condition);
        return held;
    }
    jsonlogic::Outcome evaluate(const Condition& condition) {
        jsonlogic::Outcome outcome = condition.program.evaluate(data_, index_, budget_);
        if (budget_.exceeded()) note_over_budget(condition);
        return outcome;
    }
    // A member just added to the data, under `key` (a KeyTable number; npos: no condition reads it).
    void added(std::size_t key, const json& value) {
        if (key != jsonlogic::KeyTable::npos) index_.remember(data_, key, value);
    }

private:
    void note_over_budget(const Condition& condition) {
        if (over_budget_ == nullptr) over_budget_ = &condition;
    }

    const json& data_;
    jsonlogic::DataIndex index_;
    jsonlogic::Budget& budget_;
    const Condition*& over_budget_;
};

void visibility(const RuleSet& rules, Answers& answers, Evaluation& out, Conditions& conditions) {
    out.visible.assign(rules.questions.size(), false);
    auto& given = answers.values.get_ref<json::object_t&>();
    auto& data = out.data.get_ref<json::object_t&>();
    std::vector<char> section_shown(rules.sections.size());  // each section's mode checked once, not per question
    for (std::size_t s = 0; s < rules.sections.size(); ++s) {
        section_shown[s] = rules.sections[s].mode.allows(answers.mode);
    }
    for (std::size_t i = 0; i < rules.questions.size(); ++i) {
        const Question& q = rules.questions[i];
        // A condition sees the answers to the visible questions before it, so visibility follows file order.
        if (!section_shown[q.section_index] || !q.mode.allows(answers.mode)) continue;
        if (!conditions.hold(q.visible)) continue;
        out.visible[i] = true;
        if (answers.entries.empty() || answers.entries[i] == given.end()) continue;
        const auto inserted = data.insert(given.extract(answers.entries[i]));  // the node moves: no copy
        conditions.added(q.condition_key, inserted.position->second);
        ++out.answered;
    }
}

void facts(const RuleSet& rules, Evaluation& out, Conditions& conditions) {
    json& facts = out.data["facts"];
    for (const Item& fact : rules.facts) {
        const jsonlogic::Outcome outcome = conditions.evaluate(fact.when);
        json value = outcome.ok ? outcome.value : json(false);
        if (jsonlogic::truthy(value)) out.fired.push_back(Fired{"facts", nullptr, &fact.id});
        facts[fact.id] = std::move(value);
    }
}

void pain_type(const RuleSet& rules, Evaluation& out, Conditions& conditions) {
    const PainTypeModel& model = rules.pain_type;
    std::vector<double> sums(model.favours.size(), 0.0);
    for (std::size_t i = 0; i < model.evidence.size(); ++i) {
        const PainEvidence& e = model.evidence[i];
        if (!conditions.hold(e.when)) continue;
        out.fired.push_back(Fired{"pain_type", nullptr, &e.id});
        out.pain_evidence.push_back(i);
        const auto f = std::find(model.favours.begin(), model.favours.end(), e.favours) - model.favours.begin();
        sums[static_cast<std::size_t>(f)] += e.weight;
    }
    json derived = json::object();
    for (std::size_t f = 0; f < model.favours.size(); ++f) {
        const double score = round_score(sums[f]);
        out.pain_scores.emplace_back(model.favours[f], score);
        derived[model.favours[f]] = score;
    }
    json& slot = out.data["derived"]["pain_type"];
    slot = std::move(derived);
    out.classification = model.default_classification;
    for (const PainClassify& c : model.classify) {
        if (conditions.hold(c.when)) {
            out.classification = c.classification;
            break;
        }
    }
    slot["classification"] = out.classification;
}

struct SideTally {
    double points = 0;
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> region_evidence;
    std::vector<std::size_t> evidence;
};

// The sides points go to: [first, last) of {kLeft, kRight}, without allocating (this runs per marked region and
// dermatome).
struct Sides {
    std::size_t first = kLeft;
    std::size_t last = kRight + 1;

    static Sides named(const std::string& side) {
        const std::string_view name = side;  // compares lengths first; std::string == char* measures the char*
        if (name == kSideNames[kLeft]) return {kLeft, kLeft + 1};
        if (name == kSideNames[kRight]) return {kRight, kRight + 1};
        return {};
    }
};

// A region's own side, or both for a midline region.
Sides region_sides(const Region& region) {
    return Sides::named(region.side);
}

Sides evidence_sides(const RootEvidence& e, Conditions& conditions) {
    if (e.side.present) {
        const jsonlogic::Outcome outcome = conditions.evaluate(e.side);
        if (outcome.ok && outcome.value.is_string()) return Sides::named(outcome.value.get_ref<const std::string&>());
    }
    return {};
}

double root_score(double points, double half_score) {
    const double p = std::max(0.0, points);  // negative weights may cancel evidence, never push below zero
    return round_score(p / (p + half_score));
}

RootFinding finding(std::size_t root, std::string side, double score, std::vector<const SideTally*> tallies) {
    RootFinding f;
    f.root = root;
    f.side = std::move(side);
    f.score = score;
    for (const SideTally* tally : tallies) {
        for (const auto& hit : tally->region_evidence) {
            const std::size_t evidence = hit.first;
            auto same = std::find_if(f.region_evidence.begin(), f.region_evidence.end(),
                                     [evidence](const auto& entry) { return entry.first == evidence; });
            if (same == f.region_evidence.end()) {
                f.region_evidence.push_back(hit);
            } else {
                same->second.insert(same->second.end(), hit.second.begin(), hit.second.end());
            }
        }
        for (std::size_t evidence : tally->evidence) {
            if (std::find(f.evidence.begin(), f.evidence.end(), evidence) == f.evidence.end()) {
                f.evidence.push_back(evidence);
            }
        }
    }
    // Regions contributing on both sides, or several evidence items, are listed in region evidence file order.
    insertion_sort(f.region_evidence.begin(), f.region_evidence.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
    insertion_sort(f.evidence.begin(), f.evidence.end());
    return f;
}

void roots(const RuleSet& rules, Evaluation& out, Conditions& conditions) {
    const RootModel& model = rules.roots;
    std::vector<std::array<SideTally, 2>> tally(model.roots.size());
    for (std::size_t k = 0; k < model.region_evidence.size(); ++k) {
        const RegionEvidence& e = model.region_evidence[k];
        const auto answer = out.data.find(e.answer);
        if (answer == out.data.end() || !answer->is_array()) continue;
        bool contributed = false;
        for (const json& id : *answer) {
            const std::size_t r = rules.region_index.at(id.get_ref<const std::string&>());
            const Region& region = rules.regions[r];
            for (const auto& [root, weight] : region.dermatomes) {
                if (weight == 0) continue;
                const Sides sides = region_sides(region);
                for (std::size_t side = sides.first; side < sides.last; ++side) {
                    SideTally& t = tally[root][side];
                    t.points += weight * e.weight;
                    if (t.region_evidence.empty() || t.region_evidence.back().first != k) {
                        t.region_evidence.emplace_back(k, std::vector<std::size_t>{});
                        t.region_evidence.back().second.reserve(answer->size());  // at most one per marked region
                    }
                    t.region_evidence.back().second.push_back(r);
                }
                contributed = true;
            }
        }
        if (contributed) out.fired.push_back(Fired{"roots", nullptr, &e.id});
    }
    for (std::size_t k = 0; k < model.evidence.size(); ++k) {
        const RootEvidence& e = model.evidence[k];
        if (!conditions.hold(e.when)) continue;
        out.fired.push_back(Fired{"roots", nullptr, &e.id});
        const Sides sides = evidence_sides(e, conditions);
        for (const auto& [root, weight] : e.roots) {
            for (std::size_t side = sides.first; side < sides.last; ++side) {
                SideTally& t = tally[root][side];
                t.points += weight * e.weight;
                if (t.evidence.empty()) t.evidence.reserve(model.evidence.size() - k);  // room for the rest
                t.evidence.push_back(k);
            }
        }
    }

    std::vector<RootFinding> candidates;
    for (std::size_t root = 0; root < model.ranked; ++root) {  // unranked roots are tallied, never reported
        const double left = root_score(tally[root][kLeft].points, model.half_score);
        const double right = root_score(tally[root][kRight].points, model.half_score);
        const double larger = std::max(left, right);
        if (larger <= 0) continue;
        if (std::abs(left - right) <= kBothSidesTolerance * larger) {
            if (larger >= model.min_score) {
                candidates.push_back(finding(root, "both", larger, {&tally[root][kLeft], &tally[root][kRight]}));
            }
            continue;
        }
        for (std::size_t side : {kLeft, kRight}) {
            const double score = side == kLeft ? left : right;
            if (score > 0 && score >= model.min_score) {
                candidates.push_back(finding(root, kSideNames[side], score, {&tally[root][side]}));
            }
        }
    }
    insertion_sort(candidates.begin(), candidates.end(),
                   [](const RootFinding& a, const RootFinding& b) { return a.score > b.score; });
    if (candidates.size() > model.max_reported) candidates.resize(model.max_reported);
    out.roots = std::move(candidates);

    json derived = Object().add("count", out.roots.size()).add("top", nullptr).take();
    if (!out.roots.empty()) {
        const RootFinding& top = out.roots.front();
        derived["top"] = Object().add("root", model.roots[top.root]).add("side", top.side).add("score", top.score).take();
    }
    out.data["derived"]["roots"] = std::move(derived);
}

void mechanisms(const RuleSet& rules, Evaluation& out, Conditions& conditions) {
    const MechanismModel& model = rules.mechanisms;
    json derived = Object().add("top", nullptr).take();
    std::vector<MechanismFinding> reported;
    for (std::size_t m = 0; m < model.mechanisms.size(); ++m) {
        const Mechanism& mechanism = model.mechanisms[m];
        MechanismFinding f;
        f.mechanism = m;
        f.evidence.reserve(mechanism.evidence.size());
        double sum = 0;
        for (std::size_t i = 0; i < mechanism.evidence.size(); ++i) {
            const MechanismEvidence& e = mechanism.evidence[i];
            if (!conditions.hold(e.when)) continue;
            out.fired.push_back(Fired{"mechanisms", &mechanism.id, &e.id});
            sum += e.weight;
            if (e.weight > 0) f.evidence.push_back(i);
        }
        f.score = round_score(std::clamp(sum / mechanism.positive_weight, 0.0, 1.0));
        derived[mechanism.id] = f.score;
        if (f.score > 0 && f.score >= model.min_score) reported.push_back(std::move(f));
    }
    insertion_sort(reported.begin(), reported.end(),
                   [](const MechanismFinding& a, const MechanismFinding& b) { return a.score > b.score; });
    if (!reported.empty()) derived["top"] = model.mechanisms[reported.front().mechanism].id;
    out.mechanisms = std::move(reported);
    out.data["derived"]["mechanisms"] = std::move(derived);
}

// Whether a question the rule asks first is still to be answered (see Purpose).
bool awaits_answer(const RuleSet& rules, const Evaluation& out, const TriageRule& rule) {
    for (std::size_t q : rule.asks_first) {
        if (out.visible[q] && !out.data.contains(rules.questions[q].id)) return true;
    }
    return false;
}

void triage(const RuleSet& rules, Evaluation& out, Conditions& conditions, Purpose purpose) {
    const TriageModel& model = rules.triage;
    std::vector<std::size_t> fired;
    fired.reserve(model.rules.size());
    for (std::size_t i = 0; i < model.rules.size(); ++i) {
        const TriageRule& rule = model.rules[i];
        if (purpose == Purpose::navigate && awaits_answer(rules, out, rule)) continue;
        if (!conditions.hold(rule.when)) continue;
        out.fired.push_back(Fired{"triage", nullptr, &rule.id});
        fired.push_back(i);
        if (rule.red_flag) out.red_flags.push_back(i);
    }
    out.level = model.default_level;
    if (!fired.empty()) {
        out.level = model.rules[fired.front()].level;
        for (std::size_t i : fired) out.level = std::min(out.level, model.rules[i].level);
    }
    for (std::size_t i : fired) {
        if (model.rules[i].level == out.level) out.reasons.push_back(i);
    }
    out.data["derived"]["triage"] = Object().add("level", model.levels[out.level].id).take();
}

void shown_items(const std::vector<Item>& items, const char* part, Evaluation& out, std::vector<std::size_t>& shown,
                 Conditions& conditions) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!conditions.hold(items[i].when)) continue;
        out.fired.push_back(Fired{part, nullptr, &items[i].id});
        shown.push_back(i);
    }
}

}  // namespace

Evaluation evaluate(const RuleSet& rules, Answers& answers, jsonlogic::Budget& budget, Purpose purpose) {
    Evaluation out;
    out.data = Object().add("mode", answers.mode).add("facts", json::object()).add("derived", json::object()).take();
    Conditions conditions(out.data, rules.condition_keys, budget, out.over_budget);
    std::size_t items = rules.facts.size() + rules.pain_type.evidence.size() + rules.roots.region_evidence.size() +
                        rules.roots.evidence.size() + rules.triage.rules.size() + rules.advice.size() +
                        rules.safety_net.size();
    for (const Mechanism& mechanism : rules.mechanisms.mechanisms) items += mechanism.evidence.size();
    // Room for every item that can fire or show: one allocation each instead of a series of regrowths.
    out.fired.reserve(items);
    out.pain_evidence.reserve(rules.pain_type.evidence.size());
    out.reasons.reserve(rules.triage.rules.size());
    out.red_flags.reserve(rules.triage.rules.size());
    out.advice.reserve(rules.advice.size());
    out.safety_net.reserve(rules.safety_net.size());
    visibility(rules, answers, out, conditions);
    facts(rules, out, conditions);
    pain_type(rules, out, conditions);
    roots(rules, out, conditions);
    mechanisms(rules, out, conditions);
    triage(rules, out, conditions, purpose);
    shown_items(rules.advice, "advice", out, out.advice, conditions);
    shown_items(rules.safety_net, "safety_net", out, out.safety_net, conditions);
    return out;
}

}  // namespace rootcheck
