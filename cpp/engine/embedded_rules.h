// The rule set built into the library: the build turns rules/manifest.json and the files it lists into a generated
// .cpp that defines these functions (tests link definitions of their own over a fixture set).
#pragma once

#include "engine.h"

namespace rootcheck {

const RuleFiles& embedded_rule_files();

// The SHA-256 of the built-in set, computed at build time by rootcheck_fingerprint (cpp/tools/fingerprint_rules.cpp,
// the engine's own loader run over rules/), so that loading the set in a page does not hash it again: hashing was a
// fifth of the load. Empty when the build does not know it; the loader then computes it.
const std::string& embedded_rules_sha256();

}  // namespace rootcheck
