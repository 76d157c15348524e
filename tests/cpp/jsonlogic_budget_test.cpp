// The evaluation budget (jsonlogic.h, Budget): short rules that would build huge values or run for minutes stop with
// "Budget Exceeded" quickly, try cannot catch it, a spent budget stays spent, and the next evaluation is normal.
#include <chrono>
#include <iostream>
#include <string>

#include <gtest/gtest.h>

#include "jsonlogic/jsonlogic.h"

namespace {

using rootcheck::jsonlogic::Budget;
using rootcheck::jsonlogic::DataIndex;
using rootcheck::jsonlogic::json;
using rootcheck::jsonlogic::Outcome;
using rootcheck::jsonlogic::Program;

constexpr const char* kBudgetExceeded = "Budget Exceeded";

std::string error_type(const Outcome& outcome) {
    return outcome.ok ? "(no error: " + outcome.value.dump().substr(0, 60) + ")"
                      : outcome.error.value("type", std::string("(untyped)"));
}

json numbers(int count) {
    json list = json::array();
    for (int i = 0; i < count; ++i) list.push_back(i);
    return list;
}

// Evaluates `rule` on `data` under `budget`, which the caller can then inspect (running out zeroes the steps left, so
// steps_used() is then the whole allowance; bytes_used() stays what was spent). The wall time is printed, not
// asserted (sanitizer and WebAssembly builds on a shared machine vary).
Outcome run(const std::string& rule, const json& data, Budget& budget) {
    const Program program = Program::compile(json::parse(rule));
    DataIndex index;
    const auto start = std::chrono::steady_clock::now();
    Outcome outcome = program.evaluate(data, index, budget);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::cout << "  " << rule.substr(0, 70) << ": " << millis << " ms, " << budget.steps_used() << " steps, "
              << budget.bytes_used() << " bytes" << std::endl;
    return outcome;
}

// Every step of the reduce merges the accumulator with itself: 2^32 elements after 32 steps, were it not stopped.
TEST(JsonLogicBudget, ADoublingArrayStopsAtTheByteLimit) {
    Budget budget;
    const Outcome outcome = run(R"({"reduce": [{"var": "xs"},
        {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})", json{{"xs", numbers(32)}}, budget);
    EXPECT_EQ(error_type(outcome), kBudgetExceeded);
    EXPECT_TRUE(budget.exceeded());
    EXPECT_GT(budget.bytes_used(), Budget::kBytes / 2);  // the limit it ran into
}

TEST(JsonLogicBudget, ADoublingStringStopsAtTheByteLimit) {
    Budget budget;
    const Outcome outcome = run(R"({"reduce": [{"var": "xs"},
        {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]})", json{{"xs", numbers(40)}}, budget);
    EXPECT_EQ(error_type(outcome), kBudgetExceeded);
    EXPECT_GT(budget.bytes_used(), Budget::kBytes / 2);
}

// A 1 MB string joined 2,000 times would be 2 GB: refused before the string grows past the limit.
TEST(JsonLogicBudget, AHugeCatStopsBeforeItsStringOutgrowsTheLimit) {
    json operands = json::array();
    for (int i = 0; i < 2000; ++i) operands.push_back(json{{"var", "s"}});
    Budget budget;
    const Outcome outcome = run(json{{"cat", operands}}.dump(), json{{"s", std::string(1 << 20, 'x')}}, budget);
    EXPECT_EQ(error_type(outcome), kBudgetExceeded);
    EXPECT_GT(budget.bytes_used(), Budget::kBytes / 2);
}

// Nested iterators over 3,000 elements would evaluate their body 9 million times.
TEST(JsonLogicBudget, NestedLoopsStopAtTheStepLimit) {
    Budget budget;
    const Outcome outcome = run(R"({"map": [{"var": "xs"}, {"all": [{"val": [[2], "xs"]}, true]}]})",
                                json{{"xs", numbers(3000)}}, budget);
    EXPECT_EQ(error_type(outcome), kBudgetExceeded);
    EXPECT_LT(budget.bytes_used(), Budget::kBytes / 100);  // steps ran out, not bytes
}

// Work that is not a node evaluation counts too: searching an array, and scanning strings.
TEST(JsonLogicBudget, SearchesAndStringScansCountAsSteps) {
    Budget searching;
    EXPECT_EQ(error_type(run(R"({"map": [{"var": "xs"}, {"in": [-1, {"val": [[2], "xs"]}]}]})",
                             json{{"xs", numbers(20000)}}, searching)),
              kBudgetExceeded);
    // A naive substring search of "aa...ab" in "aa...a" compares about a billion bytes.
    Budget scanning;
    const json texts = {{"haystack", std::string(1 << 20, 'a')}, {"needle", std::string(1000, 'a') + "b"}};
    EXPECT_EQ(error_type(run(R"({"in": [{"var": "needle"}, {"var": "haystack"}]})", texts, scanning)),
              kBudgetExceeded);
    // Comparing two 1 MB strings, 10,000 times over.
    Budget comparing;
    const json pair = {{"xs", numbers(10000)}, {"a", std::string(1 << 20, 'a')}, {"b", std::string(1 << 20, 'a')}};
    EXPECT_EQ(error_type(run(R"({"map": [{"var": "xs"}, {"==": [{"val": [[2], "a"]}, {"val": [[2], "b"]}]}]})",
                             pair, comparing)),
              kBudgetExceeded);
}

TEST(JsonLogicBudget, TryCannotCatchIt) {
    Budget budget;
    const Outcome outcome = run(R"({"try": [{"reduce": [{"var": "xs"},
        {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]}, "caught"]})",
                                json{{"xs", numbers(32)}}, budget);
    EXPECT_EQ(error_type(outcome), kBudgetExceeded);
}

// The engine evaluates all the conditions of one assessment under one budget: once spent, every later evaluation
// under it fails at once, and holds() is false.
TEST(JsonLogicBudget, ASpentBudgetStaysSpent) {
    Budget budget;
    run(R"({"reduce": [{"var": "xs"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})",
        json{{"xs", numbers(32)}}, budget);
    ASSERT_TRUE(budget.exceeded());
    const Program constant = Program::compile(true);
    DataIndex index;
    EXPECT_EQ(error_type(constant.evaluate(json::object(), index, budget)), kBudgetExceeded);
    EXPECT_FALSE(constant.holds(json::object(), index, budget));
}

TEST(JsonLogicBudget, TheNextEvaluationIsNormal) {
    Budget spent;
    run(R"({"reduce": [{"var": "xs"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})",
        json{{"xs", numbers(32)}}, spent);
    ASSERT_TRUE(spent.exceeded());
    const Outcome outcome = Program::compile(json::parse(R"({"+": [{"var": "a"}, 1]})")).evaluate(json{{"a", 41}});
    ASSERT_TRUE(outcome.ok) << outcome.error.dump();
    EXPECT_EQ(outcome.value, json(42));
}

// What an ordinary rule costs: one step per node and one for the result handed out, and bytes only for what it
// builds.
TEST(JsonLogicBudget, CountsStepsAndBytes) {
    Budget reading;
    ASSERT_TRUE(run(R"({">=": [{"var": "age"}, 50]})", json{{"age", 60}}, reading).ok);
    EXPECT_EQ(reading.steps_used(), 4u);
    EXPECT_EQ(reading.bytes_used(), 0u);
    EXPECT_FALSE(reading.exceeded());
    Budget building;
    ASSERT_TRUE(run(R"({"cat": ["ab", "cd"]})", json::object(), building).ok);
    EXPECT_EQ(building.bytes_used(), 4u);
}

}  // namespace
