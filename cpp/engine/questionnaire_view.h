// questionnaire(locale, mode): everything a front end needs to draw the questions of one mode in one locale
// (CONTRACTS.md section 2). Visibility conditions stay in the engine; next() says what is visible now.
#pragma once

#include <string>

#include "rule_set.h"

namespace rootcheck {

// The document as JSON text (keys sorted, like every engine output). `locale` and `mode` must already be checked
// (check_locale_and_mode).
std::string questionnaire_document(const RuleSet& rules, const std::string& locale, const std::string& mode);

}  // namespace rootcheck
