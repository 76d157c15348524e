// Fuzz target: Engine::assess and Engine::next (cpp/engine/engine.h) over the rule set built in from rules/, on an
// answers document (the input is the document's text).
//
// Properties checked
// - Both return JSON and never internal_error (a throw: a bug); an error is {"error": {"code", "message", "path"}}
//   with a code engine.h lists for answers and a JSON Pointer path ("" or starting with "/").
// - Both read the document the same way (answers.h): assess refuses exactly when next does, with the same error.
// - They agree on the assessment: next's progress.answered is assess's answered; next is null exactly when complete,
//   and once complete (no visible question unanswered, so no triage rule waits for one: assessment.h, Purpose) next's
//   level and escalate are assess's.
// - assess is deterministic: the same document twice gives the same bytes (engine.h).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/embedded_rules.h"
#include "engine/engine.h"
#include "fuzz_support.h"

namespace {

using nlohmann::json;
using rootcheck::fuzz::engine_output;
using rootcheck::fuzz::fail;

// The codes an answers document can be refused with (engine.h; no_rules cannot happen: the built-in set loads).
const std::set<std::string> kAnswerErrors = {
    "malformed_json", "invalid_utf8", "too_large", "too_deep", "duplicate_key", "not_an_object", "unknown_key",
    "wrong_type", "out_of_range", "unknown_value", "unknown_region", "duplicate_value", "unknown_locale",
    "unknown_mode",
};

void check_error(json& document, const std::string& text) {
    json& error = document["error"];
    if (!error.is_object() || !error["code"].is_string() || !error["message"].is_string() ||
        !error["path"].is_string()) {
        fail("malformed error document: " + text);
    }
    if (kAnswerErrors.count(error["code"].get<std::string>()) == 0) fail("unexpected error code: " + text);
    const std::string& path = error["path"].get_ref<const std::string&>();
    if (!path.empty() && path[0] != '/') fail("error path is not a JSON Pointer: " + text);
}

// The built-in engine with every locale added (the built-in set carries only its default one: engine.h), so that
// documents in any locale are assessed, as in the CLI.
rootcheck::Engine engine_with_every_locale() {
    rootcheck::Engine engine;
    const rootcheck::RuleFiles& files = rootcheck::all_rule_files();
    const json manifest = json::parse(files.at("manifest.json"));
    for (const auto& [locale, path] : manifest.at("locales").items()) {
        const json added = engine_output("add_locale", engine.add_locale(locale, files.at(path.get<std::string>())));
        if (added.contains("error")) fail("locale " + locale + " was not added: " + added.dump());
    }
    return engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    static const rootcheck::Engine engine = engine_with_every_locale();
    const std::string_view document(reinterpret_cast<const char*>(bytes), size);

    const std::string assessed_text = engine.assess(document);
    const std::string navigated_text = engine.next(document);
    // Not const: a member missing from either document reads as null (and fails a check) instead of asserting.
    json assessed = engine_output("assess", assessed_text);
    json navigated = engine_output("next", navigated_text);

    if (assessed.contains("error") || navigated.contains("error")) {
        if (assessed_text != navigated_text) fail("assess answered " + assessed_text + ", next " + navigated_text);
        check_error(assessed, assessed_text);
        return 0;
    }

    if (navigated["progress"]["answered"] != assessed["answered"]) {
        fail("next counts " + navigated["progress"]["answered"].dump() + " answered, assess " +
             assessed["answered"].dump());
    }
    const bool complete = navigated["complete"] == true;
    if (complete != navigated["next"].is_null()) fail("next is " + navigated["next"].dump() + " with complete " +
                                                      navigated["complete"].dump());
    if (complete && (navigated["level"] != assessed["triage"]["level"] ||
                     navigated["escalate"] != assessed["escalate"])) {
        fail("complete, but next says level " + navigated["level"].dump() + ", assess " +
             assessed["triage"]["level"].dump());
    }

    if (engine.assess(document) != assessed_text) fail("assess gave different bytes for the same document");
    return 0;
}
