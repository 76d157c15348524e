#include "rule_set.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>
#include <stdexcept>

#include "insertion_sort.h"
#include "json/reader.h"
#include "json/writer.h"
#include "sha256.h"
#include "text_keys.h"

namespace rootcheck {

const char* to_string(QuestionType type) {
    switch (type) {
        case QuestionType::choice: return "choice";
        case QuestionType::multi: return "multi";
        case QuestionType::integer: return "integer";
        case QuestionType::number: return "number";
        case QuestionType::regions: return "regions";
    }
    return "choice";
}

namespace {

// The parts a manifest must list (rules/README.md), in the order they are parsed; run() loads them in its own order.
const char* const kParts[] = {"sources", "questionnaire", "regions", "facts", "pain_type",
                              "roots", "mechanisms", "triage", "advice", "emergency_numbers"};
// Names a condition reads besides answers; no question may take them.
const char* const kReservedKeys[] = {"mode", "facts", "derived", "locale"};

bool valid_id(const std::string& id) {
    if (id.empty()) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string type_name(const json& value) {
    return value.is_number() ? "number" : std::string(value.type_name());
}

// Reads one rule file, recording every problem under "<file><JSON Pointer>" and carrying on where it can.
class FileReader {
public:
    // `keys`: where condition programs number the data keys they read (RuleSet::condition_keys).
    FileReader(std::string file, std::vector<RuleProblem>& problems, jsonlogic::KeyTable* keys = nullptr)
        : file_(std::move(file)), problems_(problems), keys_(keys) {}

    const std::string& file() const { return file_; }

    void problem(const std::string& pointer, std::string message) {
        problems_.push_back(RuleProblem{file_ + pointer, std::move(message)});
    }

    // Fields other than `allowed` are refused, so a misspelt field name is caught rather than silently ignored.
    // Keys starting with "$" or "_" are free for comments.
    void only_fields(const json& object, const std::string& pointer, std::initializer_list<const char*> allowed) {
        if (!object.is_object()) return;
        for (const auto& entry : object.items()) {
            const std::string& key = entry.key();
            if (!key.empty() && (key[0] == '$' || key[0] == '_')) continue;
            bool known = false;
            for (const char* name : allowed) known = known || key == name;
            if (!known) problem(pointer + "/" + pointer_token(key), "unknown field '" + key + "'");
        }
    }

    const json* field(const json& object, const std::string& pointer, const char* key, bool required) {
        if (!object.is_object()) return nullptr;
        const auto found = object.find(key);
        if (found == object.end()) {
            if (required) problem(pointer, std::string("missing field '") + key + "'");
            return nullptr;
        }
        return &*found;
    }

    std::optional<std::string> string_field(const json& object, const std::string& pointer, const char* key,
                                            bool required) {
        const json* value = field(object, pointer, key, required);
        if (value == nullptr) return std::nullopt;
        if (!value->is_string()) {
            problem(pointer + "/" + key, std::string("'") + key + "' must be a string, not " + type_name(*value));
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    std::optional<std::string> id_field(const json& object, const std::string& pointer, const char* key) {
        auto id = string_field(object, pointer, key, true);
        if (id && !valid_id(*id)) {
            problem(pointer + "/" + key, "'" + *id + "' is not a valid id (letters, digits, '_' and '-' only)");
            return std::nullopt;
        }
        return id;
    }

    std::optional<double> number_field(const json& object, const std::string& pointer, const char* key,
                                       bool required) {
        const json* value = field(object, pointer, key, required);
        if (value == nullptr) return std::nullopt;
        if (!value->is_number()) {
            problem(pointer + "/" + key, std::string("'") + key + "' must be a number, not " + type_name(*value));
            return std::nullopt;
        }
        return value->get<double>();
    }

    std::optional<bool> bool_field(const json& object, const std::string& pointer, const char* key) {
        const json* value = field(object, pointer, key, false);
        if (value == nullptr) return std::nullopt;
        if (!value->is_boolean()) {
            problem(pointer + "/" + key, std::string("'") + key + "' must be true or false, not " + type_name(*value));
            return std::nullopt;
        }
        return value->get<bool>();
    }

    // The array at `key`, or an empty one (with a problem) when it is absent or not an array.
    const json& array_field(const json& object, const std::string& pointer, const char* key, bool required) {
        static const json kEmpty = json::array();
        const json* value = field(object, pointer, key, required);
        if (value == nullptr) return kEmpty;
        if (!value->is_array()) {
            problem(pointer + "/" + key, std::string("'") + key + "' must be an array, not " + type_name(*value));
            return kEmpty;
        }
        return *value;
    }

    const json& object_field(const json& object, const std::string& pointer, const char* key, bool required) {
        static const json kEmpty = json::object();
        const json* value = field(object, pointer, key, required);
        if (value == nullptr) return kEmpty;
        if (!value->is_object()) {
            problem(pointer + "/" + key, std::string("'") + key + "' must be an object, not " + type_name(*value));
            return kEmpty;
        }
        return *value;
    }

    bool expect_object(const json& value, const std::string& pointer) {
        if (value.is_object()) return true;
        problem(pointer, "must be an object, not " + type_name(value));
        return false;
    }

    Condition condition(const json& object, const std::string& pointer, const char* key, bool required) {
        Condition condition;
        condition.path = file_ + pointer + "/" + key;
        const json* rule = field(object, pointer, key, required);
        if (rule == nullptr) return condition;
        std::vector<jsonlogic::CompileProblem> compile_problems;
        condition.program = jsonlogic::Program::compile(*rule, &compile_problems, keys_);
        condition.present = true;
        for (const auto& p : compile_problems) problem(pointer + "/" + key + p.pointer, "JsonLogic: " + p.message);
        return condition;
    }

    // Reports a repeated id; `seen` maps id -> pointer of its first use.
    void unique(std::map<std::string, std::string>& seen, const std::string& id, const std::string& pointer) {
        const auto inserted = seen.emplace(id, file_ + pointer);
        if (!inserted.second) problem(pointer + "/id", "duplicate id '" + id + "' (first at " + inserted.first->second + ")");
    }

private:
    std::string file_;
    std::vector<RuleProblem>& problems_;
    jsonlogic::KeyTable* keys_;
};

std::string item_pointer(const char* list, std::size_t index) {
    return std::string("/") + list + "/" + std::to_string(index);
}

class Loader {
public:
    Loader(const RuleFileViews& files, const std::string& known_sha256,
           const std::map<std::string, std::string>& deferred_locale_sha256, RuleSet& rules,
           std::vector<RuleProblem>& problems)
        : files_(files), known_sha256_(known_sha256), deferred_locale_sha256_(deferred_locale_sha256), rules_(rules),
          problems_(problems) {}

    void run() {
        if (!parse_manifest()) return;
        // With the fingerprint known, each part's file is parsed when the first step reads it and dropped after the
        // last (part(), done_with()): a file's tree is in memory only between those steps, and the set is built in
        // memory the trees gave back. Fresh memory is what a new WebAssembly instance pays for, page by page, on
        // first touch (issue 18): parsing them all first wrote 16 more pages (64 KB) of it, 158 against 142 in the
        // engine-ready bench's count. Otherwise every file is parsed first, so that every parse problem is listed
        // before what follows from them, and kept for fingerprint().
        if (known_sha256_.empty()) {
            for (const char* part : kParts) parsed_parts_[part] = parse_file(rules_.part_files[part]);
        }
        for (const auto& [locale, path] : rules_.locale_files) read_locale(locale, path);

        load_sources();
        done_with("sources");
        load_root_list();
        load_regions();
        done_with("regions");
        load_questionnaire();
        done_with("questionnaire");
        load_facts();
        done_with("facts");
        load_pain_type();
        done_with("pain_type");
        load_root_evidence();
        done_with("roots");
        load_mechanisms();
        done_with("mechanisms");
        load_triage();
        done_with("triage");
        load_advice();
        done_with("advice");
        load_emergency_numbers();
        done_with("emergency_numbers");
        load_locales();
        if (!problems_.empty()) return;
        for (Question& q : rules_.questions) q.condition_key = rules_.condition_keys.find(q.id);
        rules_.prepare_mode_texts();
        if (known_sha256_.empty()) {
            fingerprint();
        } else {
            rules_.sha256 = known_sha256_;
        }
    }

private:
    const RuleFileViews& files_;
    const std::string& known_sha256_;
    const std::map<std::string, std::string>& deferred_locale_sha256_;
    RuleSet& rules_;
    std::vector<RuleProblem>& problems_;
    json manifest_;
    std::map<std::string, json> parsed_parts_;
    std::set<std::string> dropped_parts_;  // parts done_with() dropped
    std::map<std::string, json> parsed_locales_;

    json parse_file(const std::string& path) {
        const auto found = files_.find(path);
        if (found == files_.end()) {
            problems_.push_back(RuleProblem{path, "file listed in manifest.json was not given"});
            return nullptr;
        }
        ParsedJson parsed = parse_json_limited(found->second, ParseLimits{0, kMaxRuleFileDepth});
        if (parsed.error) {
            const InputError& error = *parsed.error;  // its path: the culprit inside the file, if known
            problems_.push_back(RuleProblem{path + error.path, error.code + ": " + error.message});
            return nullptr;
        }
        if (!parsed.value.is_object()) {
            problems_.push_back(RuleProblem{path, "must be a JSON object, not " + type_name(parsed.value)});
            return nullptr;
        }
        return std::move(parsed.value);
    }

    // A locale file is a flat object of strings: read straight into its texts when it is plainly that (no DOM, a
    // third of a load's work before), else parsed the general way, and load_locales() names what is wrong.
    void read_locale(const std::string& locale, const std::string& path) {
        const auto found = files_.find(path);
        const auto deferred = deferred_locale_sha256_.find(locale);
        if (found == files_.end() && deferred != deferred_locale_sha256_.end() && !known_sha256_.empty() &&
            locale != rules_.default_locale) {
            rules_.locales_to_load.emplace(locale, deferred->second);
            return;
        }
        if (found != files_.end() && parse_flat_string_object(found->second, rules_.locales[locale])) return;
        rules_.locales.erase(locale);
        parsed_locales_[locale] = parse_file(path);
    }

    bool parse_manifest() {
        manifest_ = parse_file("manifest.json");
        if (manifest_.is_null()) return false;
        FileReader r("manifest.json", problems_);
        r.only_fields(manifest_, "", {"name", "version", "default_locale", "files", "locales"});
        rules_.name = r.string_field(manifest_, "", "name", true).value_or("");
        rules_.version = r.string_field(manifest_, "", "version", true).value_or("");
        rules_.default_locale = r.id_field(manifest_, "", "default_locale").value_or("");
        const json& files = r.object_field(manifest_, "", "files", true);
        for (const char* part : kParts) {
            auto path = r.string_field(files, "/files", part, true);
            if (path) rules_.part_files[part] = *path;
        }
        for (const auto& entry : files.items()) {
            bool known = false;
            for (const char* part : kParts) known = known || entry.key() == part;
            if (!known) r.problem("/files/" + pointer_token(entry.key()), "unknown part '" + entry.key() + "'");
        }
        const json& locales = r.object_field(manifest_, "", "locales", true);
        for (const auto& entry : locales.items()) {
            const std::string pointer = "/locales/" + pointer_token(entry.key());
            if (!valid_id(entry.key())) r.problem(pointer, "'" + entry.key() + "' is not a valid locale id");
            if (!entry.value().is_string()) {
                r.problem(pointer, "must be a file path string, not " + type_name(entry.value()));
                continue;
            }
            rules_.locale_files[entry.key()] = entry.value().get<std::string>();
        }
        if (locales.empty()) r.problem("/locales", "at least one locale is required");
        if (!rules_.default_locale.empty() && rules_.locale_files.count(rules_.default_locale) == 0) {
            r.problem("/default_locale", "default locale '" + rules_.default_locale + "' is not listed in locales");
        }
        // Parts missing from the manifest cannot be read; everything else still is, to list as much as possible.
        if (rules_.part_files.size() != std::size(kParts)) return false;
        return true;
    }

    // The parsed file of part `name`, parsed now if no step read it before. A part read after done_with() dropped
    // it is a bug in run()'s order, and must fail the load loudly (Engine turns the exception into an error) rather
    // than parse the file a second time unnoticed.
    const json& part(const char* name) {
        const auto parsed = parsed_parts_.find(name);
        if (parsed != parsed_parts_.end()) return parsed->second;
        if (dropped_parts_.count(name) != 0) throw std::logic_error(std::string("part read after done_with: ") + name);
        return parsed_parts_.emplace(name, parse_file(rules_.part_files[name])).first->second;
    }
    void done_with(const char* name) {
        if (known_sha256_.empty()) return;
        parsed_parts_.erase(name);
        dropped_parts_.insert(name);
    }

    // `source` is optional at load (lint reports items without one) but must name a known source when given.
    std::string source(FileReader& r, const json& item, const std::string& pointer) {
        auto id = r.string_field(item, pointer, "source", false);
        if (!id) return "";
        if (rules_.sources.count(*id) == 0) r.problem(pointer + "/source", "unknown source '" + *id + "'");
        return *id;
    }

    void load_sources() {
        const json& doc = part("sources");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["sources"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"sources"});
        const json& sources = r.object_field(doc, "", "sources", true);
        for (const auto& entry : sources.items()) {
            const std::string pointer = "/sources/" + pointer_token(entry.key());
            if (!valid_id(entry.key())) r.problem(pointer, "'" + entry.key() + "' is not a valid source id");
            if (!entry.value().is_string() || entry.value().get<std::string>().empty()) {
                r.problem(pointer, "a source must be a non-empty citation string");
                continue;
            }
            rules_.sources[entry.key()] = entry.value().get<std::string>();
        }
    }

    std::optional<std::size_t> root_index(const std::string& root) const {
        for (std::size_t i = 0; i < rules_.roots.roots.size(); ++i) {
            if (rules_.roots.roots[i] == root) return i;
        }
        return std::nullopt;
    }

    // roots.json "roots" (ranked: the engine may report them) then the optional "unranked_roots" (a region or
    // evidence may name them; they are tallied but never reported), one list without duplicates across both.
    void load_root_list() {
        const json& doc = part("roots");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["roots"], problems_, &rules_.condition_keys);
        std::set<std::string> seen;
        for (const char* list : {"roots", "unranked_roots"}) {
            const bool ranked = std::string(list) == "roots";
            const json& roots = r.array_field(doc, "", list, ranked);
            for (std::size_t i = 0; i < roots.size(); ++i) {
                const std::string pointer = item_pointer(list, i);
                if (!roots[i].is_string() || !valid_id(roots[i].get<std::string>())) {
                    r.problem(pointer, "a root must be an id string");
                    continue;
                }
                const std::string root = roots[i].get<std::string>();
                if (!seen.insert(root).second) r.problem(pointer, "duplicate root '" + root + "'");
                rules_.roots.roots.push_back(root);
            }
            if (ranked) {
                if (roots.empty()) r.problem("/roots", "at least one root is required");
                rules_.roots.ranked = rules_.roots.roots.size();
            }
        }
    }

    // (root index, weight) pairs from {"<root>": weight}, each root known.
    std::vector<std::pair<std::size_t, double>> root_weights(FileReader& r, const json& object,
                                                             const std::string& pointer) {
        std::vector<std::pair<std::size_t, double>> weights;
        for (const auto& entry : object.items()) {
            const std::string at = pointer + "/" + pointer_token(entry.key());
            const auto index = root_index(entry.key());
            if (!index) {
                r.problem(at, "unknown root '" + entry.key() + "' (not in roots.json roots or unranked_roots)");
            }
            if (!entry.value().is_number()) {
                r.problem(at, "a root weight must be a number, not " + type_name(entry.value()));
                continue;
            }
            if (index) weights.emplace_back(*index, entry.value().get<double>());
        }
        return weights;
    }

    void load_regions() {
        const json& doc = part("regions");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["regions"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"regions"});
        const json& regions = r.array_field(doc, "", "regions", true);
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < regions.size(); ++i) {
            const std::string pointer = item_pointer("regions", i);
            const json& item = regions[i];
            if (!r.expect_object(item, pointer)) continue;
            r.only_fields(item, pointer, {"id", "side", "view", "dermatomes"});
            Region region;
            region.id = r.id_field(item, pointer, "id").value_or("");
            region.side = r.string_field(item, pointer, "side", true).value_or("");
            region.view = r.string_field(item, pointer, "view", true).value_or("");
            if (!region.side.empty() && region.side != "left" && region.side != "right" && region.side != "midline") {
                r.problem(pointer + "/side", "side must be left, right or midline, not '" + region.side + "'");
            }
            if (!region.view.empty() && region.view != "front" && region.view != "back") {
                r.problem(pointer + "/view", "view must be front or back, not '" + region.view + "'");
            }
            const json& dermatomes = r.object_field(item, pointer, "dermatomes", true);
            region.dermatomes = root_weights(r, dermatomes, pointer + "/dermatomes");
            region.dermatomes_json = dermatomes;
            if (region.id.empty()) continue;
            r.unique(seen, region.id, pointer);
            rules_.region_index.emplace(region.id, rules_.regions.size());
            rules_.regions.push_back(std::move(region));
        }
        rules_.roots.primary_regions.assign(rules_.roots.roots.size(), {});
        for (std::size_t i = 0; i < rules_.regions.size(); ++i) {
            const Region& region = rules_.regions[i];
            std::optional<std::size_t> best;
            double best_weight = 0;
            for (const auto& [root, weight] : region.dermatomes) {
                if (weight > best_weight) best = root, best_weight = weight;
            }
            if (best) rules_.roots.primary_regions[*best].push_back(i);
        }
    }

    void load_questionnaire() {
        const json& doc = part("questionnaire");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["questionnaire"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"sections", "questions"});
        const json& sections = r.array_field(doc, "", "sections", true);
        std::map<std::string, std::string> seen_sections;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            const std::string pointer = item_pointer("sections", i);
            if (!r.expect_object(sections[i], pointer)) continue;
            r.only_fields(sections[i], pointer, {"id", "mode"});
            Section section;
            section.id = r.id_field(sections[i], pointer, "id").value_or("");
            section.mode = mode_filter(r, sections[i], pointer);
            if (section.id.empty()) continue;
            r.unique(seen_sections, section.id, pointer);
            rules_.sections.push_back(std::move(section));
        }
        const json& questions = r.array_field(doc, "", "questions", true);
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < questions.size(); ++i) {
            const std::string pointer = item_pointer("questions", i);
            if (!r.expect_object(questions[i], pointer)) continue;
            auto question = load_question(r, questions[i], pointer);
            if (!question) continue;
            r.unique(seen, question->id, pointer);
            rules_.question_index.emplace(question->id, rules_.questions.size());
            rules_.questions.push_back(std::move(*question));
        }
    }

    ModeFilter mode_filter(FileReader& r, const json& item, const std::string& pointer) {
        ModeFilter filter;
        auto mode = r.string_field(item, pointer, "mode", false);
        if (!mode) return filter;
        if (*mode != "all" && *mode != "self" && *mode != "clinician") {
            r.problem(pointer + "/mode", "mode must be all, self or clinician, not '" + *mode + "'");
            return filter;
        }
        filter.value = *mode;
        return filter;
    }

    std::optional<Question> load_question(FileReader& r, const json& item, const std::string& pointer) {
        r.only_fields(item, pointer, {"id", "section", "screen", "type", "options", "min", "max", "unit", "visible",
                                      "mode"});
        Question q;
        q.id = r.id_field(item, pointer, "id").value_or("");
        for (const char* reserved : kReservedKeys) {
            if (q.id == reserved) r.problem(pointer + "/id", "'" + q.id + "' is reserved for condition data");
        }
        q.section = r.string_field(item, pointer, "section", true).value_or("");
        bool section_known = false;
        for (std::size_t s = 0; s < rules_.sections.size(); ++s) {
            if (rules_.sections[s].id == q.section) q.section_index = s, section_known = true;
        }
        if (!q.section.empty() && !section_known) r.problem(pointer + "/section", "unknown section '" + q.section + "'");
        q.screen = r.string_field(item, pointer, "screen", false).value_or(q.id);
        const std::string type = r.string_field(item, pointer, "type", true).value_or("");
        if (type == "choice") {
            q.type = QuestionType::choice;
        } else if (type == "multi") {
            q.type = QuestionType::multi;
        } else if (type == "integer") {
            q.type = QuestionType::integer;
        } else if (type == "number") {
            q.type = QuestionType::number;
        } else if (type == "regions") {
            q.type = QuestionType::regions;
        } else if (!type.empty()) {
            r.problem(pointer + "/type", "type must be choice, multi, integer, number or regions, not '" + type + "'");
        }
        const bool has_options = q.type == QuestionType::choice || q.type == QuestionType::multi;
        const bool numeric = q.type == QuestionType::integer || q.type == QuestionType::number;
        if (has_options) {
            const json& options = r.array_field(item, pointer, "options", true);
            std::set<std::string> seen;
            for (std::size_t o = 0; o < options.size(); ++o) {
                const std::string at = pointer + "/options/" + std::to_string(o);
                if (!options[o].is_string() || !valid_id(options[o].get<std::string>())) {
                    r.problem(at, "an option must be an id string");
                    continue;
                }
                const std::string value = options[o].get<std::string>();
                if (!seen.insert(value).second) r.problem(at, "duplicate option '" + value + "'");
                q.options.push_back(value);
            }
            if (options.empty()) r.problem(pointer + "/options", "a " + type + " question needs options");
            q.offers_unsure = seen.count("unsure") != 0;
        } else if (item.contains("options")) {
            r.problem(pointer + "/options", "only choice and multi questions have options");
        }
        if (numeric) {
            auto min = r.number_field(item, pointer, "min", true);
            auto max = r.number_field(item, pointer, "max", true);
            q.min = min.value_or(0);
            q.max = max.value_or(0);
            if (min && max && *min > *max) r.problem(pointer + "/max", "max is below min");
            if (q.type == QuestionType::integer && (std::floor(q.min) != q.min || std::floor(q.max) != q.max)) {
                r.problem(pointer, "an integer question needs whole-number min and max");
            }
            q.unit = r.bool_field(item, pointer, "unit").value_or(false);
        } else {
            for (const char* key : {"min", "max", "unit"}) {
                if (item.contains(key)) r.problem(pointer + "/" + key, "only integer and number questions have " +
                                                                           std::string(key));
            }
        }
        q.visible = r.condition(item, pointer, "visible", false);
        if (q.visible.present) q.visible_json = item.at("visible");
        q.mode = mode_filter(r, item, pointer);
        if (q.id.empty()) return std::nullopt;
        return q;
    }

    void load_facts() {
        const json& doc = part("facts");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["facts"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"facts"});
        rules_.facts = load_items(r, r.array_field(doc, "", "facts", true), "facts", true);
    }

    std::vector<Item> load_items(FileReader& r, const json& list, const char* name, bool when_required) {
        std::vector<Item> items;
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string pointer = item_pointer(name, i);
            if (!r.expect_object(list[i], pointer)) continue;
            r.only_fields(list[i], pointer, {"id", "when", "source"});
            Item item;
            item.id = r.id_field(list[i], pointer, "id").value_or("");
            item.when = r.condition(list[i], pointer, "when", when_required);
            item.source = source(r, list[i], pointer);
            if (item.id.empty()) continue;
            r.unique(seen, item.id, pointer);
            items.push_back(std::move(item));
        }
        return items;
    }

    void load_pain_type() {
        const json& doc = part("pain_type");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["pain_type"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"evidence", "classify", "default"});
        PainTypeModel& model = rules_.pain_type;
        const json& evidence = r.array_field(doc, "", "evidence", true);
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < evidence.size(); ++i) {
            const std::string pointer = item_pointer("evidence", i);
            if (!r.expect_object(evidence[i], pointer)) continue;
            r.only_fields(evidence[i], pointer, {"id", "favours", "weight", "when", "source"});
            PainEvidence e;
            e.id = r.id_field(evidence[i], pointer, "id").value_or("");
            e.favours = r.id_field(evidence[i], pointer, "favours").value_or("");
            e.weight = r.number_field(evidence[i], pointer, "weight", true).value_or(0);
            e.when = r.condition(evidence[i], pointer, "when", true);
            e.source = source(r, evidence[i], pointer);
            if (e.id.empty() || e.favours.empty()) continue;
            r.unique(seen, e.id, pointer);
            bool known = false;
            for (const std::string& f : model.favours) known = known || f == e.favours;
            if (!known) model.favours.push_back(e.favours);
            model.evidence.push_back(std::move(e));
        }
        const json& classify = r.array_field(doc, "", "classify", true);
        for (std::size_t i = 0; i < classify.size(); ++i) {
            const std::string pointer = item_pointer("classify", i);
            if (!r.expect_object(classify[i], pointer)) continue;
            r.only_fields(classify[i], pointer, {"classification", "when"});
            PainClassify c;
            c.classification = r.id_field(classify[i], pointer, "classification").value_or("");
            c.when = r.condition(classify[i], pointer, "when", true);
            if (!c.classification.empty()) model.classify.push_back(std::move(c));
        }
        auto fallback = r.id_field(doc, "", "default");
        model.default_classification = fallback.value_or("");
        // The scores sit next to these keys in derived.pain_type and in the result's pain_type.
        for (const std::string& f : model.favours) {
            if (f == "classification" || f == "text" || f == "evidence") {
                r.problem("/evidence", "'" + f + "' cannot be a favours value (it names another field)");
            }
        }
    }

    void load_root_evidence() {
        const json& doc = part("roots");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["roots"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"roots", "unranked_roots", "half_score", "min_score", "max_reported", "region_evidence",
                                "evidence"});
        RootModel& model = rules_.roots;
        model.half_score = r.number_field(doc, "", "half_score", true).value_or(1);
        if (model.half_score <= 0) r.problem("/half_score", "half_score must be above 0");
        model.min_score = r.number_field(doc, "", "min_score", true).value_or(0);
        const auto max_reported = r.number_field(doc, "", "max_reported", true);
        if (max_reported) {
            if (*max_reported < 1 || std::floor(*max_reported) != *max_reported) {
                r.problem("/max_reported", "max_reported must be a whole number of at least 1");
            } else {
                model.max_reported = static_cast<std::size_t>(*max_reported);
            }
        }
        std::map<std::string, std::string> seen;  // region and condition evidence share the roots.evidence.* keys
        const json& region_evidence = r.array_field(doc, "", "region_evidence", false);
        for (std::size_t i = 0; i < region_evidence.size(); ++i) {
            const std::string pointer = item_pointer("region_evidence", i);
            const json& item = region_evidence[i];
            if (!r.expect_object(item, pointer)) continue;
            r.only_fields(item, pointer, {"id", "answer", "weight", "source"});
            RegionEvidence e;
            e.id = r.id_field(item, pointer, "id").value_or("");
            e.answer = r.string_field(item, pointer, "answer", true).value_or("");
            const Question* question = rules_.find_question(e.answer);
            if (!e.answer.empty() && (question == nullptr || question->type != QuestionType::regions)) {
                r.problem(pointer + "/answer", "'" + e.answer + "' is not a question of type regions");
            }
            e.weight = r.number_field(item, pointer, "weight", true).value_or(0);
            e.source = source(r, item, pointer);
            if (e.id.empty()) continue;
            r.unique(seen, e.id, pointer);
            model.region_evidence.push_back(std::move(e));
        }
        const json& evidence = r.array_field(doc, "", "evidence", false);
        for (std::size_t i = 0; i < evidence.size(); ++i) {
            const std::string pointer = item_pointer("evidence", i);
            const json& item = evidence[i];
            if (!r.expect_object(item, pointer)) continue;
            r.only_fields(item, pointer, {"id", "when", "roots", "side", "weight", "source"});
            RootEvidence e;
            e.id = r.id_field(item, pointer, "id").value_or("");
            e.when = r.condition(item, pointer, "when", true);
            e.roots = root_weights(r, r.object_field(item, pointer, "roots", true), pointer + "/roots");
            e.side = r.condition(item, pointer, "side", false);
            e.weight = r.number_field(item, pointer, "weight", true).value_or(0);
            e.source = source(r, item, pointer);
            if (e.id.empty()) continue;
            r.unique(seen, e.id, pointer);
            model.evidence.push_back(std::move(e));
        }
    }

    void load_mechanisms() {
        const json& doc = part("mechanisms");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["mechanisms"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"min_score", "mechanisms"});
        MechanismModel& model = rules_.mechanisms;
        model.min_score = r.number_field(doc, "", "min_score", true).value_or(0);
        const json& mechanisms = r.array_field(doc, "", "mechanisms", true);
        std::map<std::string, std::string> seen;
        for (std::size_t m = 0; m < mechanisms.size(); ++m) {
            const std::string pointer = item_pointer("mechanisms", m);
            const json& item = mechanisms[m];
            if (!r.expect_object(item, pointer)) continue;
            r.only_fields(item, pointer, {"id", "spinal", "evidence"});
            Mechanism mechanism;
            mechanism.id = r.id_field(item, pointer, "id").value_or("");
            if (mechanism.id == "top") r.problem(pointer + "/id", "'top' is reserved in derived.mechanisms");
            mechanism.spinal = r.bool_field(item, pointer, "spinal").value_or(true);
            const json& evidence = r.array_field(item, pointer, "evidence", true);
            std::map<std::string, std::string> seen_evidence;
            for (std::size_t i = 0; i < evidence.size(); ++i) {
                const std::string at = pointer + item_pointer("evidence", i);
                if (!r.expect_object(evidence[i], at)) continue;
                r.only_fields(evidence[i], at, {"id", "weight", "when", "source"});
                MechanismEvidence e;
                e.id = r.id_field(evidence[i], at, "id").value_or("");
                e.weight = r.number_field(evidence[i], at, "weight", true).value_or(0);
                e.when = r.condition(evidence[i], at, "when", true);
                e.source = source(r, evidence[i], at);
                if (e.id.empty()) continue;
                r.unique(seen_evidence, e.id, at);
                if (e.weight > 0) mechanism.positive_weight += e.weight;
                mechanism.evidence.push_back(std::move(e));
            }
            if (mechanism.positive_weight <= 0) {
                r.problem(pointer + "/evidence", "a mechanism needs evidence with a positive weight to be scored");
            }
            if (mechanism.id.empty()) continue;
            r.unique(seen, mechanism.id, pointer);
            model.mechanisms.push_back(std::move(mechanism));
        }
    }

    std::optional<std::size_t> level_index(const std::string& id) const {
        for (std::size_t i = 0; i < rules_.triage.levels.size(); ++i) {
            if (rules_.triage.levels[i].id == id) return i;
        }
        return std::nullopt;
    }

    void load_triage() {
        const json& doc = part("triage");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["triage"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"levels", "default", "rules"});
        TriageModel& model = rules_.triage;
        const json& levels = r.array_field(doc, "", "levels", true);
        std::map<std::string, std::string> seen_levels;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const std::string pointer = item_pointer("levels", i);
            if (!r.expect_object(levels[i], pointer)) continue;
            r.only_fields(levels[i], pointer, {"id", "escalate"});
            Level level;
            level.id = r.id_field(levels[i], pointer, "id").value_or("");
            level.escalate = r.bool_field(levels[i], pointer, "escalate").value_or(false);
            if (level.id.empty()) continue;
            r.unique(seen_levels, level.id, pointer);
            model.levels.push_back(std::move(level));
        }
        if (levels.empty()) r.problem("/levels", "at least one level is required");
        auto fallback = r.string_field(doc, "", "default", true);
        if (fallback) {
            const auto index = level_index(*fallback);
            if (!index) r.problem("/default", "unknown level '" + *fallback + "'");
            model.default_level = index.value_or(0);
        }
        const json& rules = r.array_field(doc, "", "rules", true);
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const std::string pointer = item_pointer("rules", i);
            if (!r.expect_object(rules[i], pointer)) continue;
            r.only_fields(rules[i], pointer, {"id", "level", "red_flag", "when", "source", "asks_first"});
            TriageRule rule;
            rule.id = r.id_field(rules[i], pointer, "id").value_or("");
            auto level = r.string_field(rules[i], pointer, "level", true);
            if (level) {
                const auto index = level_index(*level);
                if (!index) r.problem(pointer + "/level", "unknown level '" + *level + "'");
                rule.level = index.value_or(0);
            }
            rule.red_flag = r.bool_field(rules[i], pointer, "red_flag").value_or(false);
            rule.when = r.condition(rules[i], pointer, "when", true);
            rule.source = source(r, rules[i], pointer);
            rule.asks_first = asked_first(r, rules[i], pointer);
            if (rule.id.empty()) continue;
            r.unique(seen, rule.id, pointer);
            model.rules.push_back(std::move(rule));
        }
    }

    // A triage rule's `asks_first`: an optional array of distinct question ids.
    std::vector<std::size_t> asked_first(FileReader& r, const json& rule, const std::string& pointer) {
        std::vector<std::size_t> questions;
        if (!rule.contains("asks_first")) return questions;
        const json& ids = r.array_field(rule, pointer, "asks_first", false);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::string at = pointer + "/asks_first/" + std::to_string(i);
            const auto found = ids[i].is_string() ? rules_.question_index.find(ids[i].get<std::string>())
                                                  : rules_.question_index.end();
            if (found == rules_.question_index.end()) {
                r.problem(at, ids[i].is_string() ? "unknown question '" + ids[i].get<std::string>() + "'"
                                                 : "must be a question id, not " + type_name(ids[i]));
                continue;
            }
            if (std::find(questions.begin(), questions.end(), found->second) != questions.end()) {
                r.problem(at, "question '" + found->first + "' is listed twice");
                continue;
            }
            questions.push_back(found->second);
        }
        return questions;
    }

    void load_advice() {
        const json& doc = part("advice");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["advice"], problems_, &rules_.condition_keys);
        r.only_fields(doc, "", {"advice", "safety_net"});
        rules_.advice = load_items(r, r.array_field(doc, "", "advice", true), "advice", false);
        rules_.safety_net = load_items(r, r.array_field(doc, "", "safety_net", true), "safety_net", false);
        bool unconditional = false;
        for (const Item& item : rules_.safety_net) unconditional = unconditional || !item.when.present;
        if (!unconditional) {
            r.problem("/safety_net", "no unconditional safety-net item: the safety net must appear on every result");
        }
    }

    // A phone number as dialled: 1 to 15 digits (ITU-T E.164 allows no more).
    static bool valid_number(const json& value) {
        if (!value.is_string()) return false;
        const std::string& text = value.get_ref<const std::string&>();
        return !text.empty() && text.size() <= 15 &&
               std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    }

    static bool valid_country(const json& value) {
        if (!value.is_string()) return false;
        const std::string& code = value.get_ref<const std::string&>();
        return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    }

    void load_emergency_numbers() {
        const json& doc = part("emergency_numbers");
        if (doc.is_null()) return;
        FileReader r(rules_.part_files["emergency_numbers"], problems_);
        r.only_fields(doc, "", {"numbers", "common"});
        EmergencyNumbers& table = rules_.emergency_numbers;
        std::set<std::string> listed;  // countries seen so far, to refuse one listed twice
        const json& numbers = r.array_field(doc, "", "numbers", true);
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            const std::string pointer = item_pointer("numbers", i);
            if (!r.expect_object(numbers[i], pointer)) continue;
            r.only_fields(numbers[i], pointer, {"number", "countries", "source"});
            const json* number = r.field(numbers[i], pointer, "number", true);
            const bool number_valid = number != nullptr && valid_number(*number);
            if (number != nullptr && !number_valid) {
                r.problem(pointer + "/number", "a number must be a string of 1 to 15 digits");
            }
            if (r.field(numbers[i], pointer, "source", true) != nullptr) source(r, numbers[i], pointer);
            const json& countries = r.array_field(numbers[i], pointer, "countries", true);
            if (countries.empty()) r.problem(pointer + "/countries", "at least one country is required");
            for (std::size_t c = 0; c < countries.size(); ++c) {
                const std::string at = pointer + "/countries/" + std::to_string(c);
                if (!valid_country(countries[c])) {
                    r.problem(at, "a country must be an ISO 3166-1 alpha-2 code such as \"GB\"");
                    continue;
                }
                const std::string& code = countries[c].get_ref<const std::string&>();
                if (!listed.insert(code).second) {
                    r.problem(at, "country '" + code + "' is listed twice");
                } else if (number_valid) {
                    table.by_country.emplace(code, number->get<std::string>());
                }
            }
        }
        const json& common = r.array_field(doc, "", "common", true);
        if (common.empty()) r.problem("/common", "at least one number is required");
        for (std::size_t i = 0; i < common.size(); ++i) {
            if (!valid_number(common[i])) {
                r.problem("/common/" + std::to_string(i), "a number must be a string of 1 to 15 digits");
                continue;
            }
            table.common.push_back(common[i].get<std::string>());
        }
    }

    void load_locales() {
        // Locale files read_locale() could not take as they are: the texts move out of the parsed files (the
        // fingerprint writes them from rules_.locales), and anything that is not a text is a problem.
        for (auto& [locale, doc] : parsed_locales_) {
            if (doc.is_null()) continue;
            FileReader r(rules_.locale_files[locale], problems_);
            LocaleTexts& texts = rules_.locales[locale];
            for (auto& [key, text] : doc.get_ref<json::object_t&>()) {
                if (!text.is_string()) {
                    r.problem("/" + pointer_token(key), "a text must be a string, not " + type_name(text));
                    continue;
                }
                texts.emplace_hint(texts.end(), key, std::move(text.get_ref<std::string&>()));
            }
        }
        parsed_locales_.clear();
        // The built-in set passed these checks when the build loaded it to compute known_sha256_ (rule_set.h).
        if (!known_sha256_.empty()) return;
        const std::vector<TextRequirement> requirements = text_requirements(rules_);
        const auto default_texts = rules_.locales.find(rules_.default_locale);
        for (const auto& [locale, texts] : rules_.locales) {
            FileReader r(rules_.locale_files[locale], problems_);
            for (const TextRequirement& requirement : requirements) {
                bool present = false;
                for (const std::string& key : requirement.alternatives) present = present || texts.count(key) != 0;
                if (present) continue;
                std::string message = "missing text '" + requirement.alternatives.front() + "'";
                for (std::size_t k = 1; k < requirement.alternatives.size(); ++k) {
                    message += " (or '" + requirement.alternatives[k] + "')";
                }
                r.problem("/" + pointer_token(requirement.alternatives.front()), message + " for " + requirement.owner);
            }
            if (default_texts == rules_.locales.end() || locale == rules_.default_locale) continue;
            for (const auto& entry : default_texts->second) {
                if (entry.first.rfind(kUiPrefix, 0) == 0 && texts.count(entry.first) == 0) {
                    r.problem("/" + pointer_token(entry.first),
                              "missing text '" + entry.first + "' (present in the default locale)");
                }
            }
        }
    }

    // The canonical bundle (rules/README.md): reformatting a file keeps the digest, any content change alters it.
    // Written straight from the parsed files, in the sorted key order dump() would give the bundle object: copying
    // them into one object and dumping it took three quarters of the time a rule set takes to load.
    void fingerprint() {
        std::vector<std::pair<std::string_view, const json*>> members;
        members.emplace_back("manifest", &manifest_);
        for (const auto& [name, doc] : parsed_parts_) members.emplace_back(name, &doc);
        members.emplace_back("locales", nullptr);  // written from rules_.locales
        insertion_sort(members.begin(), members.end());
        JsonWriter bundle(256 * 1024);
        bundle.begin_object();
        for (const auto& [name, doc] : members) {
            bundle.key(name);
            if (doc != nullptr) {
                bundle.value(*doc);
                continue;
            }
            // Each locale is a flat object of strings: written from the loaded texts, key order as dump() sorts.
            bundle.begin_object();
            for (const auto& [locale, texts] : rules_.locales) {
                bundle.key(locale).begin_object();
                for (const auto& [key, text] : texts) bundle.key(key).string(text);
                bundle.end_object();
            }
            bundle.end_object();
        }
        bundle.end_object();
        rules_.sha256 = sha256_hex(bundle.take());
    }
};

}  // namespace

namespace {

// `text` as cpp/embed_rules.cmake embeds a rule file: each line break and the indentation after it dropped (JSON
// strings hold no raw line break, so no text changes).
std::string as_embedded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '\n' && text[i] != '\r') {
            out += text[i++];
            continue;
        }
        while (i < text.size() && (text[i] == '\n' || text[i] == '\r' || text[i] == '\t' || text[i] == ' ')) ++i;
    }
    return out;
}

}  // namespace

std::string add_locale_texts(RuleSet& rules, const std::string& locale, std::string_view text) {
    const auto expected = rules.locales_to_load.find(locale);
    if (expected == rules.locales_to_load.end()) return "'" + locale + "' is not a locale waiting for its texts";
    const std::string embedded = as_embedded(text);
    const std::string digest = sha256_hex(embedded);
    if (digest != expected->second) {
        return "this is not the text of " + rules.locale_files.at(locale) + " this engine was built with (SHA-256 " +
               digest + ", expected " + expected->second + ")";
    }
    // The build's loader took this very text (its digest just matched) as a flat object of texts; as it does, the
    // fast reader first, the general one for what it leaves (escapes such as \" or \u00e9).
    LocaleTexts texts;
    if (!parse_flat_string_object(embedded, texts)) {
        texts.clear();
        ParsedJson parsed = parse_json_limited(embedded, ParseLimits{0, kMaxRuleFileDepth});
        if (parsed.error || !parsed.value.is_object()) return "not a JSON object of texts";
        for (auto& [key, value] : parsed.value.get_ref<json::object_t&>()) {
            if (!value.is_string()) return "the value of '" + key + "' is not a text";
            texts.emplace_hint(texts.end(), key, std::move(value.get_ref<std::string&>()));
        }
    }
    rules.locales.emplace(locale, std::move(texts));
    rules.locales_to_load.erase(expected);
    rules.prepare_mode_texts();
    return "";
}

void RuleSet::prepare_mode_texts() {
    for (const auto& entry : locales) mode_texts_.try_emplace(entry.first);
}

const ModeTexts& RuleSet::mode_texts(const std::string& locale, bool clinician) const {
    static const ModeTexts kNoTexts;  // a set without its default locale is refused at load: never returned then
    auto found = mode_texts_.find(locale);
    if (found == mode_texts_.end()) found = mode_texts_.find(default_locale);
    if (found == mode_texts_.end()) return kNoTexts;
    // The slots are all made at load, so finding one only reads the map; call_once makes the first caller build.
    LazyModeTexts& slot = clinician ? found->second.second : found->second.first;
    std::call_once(slot.built, [&] {
        slot.texts = std::make_unique<const ModeTexts>(build_mode_texts(*this, locales.at(found->first), clinician));
    });
    return *slot.texts;
}

RuleSetLoad load_rule_set(const RuleFiles& files, const std::string& known_sha256,
                          const std::map<std::string, std::string>& deferred_locale_sha256) {
    RuleFileViews views;
    for (const auto& [path, text] : files) views.emplace_hint(views.end(), path, text);
    return load_rule_set(views, known_sha256, deferred_locale_sha256);
}

RuleSetLoad load_rule_set(const RuleFileViews& files, const std::string& known_sha256,
                          const std::map<std::string, std::string>& deferred_locale_sha256) {
    RuleSetLoad load;
    auto rules = std::make_shared<RuleSet>();
    Loader(files, known_sha256, deferred_locale_sha256, *rules, load.problems).run();
    if (load.problems.empty()) load.rules = std::move(rules);
    return load;
}

}  // namespace rootcheck
