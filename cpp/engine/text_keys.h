// The text-key convention of rules/README.md: which locale keys a rule set needs and which it uses. Items never name
// their keys; the key follows from the item's kind and id, so this file is the single place that spells it out.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rule_set.h"

namespace rootcheck {

// One required text: the first alternative present in a locale is used (an option label may be given per question
// or shared: `question.Q.option.V`, else `option.V`). `owner` is the "<file><JSON Pointer>" of the item needing it.
struct TextRequirement {
    std::vector<std::string> alternatives;
    std::string owner;
};

std::vector<TextRequirement> text_requirements(const RuleSet& rules);

// Keys of `texts` that `rules` reads: the chosen alternative of every requirement, its `@clinician` variant, and
// every `ui.*` key (widget chrome, read by the front end).
std::set<std::string> used_text_keys(const RuleSet& rules, const LocaleTexts& texts);

// The key of the label of option `value` of `question` in `texts`.
std::string option_key(const Question& question, const std::string& value, const LocaleTexts& texts);

// The text of `key` in a table of resolved texts; an empty text (which needs no escaping) when the table lacks it.
const ResolvedText& resolved_text(const ResolvedTexts& texts, std::string_view key);

// The texts of the items a result shows, for one locale and mode (ItemTexts, rule_set.h), found in that table of
// resolved texts; a key the table lacks gives an empty text (validation rules that out for a loaded set).
ItemTexts resolve_item_texts(const RuleSet& rules, const ResolvedTexts& texts);

// Everything Texts reads for one locale (`texts`, one of rules.locales) in clinician or self mode: each key's text,
// a `<key>@clinician` variant replacing its base key in clinician mode and left out in self mode, and the item
// texts. Built once per locale and mode, by RuleSet::mode_texts().
ModeTexts build_mode_texts(const RuleSet& rules, const LocaleTexts& texts, bool clinician);

inline constexpr const char* kClinicianSuffix = "@clinician";
inline constexpr const char* kUiPrefix = "ui.";

}  // namespace rootcheck
