// The facade: parses, delegates, serialises once, and converts every exception into an error document so nothing
// ever escapes to the bindings (a C++ exception would reach JavaScript as a bare number).
#include "engine.h"

#include <exception>
#include <new>
#include <optional>

#include "answers.h"
#include "assessment.h"
#include "embedded_rules.h"
#include "json/reader.h"
#include "json/writer.h"
#include "jsonlogic/jsonlogic.h"
#include "lint.h"
#include "navigation.h"
#include "questionnaire_document.h"
#include "result_document.h"
#include "rule_set.h"

namespace rootcheck {

namespace {

std::string internal_error(const char* what) {
    return json_text(error_document(InputError{"internal_error", std::string("internal error: ") + what, ""}));
}

// Runs `body`, turning anything thrown into an error document.
template <typename Body>
std::string guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return R"({"error":{"code":"internal_error","message":"out of memory","path":""}})";
    } catch (const std::exception& e) {
        try {
            return internal_error(e.what());
        } catch (...) {
            return R"({"error":{"code":"internal_error","message":"internal error","path":""}})";
        }
    } catch (...) {
        return R"({"error":{"code":"internal_error","message":"internal error","path":""}})";
    }
}

// Runs `body(rules)` as guarded() does, over the rule set loaded when the call begins (the call holds its own
// reference, so a set loaded meanwhile does not pull it away); while no set is loaded, the answer is no_rules with the
// reason. The calls that only read the set take it as const RuleSet& in `body`; add_locale takes RuleSet&.
template <typename Body>
std::string with_rules(const std::shared_ptr<RuleSet>& loaded, const std::string& no_rules_message,
                       Body&& body) noexcept {
    return guarded([&] {
        const std::shared_ptr<RuleSet> rules = loaded;
        if (!rules) return json_text(error_document(InputError{"no_rules", no_rules_message, ""}));
        return body(*rules);
    });
}

json invalid_rules(const std::vector<RuleProblem>& problems) {
    json list = json::array();
    for (const RuleProblem& p : problems) list.push_back({{"path", p.path}, {"message", p.message}});
    return json{{"error",
                 {{"code", "invalid_rules"},
                  {"message", "the rule set has " + std::to_string(problems.size()) + " problem(s)"},
                  {"problems", std::move(list)}}}};
}

// The answer when the rule set's conditions spent the budget of one call (jsonlogic::Budget): the evaluation stopped
// at `condition`, so there is no result to give.
std::string budget_exceeded(const Condition& condition) {
    return json_text(error_document(InputError{
        "budget_exceeded",
        "the rule at " + condition.path + " exceeded the evaluation budget of a call (" +
            std::to_string(jsonlogic::Budget::kSteps) + " steps, " + std::to_string(jsonlogic::Budget::kBytes) +
            " bytes of values built): it builds too large a value or runs too long",
        ""}));
}

std::string summarise(const std::vector<RuleProblem>& problems) {
    std::string text = "the built-in rule set did not load (" + std::to_string(problems.size()) + " problem(s))";
    for (std::size_t i = 0; i < problems.size() && i < 5; ++i) {
        text += (i == 0 ? ": " : "; ") + problems[i].path + ": " + problems[i].message;
    }
    return text;
}

}  // namespace

Engine::Engine() {
    try {
        RuleSetLoad load = load_rule_set(embedded_rule_files(), embedded_rules_sha256(), embedded_locale_sha256());
        rules_ = std::move(load.rules);
        if (!rules_) no_rules_message_ = summarise(load.problems);
    } catch (const std::exception& e) {
        no_rules_message_ = std::string("the built-in rule set did not load: ") + e.what();
    }
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

std::string Engine::load_rules(const RuleFiles& files) {
    return guarded([&] {
        RuleSetLoad load = load_rule_set(files);
        if (!load.rules) return json_text(invalid_rules(load.problems));
        rules_ = std::move(load.rules);
        no_rules_message_.clear();
        return info();
    });
}

std::string Engine::load_rules_json(std::string_view files_object) {
    return guarded([&] {
        ParsedJson parsed = parse_json_limited(files_object, ParseLimits{0, kMaxRuleFileDepth});
        if (parsed.error) {
            const InputError& error = *parsed.error;
            return json_text(invalid_rules({RuleProblem{error.path, error.code + ": " + error.message}}));
        }
        if (!parsed.value.is_object()) {
            return json_text(invalid_rules({RuleProblem{"", "expected an object {\"<path>\": \"<file text>\"}"}}));
        }
        RuleFiles files;
        std::vector<RuleProblem> problems;
        for (const auto& [path, text] : parsed.value.items()) {
            if (!text.is_string()) {
                problems.push_back(RuleProblem{path, "the file text must be a string"});
                continue;
            }
            files.emplace(path, text.get<std::string>());
        }
        if (!problems.empty()) return json_text(invalid_rules(problems));
        return load_rules(files);
    });
}

std::string Engine::assess(std::string_view answers_document) const {
    return with_rules(rules_, no_rules_message_, [&](const RuleSet& rules) {
        ParsedAnswers parsed = parse_answers(answers_document, rules);
        if (parsed.error) return json_text(error_document(*parsed.error));
        jsonlogic::Budget budget;
        const Evaluation evaluation = evaluate(rules, parsed.answers, budget);
        if (evaluation.over_budget != nullptr) return budget_exceeded(*evaluation.over_budget);
        return result_text(rules, parsed.answers, evaluation);
    });
}

std::string Engine::next(std::string_view answers_document) const {
    return with_rules(rules_, no_rules_message_, [&](const RuleSet& rules) {
        ParsedAnswers parsed = parse_answers(answers_document, rules);
        if (parsed.error) return json_text(error_document(*parsed.error));
        jsonlogic::Budget budget;
        const Evaluation evaluation = evaluate(rules, parsed.answers, budget, Purpose::navigate);
        if (evaluation.over_budget != nullptr) return budget_exceeded(*evaluation.over_budget);
        return navigation_document(rules, evaluation);
    });
}

std::string Engine::questionnaire(std::string_view locale, std::string_view mode) const {
    return with_rules(rules_, no_rules_message_, [&](const RuleSet& rules) {
        std::string checked_locale(locale);
        std::string checked_mode(mode);
        if (auto error = check_locale_and_mode(rules, checked_locale, checked_mode)) {
            return json_text(error_document(*error));
        }
        return questionnaire_document(rules, checked_locale, checked_mode);
    });
}

std::string Engine::info() const {
    return with_rules(rules_, no_rules_message_, [&](const RuleSet& rules) {
        JsonWriter out(512);  // keys in sorted order (json/writer.h)
        out.begin_object().key("default_locale").string(rules.default_locale).key("engine").string(kEngineVersion);
        out.key("locales").begin_array();
        for (const auto& entry : rules.locale_files) out.string(entry.first);
        out.end_array().key("locales_to_load").begin_array();
        for (const auto& entry : rules.locales_to_load) out.string(entry.first);
        out.end_array().key("rules").begin_object().key("name").string(rules.name);
        out.key("sha256").string(rules.sha256).key("version").string(rules.version).end_object();
        return out.end_object().take();
    });
}

std::string Engine::add_locale(std::string_view locale, std::string_view text) {
    return with_rules(rules_, no_rules_message_, [&](RuleSet& rules) {
        std::string checked_locale(locale);
        std::string mode = "self";
        const std::optional<InputError> error = check_locale_and_mode(rules, checked_locale, mode);
        if (!error) return info();  // already in
        if (error->code != "locale_not_loaded") return json_text(error_document(*error));
        const std::string refusal = add_locale_texts(rules, checked_locale, text);
        if (!refusal.empty()) {
            return json_text(error_document(
                InputError{"invalid_locale", "locale '" + checked_locale + "': " + refusal, "/text"}));
        }
        return info();
    });
}

std::string Engine::lint() const {
    return with_rules(rules_, no_rules_message_, [&](const RuleSet& rules) {
        return json_text(lint_document(rules));
    });
}

std::string evaluate_logic(std::string_view rule, std::string_view data) {
    return guarded([&] {
        const ParseLimits limits{0, kMaxRuleFileDepth};
        ParsedJson parsed_rule = parse_json_limited(rule, limits);
        if (parsed_rule.error) {
            parsed_rule.error->path.insert(0, "/rule");  // the culprit inside the rule, if known
            return json_text(error_document(*parsed_rule.error));
        }
        ParsedJson parsed_data = parse_json_limited(data.empty() ? std::string_view("null") : data, limits);
        if (parsed_data.error) {
            parsed_data.error->path.insert(0, "/data");
            return json_text(error_document(*parsed_data.error));
        }
        const jsonlogic::Program program = jsonlogic::Program::compile(parsed_rule.value);
        const jsonlogic::Outcome outcome = program.evaluate(parsed_data.value);
        if (!outcome.ok) return json_text(json{{"error", outcome.error}});
        return json_text(json{{"result", outcome.value}});
    });
}

}  // namespace rootcheck
