// lint(): findings beyond load-time validation, for rule authors (`rootcheck lint`). A set with lint findings still
// loads and runs; lint says where it is weaker than it looks.
#pragma once

#include <nlohmann/json.hpp>

#include "rule_set.h"

namespace rootcheck {

// {"problems": [{"path": "<file><JSON Pointer>", "message"}...]}, listing:
// - condition data a condition reads that does not exist or is not computed yet at its stage (unknown answer keys,
//   unknown or later facts, derived values of later stages, unknown derived fields);
// - questions whose `visible` condition reads only answers unavailable in a mode and is false there: never shown;
// - items with a condition but no source;
// - locale texts the set never uses;
// - texts a person reads (not the @clinician variants) with a slash form ("seguro/a"), or, in a locale other than
//   the default, more than 60% longer than the default locale's text (short texts: at most 12 characters longer).
json lint_document(const RuleSet& rules);

}  // namespace rootcheck
