#include "lint.h"

#include <algorithm>

#include "json/reader.h"
#include "text_keys.h"

namespace rootcheck {

namespace {

using Path = std::vector<std::string>;

// The stages of rules/README.md's evaluation order; a condition may read what earlier stages produced.
enum class Stage { visibility, facts, pain_evidence, pain_classify, root_evidence, mechanisms, triage, advice };

const char* stage_name(Stage stage) {
    switch (stage) {
        case Stage::visibility: return "question visibility";
        case Stage::facts: return "facts";
        case Stage::pain_evidence: return "pain-type evidence";
        case Stage::pain_classify: return "pain-type classification";
        case Stage::root_evidence: return "root evidence";
        case Stage::mechanisms: return "mechanism evidence";
        case Stage::triage: return "triage rules";
        case Stage::advice: return "advice and safety net";
    }
    return "";
}

std::string dotted(const Path& path) {
    std::string text;
    for (const std::string& segment : path) text += (text.empty() ? "" : ".") + segment;
    return text;
}

class Linter {
public:
    explicit Linter(const RuleSet& rules) : rules_(rules) {}

    json run() {
        for (std::size_t i = 0; i < rules_.questions.size(); ++i) {
            check_condition(rules_.questions[i].visible, Stage::visibility, i);
            check_never_visible(i);
        }
        for (std::size_t i = 0; i < rules_.facts.size(); ++i) {
            check_condition(rules_.facts[i].when, Stage::facts, i);
            check_source(rules_.facts[i].source, rules_.facts[i].when.path);
        }
        for (const PainEvidence& e : rules_.pain_type.evidence) {
            check_condition(e.when, Stage::pain_evidence, 0);
            check_source(e.source, e.when.path);
        }
        for (const PainClassify& c : rules_.pain_type.classify) check_condition(c.when, Stage::pain_classify, 0);
        for (std::size_t i = 0; i < rules_.roots.region_evidence.size(); ++i) {
            check_source(rules_.roots.region_evidence[i].source,
                         part_file("roots") + "/region_evidence/" + std::to_string(i));
        }
        for (const RootEvidence& e : rules_.roots.evidence) {
            check_condition(e.when, Stage::root_evidence, 0);
            check_condition(e.side, Stage::root_evidence, 0);
            check_source(e.source, e.when.path);
        }
        for (const Mechanism& mechanism : rules_.mechanisms.mechanisms) {
            for (const MechanismEvidence& e : mechanism.evidence) {
                check_condition(e.when, Stage::mechanisms, 0);
                check_source(e.source, e.when.path);
            }
        }
        for (const TriageRule& rule : rules_.triage.rules) {
            check_condition(rule.when, Stage::triage, 0);
            check_source(rule.source, rule.when.path);
        }
        for (const std::vector<Item>* items : {&rules_.advice, &rules_.safety_net}) {
            for (const Item& item : *items) {
                check_condition(item.when, Stage::advice, 0);
                check_source(item.source, item.when.path);
            }
        }
        check_unused_texts();
        check_text_form();
        return json{{"problems", std::move(problems_)}};
    }

private:
    const RuleSet& rules_;
    json problems_ = json::array();

    void problem(const std::string& path, const std::string& message) {
        problems_.push_back({{"path", path}, {"message", message}});
    }

    std::string part_file(const char* part) const {
        const auto found = rules_.part_files.find(part);
        return found == rules_.part_files.end() ? part : found->second;
    }

    void check_source(const std::string& source, const std::string& path) {
        // `path` names the item's condition; the source belongs to the item itself.
        const std::string item = path.size() > 5 && path.compare(path.size() - 5, 5, "/when") == 0
                                     ? path.substr(0, path.size() - 5)
                                     : path;
        if (source.empty()) problem(item, "has no source: every rule must cite where it comes from");
    }

    // Why `path` cannot be read at `stage`, or "" when it can. `index` is the question or fact being checked.
    std::string unreadable(const Path& path, Stage stage, std::size_t index) const {
        const std::string& head = path[0];
        if (head == "mode") return path.size() > 1 ? "'mode' is a string with no fields" : "";
        if (head == "facts") return unreadable_fact(path, stage, index);
        if (head == "derived") return unreadable_derived(path, stage);
        const auto question = rules_.question_index.find(head);
        if (question == rules_.question_index.end()) return "'" + head + "' is not a question of the rule set";
        if (stage == Stage::visibility && question->second >= index) {
            return "'" + head + "' is not asked before this question, so its answer is never known here";
        }
        return "";
    }

    std::string unreadable_fact(const Path& path, Stage stage, std::size_t index) const {
        if (path.size() < 2) return "";
        if (stage == Stage::visibility) return "facts are computed after question visibility";
        for (std::size_t i = 0; i < rules_.facts.size(); ++i) {
            if (rules_.facts[i].id != path[1]) continue;
            if (stage == Stage::facts && i >= index) return "fact '" + path[1] + "' is computed after this one";
            return "";
        }
        return "'" + path[1] + "' is not a fact of the rule set";
    }

    std::string unreadable_derived(const Path& path, Stage stage) const {
        if (path.size() < 2) return "";
        const std::string& part = path[1];
        Stage ready;
        std::vector<std::string> fields;
        if (part == "pain_type") {
            ready = Stage::pain_classify;
            fields = rules_.pain_type.favours;
            fields.push_back("classification");
        } else if (part == "roots") {
            ready = Stage::mechanisms;
            fields = {"top", "count"};
        } else if (part == "mechanisms") {
            ready = Stage::triage;
            fields = {"top"};
            for (const Mechanism& mechanism : rules_.mechanisms.mechanisms) fields.push_back(mechanism.id);
        } else if (part == "triage") {
            ready = Stage::advice;
            fields = {"level"};
        } else {
            return "'derived." + part + "' does not exist (pain_type, roots, mechanisms, triage)";
        }
        if (stage < ready) return "'derived." + part + "' is not computed yet for " + stage_name(stage);
        if (path.size() < 3) return "";
        if (std::find(fields.begin(), fields.end(), path[2]) == fields.end()) {
            return "'" + dotted(path) + "' does not exist";
        }
        if (part == "roots" && path[2] == "top" && path.size() > 3 && path[3] != "root" && path[3] != "side" &&
            path[3] != "score") {
            return "'" + dotted(path) + "' does not exist (root, side, score)";
        }
        return "";
    }

    void check_condition(const Condition& condition, Stage stage, std::size_t index) {
        if (!condition.present) return;
        for (const Path& path : condition.program.referenced_paths()) {
            if (path.empty() || path[0].empty()) continue;
            const std::string why = unreadable(path, stage, index);
            if (!why.empty()) problem(condition.path, "reads '" + dotted(path) + "': " + why);
        }
    }

    // A question is never shown in a mode when its condition reads only answers that cannot be known there (unknown
    // keys, later questions, questions of the other mode) and is false without them.
    void check_never_visible(std::size_t index) {
        const Question& q = rules_.questions[index];
        if (!q.visible.present) return;
        for (const char* mode : {"self", "clinician"}) {
            if (!rules_.sections[q.section_index].mode.allows(mode) || !q.mode.allows(mode)) continue;
            bool reads_known_answer = false;
            for (const Path& path : q.visible.program.referenced_paths()) {
                if (path.empty()) continue;
                const auto question = rules_.question_index.find(path[0]);
                if (question == rules_.question_index.end() || question->second >= index) continue;
                const Question& read = rules_.questions[question->second];
                if (rules_.sections[read.section_index].mode.allows(mode) && read.mode.allows(mode)) {
                    reads_known_answer = true;
                }
            }
            if (reads_known_answer) continue;
            const json data = {{"mode", mode}, {"facts", json::object()}, {"derived", json::object()}};
            if (!holds(q.visible, data)) {
                problem(q.visible.path, "question '" + q.id + "' can never be visible in " + mode + " mode");
            }
        }
    }

    void check_unused_texts() {
        for (const auto& [locale, texts] : rules_.locales) {
            const std::set<std::string> used = used_text_keys(rules_, texts);
            const auto file = rules_.locale_files.find(locale);
            const std::string path = file == rules_.locale_files.end() ? locale : file->second;
            for (const auto& entry : texts) {
                if (used.count(entry.first) == 0) {
                    problem(path + "/" + pointer_token(entry.first), "text '" + entry.first + "' is never used");
                }
            }
        }
    }

    // The form of the texts a person reads (every text but the `@clinician` variants): no slash forms such as
    // "seguro/a" (a screen reader says "seguro barra a"; rules/README.md asks for words that need no slash), and in a
    // locale other than the default none much longer than the default locale's text, which would wrap or overflow on
    // a phone: at most 60% longer, and a short text at most 12 characters longer ("Left" is "Izquierda").
    void check_text_form() {
        const auto defaults = rules_.locales.find(rules_.default_locale);
        for (const auto& [locale, texts] : rules_.locales) {
            const auto file = rules_.locale_files.find(locale);
            const std::string path = file == rules_.locale_files.end() ? locale : file->second;
            for (const auto& [key, text] : texts) {
                if (is_clinician_variant(key)) continue;
                const std::string at = path + "/" + pointer_token(key);
                if (has_slash_form(text)) problem(at, "uses a slash form such as 'o/a': write words that need none");
                if (defaults == rules_.locales.end() || locale == rules_.default_locale) continue;
                const auto original = defaults->second.find(key);
                if (original == defaults->second.end()) continue;
                const std::size_t length = characters(text);
                const std::size_t limit = std::max(characters(original->second) * 8 / 5, characters(original->second) + 12);
                if (length > limit) {
                    problem(at, "is " + std::to_string(length) + " characters, more than 60% longer than the " +
                                    rules_.default_locale + " text (" + std::to_string(characters(original->second)) +
                                    "): shorten it so it fits a phone screen");
                }
            }
        }
    }

    static bool is_clinician_variant(const std::string& key) {
        const std::string suffix = kClinicianSuffix;
        return key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
    }

    // Letters (ASCII, or any byte of a multi-byte UTF-8 character) on both sides of a '/': "seguro/a", "and/or".
    static bool has_slash_form(const std::string& text) {
        const auto letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; };
        for (std::size_t i = 1; i + 1 < text.size(); ++i) {
            if (text[i] == '/' && letter(static_cast<unsigned char>(text[i - 1])) &&
                letter(static_cast<unsigned char>(text[i + 1]))) {
                return true;
            }
        }
        return false;
    }

    // Characters (code points) of UTF-8 text: every byte but the continuation bytes 10xxxxxx.
    static std::size_t characters(const std::string& text) {
        return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    }
};

}  // namespace

json lint_document(const RuleSet& rules) {
    return Linter(rules).run();
}

}  // namespace rootcheck
