// One assessment, in the order rules/README.md fixes: visibility -> facts -> pain type -> roots -> mechanisms ->
// triage -> advice and safety net. evaluate() computes the findings once over a single condition-data object that
// grows stage by stage; result_text() (result_document.h) writes them as the result of
// rules/schema/result.schema.json; next() (navigation.h) reuses the same findings.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "answers.h"
#include "rule_set.h"

namespace rootcheck {

// Evidence for a root on one side (or both): region evidence with the marked regions it came from, and conditions.
struct RootFinding {
    std::size_t root = 0;
    std::string side;  // left, right or both
    double score = 0;
    std::vector<std::pair<std::size_t, std::vector<std::size_t>>> region_evidence;  // (RootModel index, regions)
    std::vector<std::size_t> evidence;                                               // RootModel::evidence indices
};

struct MechanismFinding {
    std::size_t mechanism = 0;
    double score = 0;
    std::vector<std::size_t> evidence;  // held evidence with a positive weight: what supports the mechanism
};

// One entry of the result's `fired` list, "<part>.<id>" or "<part>.<group>.<id>" (mechanism evidence), kept as
// pointers into the rule set until the result is written: building the strings showed in profiles.
struct Fired {
    const char* part;
    const std::string* group;  // null unless the item belongs to a group (its mechanism)
    const std::string* id;
};

struct Evaluation {
    // The condition whose evaluation spent the budget (jsonlogic::Budget), or null. When set, the conditions after
    // it all failed at once and the rest of the evaluation means nothing: the engine answers budget_exceeded.
    const Condition* over_budget = nullptr;
    std::vector<bool> visible;  // per question
    std::size_t answered = 0;   // visible questions with an answer
    json data;                  // the condition data at the end (answers, mode, facts, derived)
    std::vector<Fired> fired;   // points into the rule set evaluated

    std::string classification;
    std::vector<std::pair<std::string, double>> pain_scores;  // per favours value, in PainTypeModel::favours order
    std::vector<std::size_t> pain_evidence;

    std::vector<RootFinding> roots;            // reported, best first
    std::vector<MechanismFinding> mechanisms;  // reported, best first

    std::size_t level = 0;
    std::vector<std::size_t> reasons;    // triage rules fired at the winning level
    std::vector<std::size_t> red_flags;  // red-flag triage rules fired
    std::vector<std::size_t> advice;
    std::vector<std::size_t> safety_net;
};

// What an evaluation is for. They differ in one point only: navigating leaves out a triage rule while a question it
// asks first (TriageRule::asks_first) is visible and unanswered, so next() does not escalate before the person has
// been asked what can exempt them; an assessment counts the rule, since an unanswered question is unknown.
enum class Purpose { assess, navigate };

// Moves the visible answers out of `answers.values` into the condition data (no copies); the rest of `answers` is
// left as it was, for result_text(). Every condition is evaluated under `budget`, one for the whole evaluation.
Evaluation evaluate(const RuleSet& rules, Answers& answers, jsonlogic::Budget& budget,
                    Purpose purpose = Purpose::assess);

// Scores are rounded to 3 decimals the same way everywhere, so equal inputs give equal bytes (and never "-0.0").
double round_score(double value);

}  // namespace rootcheck
