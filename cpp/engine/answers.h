// The answers document (rules/schema/answers.schema.json): parsed within limits and checked against the loaded
// questionnaire.
// Every answer key must be a question id and every value must fit its question; the first problem is reported with
// the JSON Pointer of the culprit (e.g. /answers/pain_regions/2). A null answer means "not answered".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/reader.h"
#include "rule_set.h"

namespace rootcheck {

struct Answers {
    json values = json::object();  // question id -> validated value; unanswered keys (absent or null) left out
    // Per question of the rule set, its entry in `values` (values' end() when unanswered), so that evaluation takes
    // each answer without searching for it. Empty when nothing is answered.
    std::vector<json::object_t::iterator> entries;
    std::string locale;            // a locale of the rule set
    std::string mode;              // "self" or "clinician"
};

struct ParsedAnswers {
    Answers answers;
    std::optional<InputError> error;
};

ParsedAnswers parse_answers(std::string_view document, const RuleSet& rules);

// Checks a locale and a mode given outside a document (questionnaire()); "" picks the default. Errors: unknown_locale,
// locale_not_loaded (a locale of RuleSet::locales_to_load) at `/locale`, unknown_mode at `/mode`.
std::optional<InputError> check_locale_and_mode(const RuleSet& rules, std::string& locale, std::string& mode);

}  // namespace rootcheck
