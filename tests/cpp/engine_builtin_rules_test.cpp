// The built-in rule set loads on a shortcut (rule_set.h, embedded_rules.h): its fingerprint is the one the build
// computed, the check that every locale holds every text is skipped (the build's own load of the same files passed
// it), and its non-default locales wait out of the load until add_locale_texts gives them. This holds the shortcut
// to the full load of the real rules/: the same files must answer exactly the same, in every locale.
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/answers.h"
#include "engine/assessment.h"
#include "engine/navigation.h"
#include "engine/questionnaire_document.h"
#include "engine/result_document.h"
#include "engine/rule_set.h"
#include "engine/sha256.h"
#include "fixtures/fixture_rules.h"
#include "jsonlogic/jsonlogic.h"

namespace rootcheck {
namespace {

using nlohmann::json;

// Every vignette's answers document (tests/vignettes/), plus no answers at all, in `locale`.
std::vector<std::string> vignette_documents(const std::string& locale) {
    std::vector<std::string> documents = {json{{"answers", json::object()}, {"locale", locale}}.dump()};
    for (const auto& entry : std::filesystem::directory_iterator(testing::repository_dir() + "/tests/vignettes")) {
        if (entry.path().extension() != ".json") continue;
        const json file = json::parse(testing::read_text_file(entry.path().string()));
        for (const json& vignette : file["vignettes"]) {
            documents.push_back(
                json{{"answers", vignette["answers"]}, {"mode", vignette["mode"]}, {"locale", locale}}.dump());
        }
    }
    return documents;
}

// The result (assess) and the navigation (next) of one answers document, as the engine writes them.
std::string results(const RuleSet& rules, const std::string& document) {
    std::string written;
    for (Purpose purpose : {Purpose::assess, Purpose::navigate}) {
        ParsedAnswers parsed = parse_answers(document, rules);
        if (parsed.error) return "refused: " + parsed.error->message;
        jsonlogic::Budget budget;
        const Evaluation evaluation = evaluate(rules, parsed.answers, budget, purpose);
        if (evaluation.over_budget != nullptr) return "over budget";
        written += purpose == Purpose::assess ? result_text(rules, parsed.answers, evaluation)
                                              : navigation_document(rules, evaluation);
    }
    return written;
}

TEST(BuiltInRules, ShortcutWithLocalesAddedGivesWhatTheFullCheckGives) {
    const RuleFiles files = testing::rule_files_in(testing::repository_dir() + "/rules");
    const RuleSetLoad checked = load_rule_set(files);
    ASSERT_TRUE(checked.rules) << (checked.problems.empty() ? "" : checked.problems.front().message);
    const RuleSet& full = *checked.rules;

    // As the engine loads its built-in set: the default locale's file only, the others by the digest of their text.
    RuleFiles embedded = files;
    std::map<std::string, std::string> deferred;
    for (const auto& [locale, path] : full.locale_files) {
        if (locale == full.default_locale) continue;
        deferred[locale] = sha256_hex(std::regex_replace(files.at(path), std::regex("[\\r\\n][\\r\\n\\t ]*"), ""));
        embedded.erase(path);
    }
    ASSERT_FALSE(deferred.empty()) << "rules/ has a locale besides its default one";
    const RuleSetLoad shortcut = load_rule_set(embedded, full.sha256, deferred);
    ASSERT_TRUE(shortcut.rules);
    RuleSet& fast = *shortcut.rules;
    for (const auto& [locale, digest] : deferred) {
        EXPECT_EQ(add_locale_texts(fast, locale, files.at(full.locale_files.at(locale))), "") << locale;
    }

    EXPECT_EQ(fast.name, full.name);
    EXPECT_EQ(fast.version, full.version);
    EXPECT_EQ(fast.sha256, full.sha256);
    EXPECT_EQ(fast.default_locale, full.default_locale);
    EXPECT_EQ(fast.locales, full.locales);
    EXPECT_TRUE(fast.locales_to_load.empty());
    for (const auto& [locale, texts] : full.locales) {
        for (const char* mode : {"self", "clinician"}) {
            EXPECT_EQ(questionnaire_document(fast, locale, mode), questionnaire_document(full, locale, mode))
                << locale << " " << mode;
        }
        const std::vector<std::string> documents = vignette_documents(locale);
        ASSERT_GT(documents.size(), 100u);
        for (const std::string& document : documents) {
            const std::string expected = results(full, document);
            EXPECT_NE(expected.rfind("refused: ", 0), 0u) << expected;
            EXPECT_EQ(results(fast, document), expected) << document;
        }
    }
}

}  // namespace
}  // namespace rootcheck
