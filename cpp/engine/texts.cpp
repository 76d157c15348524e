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

}  // namespace

Texts::Texts(const RuleSet& rules, const std::string& locale, const std::string& mode)
    : Texts(locale_texts(rules, locale), rules.mode_texts(locale, mode == "clinician")) {}

Texts::Texts(const LocaleTexts& texts, const ModeTexts& mode_texts)
    : texts_(texts), resolved_(mode_texts.texts), items_(mode_texts.items) {}

const ResolvedText& Texts::resolved(const std::string& key) const {
    return resolved_text(resolved_, key);
}

const ResolvedText& Texts::resolved(std::string_view prefix, const std::string& id) const {
    key_.assign(prefix.data(), prefix.size());
    key_ += id;
    return resolved(key_);
}

const std::string& Texts::get(const std::string& key) const {
    return *resolved(key).text;
}

const std::string& Texts::get(std::string_view prefix, const std::string& id) const {
    return *resolved(prefix, id).text;
}

const std::string& Texts::format(const std::string& text, const Placeholders& values) const {
    static constexpr std::string_view kNames[] = {"{region}", "{root}", "{side}"};
    const std::string* const kValues[] = {&values.region, &values.root, &values.side};
    // One pass: a placeholder's value is never searched again for placeholders.
    std::string& out = formatted_;
    out.clear();
    std::size_t copied = 0;
    for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
        for (std::size_t k = 0; k < 3; ++k) {
            if (text.compare(at, kNames[k].size(), kNames[k]) != 0) continue;
            out.append(text, copied, at - copied);
            out += *kValues[k];
            copied = at + kNames[k].size();
            at = copied - 1;
            break;
        }
    }
    out.append(text, copied, std::string::npos);
    return out;
}

const std::string& Texts::option(const Question& question, const std::string& value) const {
    return get(option_key(question, value, texts_));
}

}  // namespace rootcheck
