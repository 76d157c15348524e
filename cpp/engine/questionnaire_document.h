// questionnaire(locale, mode): everything a front end needs to draw the questions of one mode in one locale
// (its shape: Questionnaire in web/api.d.ts). next() says what is visible now; each question's `visible`
// condition is there too, as written, for renderers of other formats (the FHIR Questionnaire's enableWhen).
#pragma once

#include <string>

#include "rule_set.h"

namespace rootcheck {

// The document as JSON text (keys sorted, like every engine output). `locale` and `mode` must already be checked
// (check_locale_and_mode).
std::string questionnaire_document(const RuleSet& rules, const std::string& locale, const std::string& mode);

}  // namespace rootcheck
