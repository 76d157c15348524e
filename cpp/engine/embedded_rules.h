// The rule set built into the library: the build turns rules/manifest.json and the files it lists into generated
// .cpp files that define these functions (cpp/embed_rules.cmake; tests link definitions of their own over a fixture
// set).
#pragma once

#include <map>
#include <string>

#include "engine.h"

namespace rootcheck {

// manifest.json and every file it lists except the locales other than its default one, which come on demand; views
// of the program's static data (the engine reads them where they lie: a copy was 124 KB of fresh memory, which a new
// WebAssembly instance pays for page by page on first touch).
const RuleFileViews& embedded_rule_files();

// Locale -> SHA-256 (hex) of its file's text as the build embeds text (line breaks and indentation dropped), for each
// locale left out of embedded_rule_files(): Engine::add_locale takes only that text.
const std::map<std::string, std::string>& embedded_locale_sha256();

// Every file the manifest lists, every locale included: for the build's fingerprint tool (the set's SHA-256 covers all
// locales) and the rules fuzzer. Not part of the engine.
const RuleFiles& all_rule_files();

// The SHA-256 of the built-in set, computed at build time by rootcheck_fingerprint (cpp/tools/fingerprint_rules.cpp,
// the engine's own loader run over rules/), so that loading the set in a page does not hash it again: hashing was a
// fifth of the load. Empty when the build does not know it; the loader then computes it.
const std::string& embedded_rules_sha256();

}  // namespace rootcheck
