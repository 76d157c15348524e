// The RootCheck assessment engine: the one public entry point of the C++ library.
//
// Contract
// - Text in, text out: every call takes and returns UTF-8 JSON text, so the WebAssembly bindings, the CLI and the
//   tests all see exactly the same bytes. Output is deterministic: objects are serialised with sorted keys, scores
//   are rounded to 3 decimals, and the same input always gives the same bytes.
// - No call throws and none aborts. Bad input returns {"error": {"code", "message", "path"}} where `path` is a JSON
//   Pointer to the culprit ("" for the whole document). Codes: malformed_json, invalid_utf8, too_large, too_deep,
//   duplicate_key, not_an_object, unknown_key, wrong_type, out_of_range, unknown_value, unknown_region,
//   duplicate_value, unknown_locale, locale_not_loaded and invalid_locale (see below), unknown_mode, no_rules (see
//   below), budget_exceeded (see below), and internal_error (a bug or out of memory: never expected).
// - Limits are checked in this order: size (too_large), UTF-8 (invalid_utf8, message gives the byte offset), nesting
//   (too_deep), syntax (malformed_json, message gives the byte offset), then the first in the text of a number
//   beyond the range of a double (out_of_range at its pointer: {"answers": {"age": 1e400}} is out_of_range at
//   /answers/age) and a key repeated in one object (duplicate_key at the repeated member's pointer: {"answers":
//   {"saddle_numbness": "yes", "saddle_numbness": "no"}} is duplicate_key at /answers/saddle_numbness); then the
//   document is checked key by key in sorted key order and the first problem is reported.
// - An answer of null counts as not answered. Integer questions accept any JSON number with no fractional part.
// - Answers document: {"answers": {...}, "locale": "en", "mode": "self"|"clinician"}; every key optional (locale
//   defaults to the rule set's default, mode to "self"). At most kMaxDocumentBytes bytes and kMaxDepth levels deep.
// - A rule set is loaded from its files (manifest.json plus the files it lists, as path -> text). A bad set is
//   refused with every problem listed; the engine then keeps the set it had. Rule files are parsed without a size
//   limit but at most 64 levels deep.
// - Bounded work: the rules' JsonLogic conditions run under a jsonlogic::Budget (jsonlogic.h: 1,000,000 steps and
//   16 MiB of values built), one for all the conditions of an assess or next call. A rule set whose conditions spend
//   it (a rule that builds a huge value or loops too long) gets {"error": {"code": "budget_exceeded", "message": "the
//   rule at <file><JSON Pointer> exceeded ...", "path": ""}} within milliseconds instead of a result, and the engine
//   answers its next call as usual. The built-in rules spend under 2,000 steps and no bytes on any vignette
//   (tests/cpp/engine_budget_test.cpp prints the figures and keeps them under 1% of the limits).
// - Locales on demand: the built-in set carries only its default locale's texts; each other locale of its manifest
//   is listed by info() in "locales" and "locales_to_load" until add_locale gives its file (a page shows one
//   language, and the others were a third of the download). Until then questionnaire, assess and next answer
//   locale_not_loaded (path /locale) for it. A set given to load_rules is checked whole, every locale in.
// - No rules: if the rule set built into the library fails to load (e.g. a build from an unfinished rules/), Engine()
//   still constructs, and every call except load_rules/load_rules_json returns {"error": {"code": "no_rules",
//   "message": "<why, listing the problems>", "path": ""}} until a valid set is loaded.
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
// The same as views, for texts that live elsewhere for as long as they are read (the built-in set's static data).
using RuleFileViews = std::map<std::string_view, std::string_view>;

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
    // The questions, sections, options, regions and ui texts in `locale` for `mode` ("self"|"clinician"); an empty
    // locale means the default locale, an empty mode "self". Errors: unknown_locale and locale_not_loaded (path
    // /locale), unknown_mode (/mode).
    std::string questionnaire(std::string_view locale, std::string_view mode) const;
    // {"engine": kEngineVersion, "rules": {"name", "version", "sha256"}, "locales": [...], "default_locale",
    //  "locales_to_load": [...]}. sha256 is the whole set's, every locale included, loaded or not.
    std::string info() const;
    // Adds the texts of `locale`, one of info()'s locales_to_load, from its file's text: only the text the engine was
    // built with is taken (its SHA-256 is built in; line breaks and indentation may differ), since that file passed
    // every check of a locale when the build loaded the whole set. Returns info(), or an error: unknown_locale
    // (/locale), invalid_locale (/text: any other text; the locale keeps waiting), no_rules. A locale already in
    // (the default, or one added before) gives info() whatever the text. Not to be called while another call of this
    // engine runs (as load_rules).
    std::string add_locale(std::string_view locale, std::string_view text);
    // Lint findings for the loaded set beyond load-time validation: {"problems": [{"path", "message"}...]} (lint.h
    // lists what is checked: condition data read before it exists, never-visible questions, missing sources,
    // unused locale texts).
    std::string lint() const;

private:
    std::shared_ptr<RuleSet> rules_;  // null while no valid set is loaded; add_locale adds to it
    std::string no_rules_message_;          // why rules_ is null
};

// Evaluates one JsonLogic rule against data, both given as JSON text: {"result": ...} or {"error": {"type": ...}}.
// Backs `rootcheck logic` and the conformance suites. The evaluation has a jsonlogic::Budget of its own; spending it
// gives {"error": {"type": "Budget Exceeded"}}. Text that is not JSON (or is nested over 64 levels) gives
// {"error": {"code": "malformed_json"|"invalid_utf8"|"too_deep", "message", "path": "/rule"|"/data"}}; a number
// beyond a double gives out_of_range with the path of the number, e.g. "/rule/+/1" for {"+": [1, 1e400]}, and a
// repeated key duplicate_key with the path of the member, e.g. "/data/a" for {"a": 1, "a": 2}.
std::string evaluate_logic(std::string_view rule, std::string_view data);

}  // namespace rootcheck
