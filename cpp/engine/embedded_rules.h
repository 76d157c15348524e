// The rule set built into the library: the build turns rules/manifest.json and the files it lists into a generated
// .cpp that defines this function (tests link a definition of their own over a fixture set).
#pragma once

#include "engine.h"

namespace rootcheck {

const RuleFiles& embedded_rule_files();

}  // namespace rootcheck
