// next(): where the questionnaire stands for the answers so far, for a one-screen-at-a-time front end.
#pragma once

#include <string>

#include "answers.h"
#include "assessment.h"
#include "rule_set.h"

namespace rootcheck {

// {"visible", "next", "screen", "progress": {"answered", "total", "fraction"}, "escalate", "level", "complete"}:
// `next` is the first visible unanswered question in file order, `complete` when there is none. As JSON text, keys
// sorted like every engine output.
std::string navigation_document(const RuleSet& rules, const Evaluation& evaluation);

}  // namespace rootcheck
