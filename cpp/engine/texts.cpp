#include "texts.h"

#include "text_keys.h"

namespace rootcheck {

namespace {

const LocaleTexts& locale_texts(const RuleSet& rules, const std::string& locale) {
    static const LocaleTexts kNone;
    auto found = rules.locales.find(locale);
    if (found == rules.locales.end()) found = rules.locales.find(rules.default_locale);
    return found == rules.locales.end() ? kNone : found->second;
}

const ResolvedTexts& resolved_texts(const RuleSet& rules, const std::string& locale, const std::string& mode) {
    static const ResolvedTexts kNone;
    const auto& tables = mode == "clinician" ? rules.clinician_texts : rules.self_texts;
    auto found = tables.find(locale);
    if (found == tables.end()) found = tables.find(rules.default_locale);
    return found == tables.end() ? kNone : found->second;
}

void replace_all(std::string& text, const std::string& placeholder, const std::string& value) {
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
    }
}

}  // namespace

Texts::Texts(const RuleSet& rules, const std::string& locale, const std::string& mode)
    : texts_(locale_texts(rules, locale)), resolved_(resolved_texts(rules, locale, mode)) {}

const std::string& Texts::get(const std::string& key) const {
    static const std::string kMissing;
    const auto found = resolved_.find(key);
    return found == resolved_.end() ? kMissing : found->second;
}

std::string Texts::format(const std::string& key, const Placeholders& values) const {
    std::string text = get(key);
    replace_all(text, "{region}", values.region);
    replace_all(text, "{root}", values.root);
    replace_all(text, "{side}", values.side);
    return text;
}

const std::string& Texts::option(const Question& question, const std::string& value) const {
    return get(option_key(question, value, texts_));
}

}  // namespace rootcheck
