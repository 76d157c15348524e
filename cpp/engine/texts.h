// Locale texts for one call: picks `<key>@clinician` in clinician mode when present and fills the {region}, {root}
// and {side} placeholders. Load-time validation guarantees every required key exists in every locale.
#pragma once

#include <string>
#include <string_view>

#include "rule_set.h"

namespace rootcheck {

struct Placeholders {
    std::string region;
    std::string root;
    std::string side;
};

class Texts {
public:
    Texts(const RuleSet& rules, const std::string& locale, const std::string& mode);

    // The text of `key`; "" if the locale lacks it, which load-time validation rules out for every key the rule
    // set requires. Returned by reference: results carry many long texts, and copying them showed in profiles.
    const std::string& get(const std::string& key) const;
    // The text of the key `prefix` + `id` (e.g. "advice." + "stay_active"), built in a buffer this object reuses.
    const std::string& get(std::string_view prefix, const std::string& id) const;
    // The same two lookups, with whether the text needs JSON escaping (ResolvedText), for writing it into a result.
    const ResolvedText& resolved(const std::string& key) const;
    const ResolvedText& resolved(std::string_view prefix, const std::string& id) const;
    // `text` with {region}, {root} and {side} filled in (the values go in as they are: a placeholder inside a value
    // is not filled). The result lives in a buffer this object reuses: valid until the next format() call (a result
    // formats a few dozen texts, and a string each showed in profiles).
    const std::string& format(const std::string& text, const Placeholders& values) const;
    // The texts of the rule set's items for this locale and mode.
    const ItemTexts& items() const { return items_; }
    // The label of option `value` of `question` (`question.Q.option.V`, else `option.V`).
    const std::string& option(const Question& question, const std::string& value) const;

    const LocaleTexts& all() const { return texts_; }

private:
    Texts(const LocaleTexts& texts, const ModeTexts& mode_texts);

    const LocaleTexts& texts_;       // as written, for option_key() and iteration
    const ResolvedTexts& resolved_;  // variants applied for this mode
    const ItemTexts& items_;
    mutable std::string key_;        // get(prefix, id)'s key, kept to save an allocation per lookup
    mutable std::string formatted_;  // format()'s text
};

}  // namespace rootcheck
