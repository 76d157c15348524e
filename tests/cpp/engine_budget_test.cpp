// The evaluation budget at the engine's doors (engine.h): logic answers {"error": {"type": "Budget Exceeded"}},
// assess and next answer budget_exceeded naming the rule, and the engine answers the next call normally. And the
// margin: the built-in rules over every vignette use a small fraction of the budget.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/answers.h"
#include "engine/assessment.h"
#include "engine/engine.h"
#include "engine/rule_set.h"
#include "fixtures/fixture_rules.h"
#include "jsonlogic/jsonlogic.h"

namespace rootcheck {
namespace {

using nlohmann::json;

// A reduce that doubles an array at each of 32 steps: 2^32 elements, were it not stopped.
const char* const kDoubling =
    R"({"reduce": [{"var": "xs"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})";

std::string thirty_two_numbers() {
    json xs = json::array();
    for (int i = 0; i < 32; ++i) xs.push_back(i);
    return json{{"xs", xs}}.dump();
}

TEST(EngineBudget, LogicAnswersBudgetExceededThenTheNextRuleNormally) {
    const json spent = json::parse(evaluate_logic(kDoubling, thirty_two_numbers()));
    EXPECT_EQ(spent, json::parse(R"({"error": {"type": "Budget Exceeded"}})"));
    EXPECT_EQ(json::parse(evaluate_logic(R"({"+": [{"var": "a"}, 1]})", R"({"a": 41})")),
              json::parse(R"({"result": 42})"));
}

// A rule set whose fact doubles an array: assess and next refuse with budget_exceeded, naming the rule; other calls
// and a valid set loaded afterwards work as before.
TEST(EngineBudget, AssessAndNextNameTheRuleThatExceededIt) {
    Engine engine = testing::fixture_engine();
    const RuleFiles greedy = testing::edited(testing::fixture_rule_files(), "facts.json", [](json& doc) {
        json when = json::parse(kDoubling);
        json xs = json::array();
        for (int i = 0; i < 32; ++i) xs.push_back(i);
        when["reduce"][0] = json{{"preserve", xs}};
        doc["facts"][1]["when"] = when;
    });
    const json loaded = json::parse(engine.load_rules(greedy));
    ASSERT_FALSE(loaded.contains("error")) << loaded.dump();
    const std::string document = R"({"answers": {"has_pain": "yes", "age": 70}})";
    for (const std::string& reply : {engine.assess(document), engine.next(document)}) {
        const json error = json::parse(reply).value("error", json());
        EXPECT_EQ(error.value("code", ""), "budget_exceeded") << reply;
        EXPECT_EQ(error.value("path", "?"), "") << reply;
        EXPECT_NE(error.value("message", "").find("facts.json/facts/1/when"), std::string::npos) << reply;
    }
    EXPECT_FALSE(json::parse(engine.questionnaire("", "")).contains("error"));
    ASSERT_FALSE(json::parse(engine.load_rules(testing::fixture_rule_files())).contains("error"));
    const json result = json::parse(engine.assess(document));
    EXPECT_FALSE(result.contains("error")) << result.dump();
    EXPECT_EQ(result.value("answered", 0), 2);
}

// Every vignette's answers, assessed and navigated with the built-in rules: the most any call spends must stay far
// below each limit (the figures are printed; README.md cites them).
TEST(EngineBudget, BuiltInRulesUseAFractionOfIt) {
    const RuleSetLoad load = load_rule_set(testing::rule_files_in(testing::repository_dir() + "/rules"));
    ASSERT_TRUE(load.rules) << (load.problems.empty() ? "" : load.problems.front().message);
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(testing::repository_dir() + "/tests/vignettes")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    ASSERT_FALSE(files.empty());
    std::size_t calls = 0;
    std::size_t most_steps = 0;
    std::size_t most_bytes = 0;
    for (const std::string& file : files) {
        const json vignettes = json::parse(testing::read_text_file(file))["vignettes"];
        for (const json& vignette : vignettes) {
            const std::string document = json{{"answers", vignette["answers"]}, {"mode", vignette["mode"]}}.dump();
            for (Purpose purpose : {Purpose::assess, Purpose::navigate}) {
                ParsedAnswers parsed = parse_answers(document, *load.rules);
                ASSERT_FALSE(parsed.error) << vignette["id"] << ": " << parsed.error->message;
                jsonlogic::Budget budget;
                const Evaluation evaluation = evaluate(*load.rules, parsed.answers, budget, purpose);
                ASSERT_EQ(evaluation.over_budget, nullptr) << vignette["id"];
                most_steps = std::max(most_steps, budget.steps_used());
                most_bytes = std::max(most_bytes, budget.bytes_used());
                ++calls;
            }
        }
    }
    std::cout << "Built-in rules over " << calls << " vignette calls: at most " << most_steps << " of "
              << jsonlogic::Budget::kSteps << " steps and " << most_bytes << " of " << jsonlogic::Budget::kBytes
              << " bytes" << std::endl;
    EXPECT_GT(calls, 200u);
    EXPECT_GT(most_steps, 0u);
    EXPECT_LE(most_steps * 100, jsonlogic::Budget::kSteps);
    EXPECT_LE(most_bytes * 100, jsonlogic::Budget::kBytes);
}

}  // namespace
}  // namespace rootcheck
