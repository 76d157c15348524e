#include "answers.h"

#include <cmath>
#include <iterator>

#include "json/writer.h"

namespace rootcheck {

namespace {

std::string describe(const json& value) {
    std::string text = json_text(value);
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

std::optional<InputError> wrong_type(const std::string& path, const std::string& expected, const json& value) {
    return InputError{"wrong_type", "expected " + expected + ", got " + std::string(value.type_name()), path};
}

std::string format_number(double value) {
    return json_text(json(value));
}

// Where a value sits, written out as a JSON Pointer only when a problem is reported: building pointer strings for
// every answer showed in profiles of assess.
struct Place {
    const std::string& key;             // the answer key
    std::size_t index = std::string::npos;  // the array element, if any

    std::string pointer() const {
        std::string path = "/answers/" + pointer_token(key);
        if (index != std::string::npos) path += "/" + std::to_string(index);
        return path;
    }
    Place at(std::size_t element) const { return Place{key, element}; }
};

// Checks a string from a closed list (options or region ids).
std::optional<InputError> check_member(const Question& q, const json& value, const Place& place,
                                       const RuleSet& rules) {
    if (!value.is_string()) return wrong_type(place.pointer(), "a string", value);
    const std::string& text = value.get_ref<const std::string&>();
    if (q.type == QuestionType::regions) {
        if (rules.region_index.count(text) == 0) {
            return InputError{"unknown_region", "'" + text + "' is not a region of the rule set", place.pointer()};
        }
        return std::nullopt;
    }
    for (const std::string& option : q.options) {
        if (option == text) return std::nullopt;
    }
    std::string allowed;
    for (const std::string& option : q.options) allowed += (allowed.empty() ? "" : ", ") + option;
    return InputError{"unknown_value", "'" + text + "' is not an option of " + q.id + " (" + allowed + ")",
                      place.pointer()};
}

std::optional<InputError> check_answer(const Question& q, const json& value, const Place& place,
                                       const RuleSet& rules) {
    switch (q.type) {
        case QuestionType::choice:
            return check_member(q, value, place, rules);
        case QuestionType::multi:
        case QuestionType::regions: {
            if (!value.is_array()) return wrong_type(place.pointer(), "an array", value);
            const auto& items = value.get_ref<const json::array_t&>();
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (auto error = check_member(q, items[i], place.at(i), rules)) return error;
                // Every earlier item is a distinct member of a short closed list, so comparing with each of them
                // costs less than building a set, and a repeat is found at its first occurrence either way.
                const std::string& text = items[i].get_ref<const std::string&>();
                for (std::size_t k = 0; k < i; ++k) {
                    if (items[k].get_ref<const std::string&>() == text) {
                        return InputError{"duplicate_value", "'" + text + "' is repeated", place.at(i).pointer()};
                    }
                }
            }
            return std::nullopt;
        }
        case QuestionType::integer:
        case QuestionType::number: {
            if (!value.is_number()) return wrong_type(place.pointer(), "a number", value);
            const double number = value.get<double>();
            if (q.type == QuestionType::integer && std::floor(number) != number) {
                return wrong_type(place.pointer(), "a whole number", value);
            }
            if (number < q.min || number > q.max) {
                return InputError{"out_of_range",
                                  describe(value) + " is outside " + format_number(q.min) + ".." +
                                      format_number(q.max),
                                  place.pointer()};
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
    if (rules.locale_files.count(locale) == 0) {
        std::string known;
        for (const auto& entry : rules.locale_files) known += (known.empty() ? "" : ", ") + entry.first;
        return InputError{"unknown_locale", "'" + locale + "' is not a locale of the rule set (" + known + ")",
                          "/locale"};
    }
    if (rules.locales_to_load.count(locale) != 0) {
        return InputError{"locale_not_loaded",
                          "the texts of locale '" + locale + "' are not loaded yet (Engine::add_locale, loadLocale)",
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
    auto& members = answers->get_ref<json::object_t&>();
    std::vector<json::object_t::iterator> entries(rules.questions.size(), members.end());
    for (auto it = members.begin(); it != members.end(); ++it) {
        const std::string& key = it->first;
        const Question* question = rules.find_question(key);
        if (question == nullptr) {
            parsed.error = InputError{"unknown_key", "'" + key + "' is not a question of the rule set",
                                      Place{key}.pointer()};
            return parsed;
        }
        if (it->second.is_null()) continue;
        if (auto error = check_answer(*question, it->second, Place{key}, rules)) {
            parsed.error = error;
            return parsed;
        }
        entries[static_cast<std::size_t>(question - rules.questions.data())] = it;
    }
    // All valid: keep the parsed object itself (no copy), less the null answers. Its map moves along, so the
    // entries stay valid.
    for (auto it = members.begin(); it != members.end();) it = it->second.is_null() ? members.erase(it) : std::next(it);
    parsed.answers.entries = std::move(entries);
    parsed.answers.values = std::move(*answers);
    return parsed;
}

}  // namespace rootcheck
