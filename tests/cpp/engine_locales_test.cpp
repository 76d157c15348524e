// Locales on demand (rule_set.h: load_rule_set's deferred_locale_sha256, add_locale_texts): the built-in set leaves
// its non-default locales out, and a page adds the one it shows. Over the fixture set, whose second locale is fr.
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/answers.h"
#include "engine/questionnaire_document.h"
#include "engine/rule_set.h"
#include "engine/sha256.h"
#include "fixtures/fixture_rules.h"

namespace rootcheck {
namespace {

using nlohmann::json;

const std::string kFrPath = "locales/fr.json";

// The fr file's text as the build embeds it: cpp/embed_rules.cmake's regular expression (and
// web/tools/locale-files.mjs's), not the engine's own code, so the digests below check that code against it.
std::string fr_as_embedded() {
    return std::regex_replace(testing::fixture_rule_files().at(kFrPath), std::regex("[\r\n][\r\n\t ]*"), "");
}

// The fixture set loaded as the built-in one is: a known fingerprint, fr left out with the digest of its text.
RuleSetLoad load_without_fr() {
    RuleFiles files = testing::fixture_rule_files();
    files.erase(kFrPath);
    return load_rule_set(files, std::string(64, 'a'), {{"fr", sha256_hex(fr_as_embedded())}});
}

std::string error_code(const std::optional<InputError>& error) { return error ? error->code : "none"; }

TEST(EngineLocales, ALeftOutLocaleWaitsForItsTexts) {
    const RuleSetLoad load = load_without_fr();
    ASSERT_TRUE(load.rules) << load.problems.front().path << ": " << load.problems.front().message;
    EXPECT_EQ(load.rules->locales_to_load.count("fr"), 1u);
    EXPECT_EQ(load.rules->locales.count("fr"), 0u);
    EXPECT_EQ(load.rules->locale_files.count("fr"), 1u);

    std::string locale = "fr";
    std::string mode = "self";
    const std::optional<InputError> error = check_locale_and_mode(*load.rules, locale, mode);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, "locale_not_loaded");
    EXPECT_EQ(error->path, "/locale");
    // An answers document in that locale (assess, next) is refused the same way.
    const ParsedAnswers parsed = parse_answers(R"({"answers": {}, "locale": "fr"})", *load.rules);
    EXPECT_EQ(error_code(parsed.error), "locale_not_loaded");
    // The default locale and unknown ones are as before.
    locale = "";
    EXPECT_EQ(error_code(check_locale_and_mode(*load.rules, locale, mode)), "none");
    locale = "de";
    EXPECT_EQ(error_code(check_locale_and_mode(*load.rules, locale, mode)), "unknown_locale");
}

TEST(EngineLocales, TheBuiltTextIsAddedFormattedEitherWay) {
    for (const std::string& text : {testing::fixture_rule_files().at(kFrPath), fr_as_embedded()}) {
        const RuleSetLoad load = load_without_fr();
        ASSERT_TRUE(load.rules);
        EXPECT_EQ(add_locale_texts(*load.rules, "fr", text), "");
        EXPECT_EQ(load.rules->locales_to_load.count("fr"), 0u);
        std::string locale = "fr";
        std::string mode = "clinician";
        EXPECT_EQ(error_code(check_locale_and_mode(*load.rules, locale, mode)), "none");

        // The questionnaire is the one of the set loaded whole.
        const RuleSetLoad whole = load_rule_set(testing::fixture_rule_files(), std::string(64, 'a'));
        ASSERT_TRUE(whole.rules);
        EXPECT_EQ(questionnaire_document(*load.rules, "fr", "clinician"),
                  questionnaire_document(*whole.rules, "fr", "clinician"));
    }
}

TEST(EngineLocales, AnyOtherTextIsRefusedAndChangesNothing) {
    std::string changed = fr_as_embedded();
    changed.replace(changed.find("FR Main"), 7, "FR Mainz");
    const std::string cases[] = {changed, "", "{}", "not json", fr_as_embedded() + " "};
    for (const std::string& text : cases) {
        const RuleSetLoad load = load_without_fr();
        ASSERT_TRUE(load.rules);
        const std::string refusal = add_locale_texts(*load.rules, "fr", text);
        EXPECT_NE(refusal.find("is not the text of locales/fr.json"), std::string::npos) << text << ": " << refusal;
        EXPECT_EQ(load.rules->locales_to_load.count("fr"), 1u);
        EXPECT_EQ(load.rules->locales.count("fr"), 0u);
    }
    // Only a locale that waits can be added.
    const RuleSetLoad load = load_without_fr();
    ASSERT_TRUE(load.rules);
    EXPECT_NE(add_locale_texts(*load.rules, "en", fr_as_embedded()), "");
    EXPECT_NE(add_locale_texts(*load.rules, "de", fr_as_embedded()), "");
}

// Leaving a locale out is for the built-in set only: without a known fingerprint (a set given at run time, checked
// whole), or for the default locale, a missing file is the problem it always was.
TEST(EngineLocales, OnlyTheBuiltInSetMayLeaveANonDefaultLocaleOut) {
    RuleFiles files = testing::fixture_rule_files();
    files.erase(kFrPath);
    const std::map<std::string, std::string> digests = {{"fr", sha256_hex(fr_as_embedded())}};
    const RuleSetLoad checked_whole = load_rule_set(files, "", digests);
    ASSERT_FALSE(checked_whole.rules);
    EXPECT_EQ(checked_whole.problems.front().path, kFrPath);

    RuleFiles without_en = testing::fixture_rule_files();
    const std::string en_text = without_en.at("locales/en.json");
    without_en.erase("locales/en.json");
    const RuleSetLoad no_default = load_rule_set(without_en, std::string(64, 'a'), {{"en", sha256_hex(en_text)}});
    EXPECT_FALSE(no_default.rules);
}

}  // namespace
}  // namespace rootcheck
