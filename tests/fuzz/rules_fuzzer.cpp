// Fuzz target: loading a rule set (Engine::load_rules, cpp/engine/engine.h), and then using what loaded. The input is
// one rule file: its path inside the rule-set folder (e.g. "triage.json"), a line break, then its text. That file
// replaces its namesake in the rule set built in from rules/ (or joins the set, for another path) and the set is
// loaded; the seeds are the files of rules/ and of the test fixture set, so mutations start from valid rule files.
//
// Properties checked
// - load_rules returns JSON, never internal_error (a throw: a bug). A refusal is {"error": {"code": "invalid_rules",
//   "message", "problems": [{"path", "message"}...]}} with at least one problem, and the engine keeps the set it had
//   (info() unchanged).
// - A set that loads is usable: info(), lint(), questionnaire() in every locale and mode, and assess() and next() on
//   an empty document and on two documents built from the loaded questionnaire (every question answered with its
//   first option, its minimum, its first region; then with its last option, its maximum, every region) all return
//   JSON without internal_error, and those two documents are assessed (they hold only what the questionnaire offers):
//   a result, or budget_exceeded when the set's rules spend their budget (engine.h: a mutated rule may loop).
#include <cstddef>
#include <cstdint>
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

const char* const kModes[] = {"self", "clinician"};

// Every question of `questionnaire` (questionnaire()'s document) answered at one end of what it offers.
json answers_at(const json& questionnaire, bool last) {
    json answers = json::object();
    json regions = json::array();
    for (const json& region : questionnaire.value("regions", json::array())) regions.push_back(region.value("id", ""));
    for (const json& question : questionnaire.value("questions", json::array())) {
        const std::string type = question.value("type", "");
        const json options = question.value("options", json::array());
        json value;
        if (type == "choice" && !options.empty()) {
            value = (last ? options.back() : options.front()).value("value", "");
        } else if (type == "multi" && !options.empty()) {
            value = json::array({(last ? options.back() : options.front()).value("value", "")});
        } else if (type == "integer" || type == "number") {
            value = question.value(last ? "max" : "min", json(0));
        } else if (type == "regions") {
            value = last ? regions : json::array();
            if (!last && !regions.empty()) value.push_back(regions.front());
        }
        answers[question.value("id", "")] = value;
    }
    return answers;
}

void use_loaded_set(rootcheck::Engine& engine) {
    const json info = engine_output("info", engine.info());
    engine_output("lint", engine.lint());
    for (const char* mode : kModes) {
        engine_output("assess {}", engine.assess("{}"));
        engine_output("next {}", engine.next("{}"));
        for (const json& locale : info.value("locales", json::array())) {
            const std::string name = locale.get<std::string>();
            const json questionnaire = engine_output("questionnaire", engine.questionnaire(name, mode));
            if (questionnaire.contains("error")) {
                fail("questionnaire(" + name + ", " + mode + "): " + questionnaire.dump());
            }
            for (const bool last : {false, true}) {
                const std::string document =
                    json{{"answers", answers_at(questionnaire, last)}, {"locale", name}, {"mode", mode}}.dump();
                const json assessed = engine_output("assess", engine.assess(document));
                engine_output("next", engine.next(document));
                if (assessed.contains("error") &&
                    !rootcheck::fuzz::member_is(assessed["error"], "code", "budget_exceeded")) {
                    fail("assess refused " + document + ": " + assessed.dump());
                }
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    static rootcheck::Engine engine;
    const std::string_view input(reinterpret_cast<const char*>(bytes), size);
    const std::size_t line_end = input.find('\n');
    if (line_end == std::string_view::npos) return 0;

    rootcheck::RuleFiles files = rootcheck::all_rule_files();  // every locale: load_rules checks the set whole
    files[std::string(input.substr(0, line_end))] = std::string(input.substr(line_end + 1));

    const std::string before = engine.info();
    const json loaded = engine_output("load_rules", engine.load_rules(files));
    if (!loaded.contains("error")) {
        use_loaded_set(engine);
        return 0;
    }
    const json& error = loaded["error"];
    if (!rootcheck::fuzz::member_is(error, "code", "invalid_rules") || !error.contains("problems") ||
        !error["problems"].is_array() || error["problems"].empty()) {
        fail("load_rules refused without listing problems: " + loaded.dump());
    }
    for (const json& problem : error["problems"]) {
        if (!problem.is_object() || !problem.value("path", json()).is_string() ||
            !problem.value("message", json()).is_string()) {
            fail("a problem without path and message: " + problem.dump());
        }
    }
    if (engine.info() != before) fail("a refused rule set changed the engine's set: " + engine.info());
    return 0;
}
