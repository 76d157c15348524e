// Embind bindings: the JavaScript face of rootcheck::Engine. The only file of the project that includes Emscripten.
//
// Each module instance (every createRootCheckEngine() call has its own memory) holds one Engine, created on first
// use with the rule set built into the library. Every function takes and returns std::string holding JSON text;
// Embind fills a std::string parameter from a JS string (encoded as UTF-8) or from raw bytes (Uint8Array,
// ArrayBuffer), so callers can hand over bytes that are not valid UTF-8 and get the engine's invalid_utf8 error.
// The engine catches everything at its boundary (engine.h: no call throws), so no C++ exception reaches JavaScript.
// web/rootcheck.js wraps these functions; nothing else should call them.
#include <emscripten/bind.h>

#include <string>

#include "engine/engine.h"

namespace {

rootcheck::Engine& engine() {
    static rootcheck::Engine instance;
    return instance;
}

std::string load_rules(const std::string& files_object) { return engine().load_rules_json(files_object); }

std::string assess(const std::string& answers_document) { return engine().assess(answers_document); }

std::string next(const std::string& answers_document) { return engine().next(answers_document); }

std::string questionnaire(const std::string& locale, const std::string& mode) {
    return engine().questionnaire(locale, mode);
}

std::string info() { return engine().info(); }

std::string lint() { return engine().lint(); }

std::string logic(const std::string& rule, const std::string& data) { return rootcheck::evaluate_logic(rule, data); }

}  // namespace

EMSCRIPTEN_BINDINGS(rootcheck) {
    emscripten::function("loadRules", &load_rules);
    emscripten::function("assess", &assess);
    emscripten::function("next", &next);
    emscripten::function("questionnaire", &questionnaire);
    emscripten::function("info", &info);
    emscripten::function("lint", &lint);
    emscripten::function("logic", &logic);
}
