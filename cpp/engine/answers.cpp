#include "answers.h"

#include <cmath>
#include <set>

namespace rootcheck {

namespace {

std::string describe(const json& value) {
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

std::optional<InputError> wrong_type(const std::string& path, const std::string& expected, const json& value) {
    return InputError{"wrong_type", "expected " + expected + ", got " + std::string(value.type_name()), path};
}

std::string format_number(double value) {
    return json(value).dump();
}

// Checks a string from a closed list (options or region ids).
std::optional<InputError> check_member(const Question& q, const json& value, const std::string& path,
                                       const RuleSet& rules) {
    if (!value.is_string()) return wrong_type(path, "a string", value);
    const std::string& text = value.get_ref<const std::string&>();
    if (q.type == QuestionType::regions) {
        if (rules.region_index.count(text) == 0) {
            return InputError{"unknown_region", "'" + text + "' is not a region of the rule set", path};
        }
        return std::nullopt;
    }
    for (const std::string& option : q.options) {
        if (option == text) return std::nullopt;
    }
    std::string allowed;
    for (const std::string& option : q.options) allowed += (allowed.empty() ? "" : ", ") + option;
    return InputError{"unknown_value", "'" + text + "' is not an option of " + q.id + " (" + allowed + ")", path};
}

std::optional<InputError> check_answer(const Question& q, const json& value, const std::string& path,
                                       const RuleSet& rules) {
    switch (q.type) {
        case QuestionType::choice:
            return check_member(q, value, path, rules);
        case QuestionType::multi:
        case QuestionType::regions: {
            if (!value.is_array()) return wrong_type(path, "an array", value);
            std::set<std::string> seen;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string item_path = path + "/" + std::to_string(i);
                if (auto error = check_member(q, value[i], item_path, rules)) return error;
                if (!seen.insert(value[i].get<std::string>()).second) {
                    return InputError{"duplicate_value", "'" + value[i].get<std::string>() + "' is repeated",
                                      item_path};
                }
            }
            return std::nullopt;
        }
        case QuestionType::integer:
        case QuestionType::number: {
            if (!value.is_number()) return wrong_type(path, "a number", value);
            const double number = value.get<double>();
            if (q.type == QuestionType::integer && std::floor(number) != number) {
                return wrong_type(path, "a whole number", value);
            }
            if (number < q.min || number > q.max) {
                return InputError{"out_of_range",
                                  describe(value) + " is outside " + format_number(q.min) + ".." +
                                      format_number(q.max),
                                  path};
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<InputError> check_locale_and_mode(const RuleSet& rules, std::string& locale, std::string& mode) {
    if (locale.empty()) locale = rules.default_locale;
    if (mode.empty()) mode = "self";
    if (rules.locales.count(locale) == 0) {
        std::string known;
        for (const auto& entry : rules.locales) known += (known.empty() ? "" : ", ") + entry.first;
        return InputError{"unknown_locale", "'" + locale + "' is not a locale of the rule set (" + known + ")",
                          "/locale"};
    }
    if (mode != "self" && mode != "clinician") {
        return InputError{"unknown_mode", "'" + mode + "' is not a mode (self, clinician)", "/mode"};
    }
    return std::nullopt;
}

ParsedAnswers parse_answers(std::string_view document, const RuleSet& rules) {
    ParsedAnswers parsed;
    ParsedJson doc = parse_json_limited(document, ParseLimits{kMaxDocumentBytes, kMaxDepth});
    if (doc.error) {
        parsed.error = doc.error;
        return parsed;
    }
    if (!doc.value.is_object()) {
        parsed.error = InputError{"not_an_object",
                                  "the document must be a JSON object, not " + std::string(doc.value.type_name()), ""};
        return parsed;
    }
    std::string locale;
    std::string mode;
    for (auto& [key, value] : doc.value.items()) {
        const std::string path = "/" + pointer_token(key);
        if (key == "locale" || key == "mode") {
            if (!value.is_string()) {
                parsed.error = wrong_type(path, "a string", value);
                return parsed;
            }
            (key == "locale" ? locale : mode) = value.get<std::string>();
            if ((key == "locale" ? locale : mode).empty()) {
                parsed.error = InputError{key == "locale" ? "unknown_locale" : "unknown_mode",
                                          "'" + key + "' must not be empty", path};
                return parsed;
            }
        } else if (key != "answers") {
            parsed.error = InputError{"unknown_key", "unknown key '" + key + "' (answers, locale, mode)", path};
            return parsed;
        }
    }
    if (auto error = check_locale_and_mode(rules, locale, mode)) {
        parsed.error = error;
        return parsed;
    }
    parsed.answers.locale = locale;
    parsed.answers.mode = mode;

    const auto answers = doc.value.find("answers");
    if (answers == doc.value.end()) return parsed;
    if (!answers->is_object()) {
        parsed.error = wrong_type("/answers", "an object", *answers);
        return parsed;
    }
    for (auto& [key, value] : answers->items()) {
        const std::string path = "/answers/" + pointer_token(key);
        const Question* question = rules.find_question(key);
        if (question == nullptr) {
            parsed.error = InputError{"unknown_key", "'" + key + "' is not a question of the rule set", path};
            return parsed;
        }
        if (value.is_null()) continue;
        if (auto error = check_answer(*question, value, path, rules)) {
            parsed.error = error;
            return parsed;
        }
        parsed.answers.values.emplace(key, std::move(value));
    }
    return parsed;
}

}  // namespace rootcheck
