// One assessment, in the order rules/README.md fixes: visibility -> facts -> pain type -> roots -> mechanisms ->
// triage -> advice and safety net. evaluate() computes the findings once over a single condition-data object that
// grows stage by stage; result_text() writes them as the result of CONTRACTS.md section 2; next() reuses the
// same findings.
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

struct Evaluation {
    std::vector<bool> visible;  // per question
    std::size_t answered = 0;   // visible questions with an answer
    json data;                  // the condition data at the end (answers, mode, facts, derived)
    std::vector<std::string> fired;

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

Evaluation evaluate(const RuleSet& rules, const Answers& answers);

// The result document as JSON text (sorted keys, as every engine output).
std::string result_text(const RuleSet& rules, const Answers& answers, const Evaluation& evaluation);

// Scores are rounded to 3 decimals the same way everywhere, so equal inputs give equal bytes (and never "-0.0").
double round_score(double value);

}  // namespace rootcheck
