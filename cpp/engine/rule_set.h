// The loaded, validated and compiled rule set (rules/README.md describes the files). Immutable once built; the
// engine shares it between calls, and every JsonLogic condition is compiled exactly once, here.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.h"
#include "jsonlogic/jsonlogic.h"

namespace rootcheck {

using json = nlohmann::json;

// A JsonLogic condition. An absent condition holds (e.g. a question with no `visible`, an unconditional safety-net
// item); a condition that raises a JsonLogic error counts as false (rules/README.md).
struct Condition {
    bool present = false;
    jsonlogic::Program program;
    std::string path;  // "<file><JSON Pointer>" of the rule, for lint messages
};

// Inline, as are RuleSet's lookups below: small functions called for every condition while assessing, where their
// callers can inline them (rule_set.cpp, which defines the rest, is load-time code).
inline bool holds(const Condition& condition, const json& data) {
    if (!condition.present) return true;
    const jsonlogic::Outcome outcome = condition.program.evaluate(data);
    return outcome.ok && jsonlogic::truthy(outcome.value);
}

enum class QuestionType { choice, multi, integer, number, regions };

const char* to_string(QuestionType type);

// Which modes show a section or question: "all", "self" or "clinician".
struct ModeFilter {
    std::string value = "all";
    // As string_views, both comparisons check the length first (comparing with a char* measures it every time).
    bool allows(std::string_view mode) const {
        const std::string_view filter = value;
        return filter == "all" || filter == mode;
    }
};

struct Section {
    std::string id;
    ModeFilter mode;
};

struct Question {
    std::string id;
    std::string section;
    std::size_t section_index = 0;
    std::string screen;
    QuestionType type = QuestionType::choice;
    std::vector<std::string> options;  // choice and multi
    double min = 0;                    // integer and number
    double max = 0;
    bool unit = false;
    Condition visible;
    json visible_json;  // the `visible` condition as written (null when absent), for the questionnaire view
    ModeFilter mode;
    bool offers_unsure = false;
    // RuleSet::condition_keys' number for this question's answer, npos when no condition reads it.
    std::size_t condition_key = jsonlogic::KeyTable::npos;
};

struct Region {
    std::string id;
    std::string side;  // left, right, midline
    std::string view;  // front, back
    std::vector<std::pair<std::size_t, double>> dermatomes;  // (index into RootModel::roots, weight), file order
    json dermatomes_json;                                     // as written, for the questionnaire view
};

// emergency_numbers.json: the number to call in an emergency in each country, and the numbers a page offers when it
// does not know the country (rules/README.md).
struct EmergencyNumbers {
    std::map<std::string, std::string> by_country;  // ISO 3166-1 alpha-2 code ("GB") -> number ("999")
    std::vector<std::string> common;                // offered together when the country is unknown
};

// An item with a condition and a citation: facts, advice, safety net.
struct Item {
    std::string id;
    Condition when;
    std::string source;  // source id; "" when the item names none (lint reports it)
};

struct PainEvidence {
    std::string id;
    std::string favours;
    double weight = 0;
    Condition when;
    std::string source;
};

struct PainClassify {
    std::string classification;
    Condition when;
};

struct PainTypeModel {
    std::vector<PainEvidence> evidence;
    std::vector<PainClassify> classify;
    std::string default_classification;
    std::vector<std::string> favours;  // every `favours` value, first-seen order: each gets a score, 0 when none holds
};

struct RegionEvidence {
    std::string id;
    std::string answer;  // a question of type regions
    double weight = 0;
    std::string source;
};

struct RootEvidence {
    std::string id;
    Condition when;
    std::vector<std::pair<std::size_t, double>> roots;  // (root index, weight)
    Condition side;  // a string or a condition; "left"/"right" that side, anything else both; absent = both
    double weight = 0;
    std::string source;
};

struct RootModel {
    // Every root a region or evidence may name: the ranked roots (roots.json "roots", the ones the engine may report)
    // first, then the unranked ones ("unranked_roots": anatomy such as L1 or S2-S5 that the map needs but the engine
    // never reports). Root indices everywhere index this list; an index below `ranked` is a ranked root.
    std::vector<std::string> roots;
    std::size_t ranked = 0;
    double half_score = 1;
    double min_score = 0;
    std::size_t max_reported = 0;
    std::vector<RegionEvidence> region_evidence;
    std::vector<RootEvidence> evidence;
    // For each root (ranked or not), the regions (file order) whose highest dermatome weight is that root: drawn on
    // the diagram for a reported root, so a region that belongs to an unranked root is never drawn as a neighbour's.
    std::vector<std::vector<std::size_t>> primary_regions;
};

struct MechanismEvidence {
    std::string id;
    double weight = 0;
    Condition when;
    std::string source;
};

struct Mechanism {
    std::string id;
    bool spinal = true;
    std::vector<MechanismEvidence> evidence;
    double positive_weight = 0;  // sum of the positive weights: the score's denominator
};

struct MechanismModel {
    double min_score = 0;
    std::vector<Mechanism> mechanisms;
};

struct Level {
    std::string id;
    bool escalate = false;
};

struct TriageRule {
    std::string id;
    std::size_t level = 0;  // index into TriageModel::levels
    bool red_flag = false;
    Condition when;
    std::string source;
    // Questions (indices into RuleSet::questions) that can exempt the rule and are asked with it: while one of them
    // is visible and unanswered, next() leaves the rule out (the person is about to answer it); assess() never does
    // (an unanswered question is unknown). rules/README.md, triage.json.
    std::vector<std::size_t> asks_first;
};

struct TriageModel {
    std::vector<Level> levels;  // most severe first
    std::size_t default_level = 0;
    std::vector<TriageRule> rules;
};

using LocaleTexts = std::map<std::string, std::string>;

// One text of a locale: `text` points into RuleSet::locales; `verbatim` records, once, that JSON writes it
// as it is (writes_verbatim(), json/writer.h), so a result copies it without scanning it.
struct ResolvedText {
    const std::string* text = nullptr;
    bool verbatim = false;
};

// The text every key shows in one locale and mode, `@clinician` variants already applied, so a lookup during assess
// is a single hash probe. Keys and texts point into RuleSet::locales (std::map nodes never move), so the tables copy
// no string; RuleSet is therefore not copyable.
using ResolvedTexts = std::unordered_map<std::string_view, ResolvedText>;

// The text of each item a result shows, for one locale and mode, in the order of the rule set's own lists
// (advice[i] is the text of RuleSet::advice[i], regions[r] of RuleSet::regions[r], ...): resolved once by
// resolve_item_texts() (text_keys.h), so writing a result indexes a list instead of building a key and hashing it.
struct ItemTexts {
    std::vector<ResolvedText> advice;
    std::vector<ResolvedText> safety_net;
    std::vector<ResolvedText> triage;                           // per TriageModel::rules
    std::vector<ResolvedText> level_titles;                     // per TriageModel::levels
    std::vector<ResolvedText> level_texts;
    std::vector<ResolvedText> pain_evidence;
    std::vector<ResolvedText> region_evidence;                  // per RootModel::region_evidence
    std::vector<ResolvedText> root_evidence;                    // per RootModel::evidence
    std::vector<ResolvedText> roots;                            // per RootModel::roots (unranked ones: empty)
    std::vector<ResolvedText> regions;
    std::vector<ResolvedText> mechanisms;
    std::vector<std::vector<ResolvedText>> mechanism_evidence;  // per mechanism, per evidence item
};

// Everything Texts (texts.h) reads for one locale in one mode. Built the first time a call asks for that locale and
// mode (RuleSet::mode_texts), not at load: a page uses one of the locale-and-mode pairs, and building them all was a
// tenth of the load of the built-in set.
struct ModeTexts {
    ResolvedTexts texts;
    ItemTexts items;
};

class RuleSet {
public:
    RuleSet() = default;
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    std::string name;
    std::string version;
    std::string sha256;
    std::string default_locale;
    std::map<std::string, LocaleTexts> locales;       // the locales whose texts are in (not locales_to_load)
    std::map<std::string, std::string> locale_files;  // every locale of the manifest -> file path
    // Locales of the manifest whose texts come later (load_rule_set's deferred_locale_sha256): locale -> SHA-256
    // the text must have (Engine::add_locale moves it into `locales`).
    std::map<std::string, std::string> locales_to_load;
    std::map<std::string, std::string> part_files;    // part name -> file path, for problem paths
    std::map<std::string, std::string> sources;       // source id -> citation

    std::vector<Section> sections;
    std::vector<Question> questions;
    std::unordered_map<std::string, std::size_t> question_index;
    std::vector<Region> regions;
    std::unordered_map<std::string, std::size_t> region_index;
    std::vector<Item> facts;
    PainTypeModel pain_type;
    RootModel roots;
    MechanismModel mechanisms;
    TriageModel triage;
    std::vector<Item> advice;
    std::vector<Item> safety_net;
    EmergencyNumbers emergency_numbers;
    // Numbers the top-level condition-data keys every condition reads, so that evaluation finds them by number
    // (jsonlogic::DataIndex); each condition program is compiled with it.
    jsonlogic::KeyTable condition_keys;

    const Question* find_question(const std::string& id) const {
        const auto found = question_index.find(id);
        return found == question_index.end() ? nullptr : &questions[found->second];
    }

    // The texts of `locale` (default_locale if the set has no such locale) in clinician or self mode, built on the
    // first call for them; safe to call from several threads at once. Call prepare_mode_texts() first.
    const ModeTexts& mode_texts(const std::string& locale, bool clinician) const;
    // Makes room for every locale's texts in both modes (the loader calls it once `locales` is complete, add_locale
    // again once it added one).
    void prepare_mode_texts();

private:
    struct LazyModeTexts {
        std::once_flag built;
        std::unique_ptr<const ModeTexts> texts;
    };
    // locale -> (self, clinician). Mutable: the slots are all made at load, and filling one on first use does not
    // change what the rule set says.
    mutable std::map<std::string, std::pair<LazyModeTexts, LazyModeTexts>> mode_texts_;
};

struct RuleProblem {
    std::string path;  // "<file><JSON Pointer>"
    std::string message;
};

struct RuleSetLoad {
    std::shared_ptr<RuleSet> rules;  // null when problems is not empty (not const: Engine::add_locale adds texts)
    std::vector<RuleProblem> problems;
};

// Loads manifest.json and the files it lists. Every problem found is listed, not just the first. `known_sha256`: the
// set's fingerprint when this loader already accepted the same files and computed it (the built-in set, at build
// time: cpp/tools/fingerprint_rules.cpp); the loader then takes it instead of hashing the set again, and skips the
// check that every locale holds every text the set needs (the slowest check, and one those files passed). Empty:
// everything is checked and the fingerprint computed here.
// `deferred_locale_sha256` (only with known_sha256, whose set included these locales): locale -> SHA-256 of its text,
// for locales whose files are left out of `files` (the built-in set's locales on demand: embedded_rules.h). Such a
// locale other than the default is not a problem: it goes to RuleSet::locales_to_load.
RuleSetLoad load_rule_set(const RuleFiles& files, const std::string& known_sha256 = "",
                          const std::map<std::string, std::string>& deferred_locale_sha256 = {});
// The same over views of the files' texts (path -> text, both alive for the whole call): the built-in set, whose
// texts are the program's static data (embedded_rules.h), is read where it lies instead of copied into a RuleFiles.
RuleSetLoad load_rule_set(const RuleFileViews& files, const std::string& known_sha256 = "",
                          const std::map<std::string, std::string>& deferred_locale_sha256 = {});

// Adds the texts of `locale`, one of rules.locales_to_load, from its file's text. Taken only if its SHA-256, once
// line breaks and the indentation after them are dropped as the build embeds text (cpp/embed_rules.cmake), is the
// one locales_to_load holds: that file passed every check of a locale when the build loaded the whole set, so none
// runs again. Returns "" when added, else why the text is refused (the set is then unchanged). Not thread-safe: no
// other call may use `rules` meanwhile.
std::string add_locale_texts(RuleSet& rules, const std::string& locale, std::string_view text);

// Rule files are trusted more than answers but still parsed with a depth limit, so a hostile bundle handed to
// load_rules cannot recurse deeply in the parser or the JsonLogic compiler.
inline constexpr int kMaxRuleFileDepth = 64;

}  // namespace rootcheck
