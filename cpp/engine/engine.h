// The RootCheck assessment engine: the one public entry point of the C++ library.
//
// Contract
// - Text in, text out: every call takes and returns UTF-8 JSON text, so the WebAssembly bindings, the CLI and the
//   tests all see exactly the same bytes. Output is deterministic: objects are serialised with sorted keys, scores
//   are rounded to 3 decimals, and the same input always gives the same bytes.
// - No call throws and none aborts. Bad input returns {"error": {"code", "message", "path"}} where `path` is a JSON
//   Pointer to the culprit ("" for the whole document). Codes: malformed_json, invalid_utf8, too_large, too_deep,
//   not_an_object, unknown_key, wrong_type, out_of_range, unknown_value, unknown_region, duplicate_value,
//   unknown_locale, unknown_mode.
// - Answers document: {"answers": {...}, "locale": "en", "mode": "self"|"clinician"}; every key optional (locale
//   defaults to the rule set's default, mode to "self"). At most kMaxDocumentBytes bytes and kMaxDepth levels deep.
// - A rule set is loaded from its files (manifest.json plus the files it lists, as path -> text). A bad set is
//   refused with every problem listed; the engine then keeps the set it had.
// - The engine never includes Emscripten headers; cpp/bindings/ is the only place that does.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace rootcheck {

inline constexpr std::size_t kMaxDocumentBytes = 64 * 1024;
inline constexpr int kMaxDepth = 16;
inline constexpr const char* kEngineVersion = "1.0.0";

// path inside the rule-set folder (e.g. "manifest.json", "locales/en.json") -> file text
using RuleFiles = std::map<std::string, std::string>;

class RuleSet;

class Engine {
public:
    // An engine over the rule set built into the library (rules/ at build time).
    Engine();
    ~Engine();
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;

    // Replaces the rule set. Returns info() on success, or {"error": {"code": "invalid_rules", "message",
    // "problems": [{"path": "<file><JSON Pointer>", "message"}...]}} listing every problem; on failure the engine
    // keeps its previous rule set.
    std::string load_rules(const RuleFiles& files);
    // The same, with the files given as one JSON object {"<path>": "<text>", ...}.
    std::string load_rules_json(std::string_view files_object);

    // The result document (rules/schema/result.schema.json) or an error.
    std::string assess(std::string_view answers_document) const;
    // {"visible": [ids], "next": id|null, "screen": id|null, "progress": {"answered", "total", "fraction"},
    //  "escalate": bool, "level": "<level id>", "complete": bool} or an error.
    std::string next(std::string_view answers_document) const;
    // The questions, sections, options, regions and ui texts in `locale` for `mode` ("self"|"clinician").
    std::string questionnaire(std::string_view locale, std::string_view mode) const;
    // {"engine": kEngineVersion, "rules": {"name", "version", "sha256"}, "locales": [...], "default_locale"}
    std::string info() const;
    // Lint findings for the loaded set beyond load-time validation: {"problems": [{"path", "message"}...]}.
    std::string lint() const;

private:
    std::shared_ptr<const RuleSet> rules_;
};

// Evaluates one JsonLogic rule against data, both given as JSON text: {"result": ...} or {"error": {"type": ...}}.
// Backs `rootcheck logic` and the conformance suites.
std::string evaluate_logic(std::string_view rule, std::string_view data);

}  // namespace rootcheck
