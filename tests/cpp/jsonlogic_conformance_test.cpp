// Runs every case of the community JsonLogic conformance suites (json-logic/compat-tables) against our evaluator.
// The suites are read at run time from the folder named by ROOTCHECK_JSONLOGIC_SUITES (index.json lists the files).
// Each case runs under a budget of its own (jsonlogic.h, Budget); the most any case spends must stay far inside it.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jsonlogic/jsonlogic.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// Under Node, the WebAssembly's getenv sees Emscripten's own small environment, not the process's: read the
// variable from Node directly. Writes at most `size` bytes (NUL included) and returns the full length.
EM_JS(int, read_node_env, (const char* name, char* buffer, int size), {
    var value = (typeof process !== "undefined" && process.env[UTF8ToString(name)]) || "";
    stringToUTF8(value, buffer, size);
    return lengthBytesUTF8(value);
});
#endif

namespace {

// The suites' folder from ROOTCHECK_JSONLOGIC_SUITES; empty when unset.
std::string suites_folder() {
#ifdef __EMSCRIPTEN__
    char buffer[4096];
    const int length = read_node_env("ROOTCHECK_JSONLOGIC_SUITES", buffer, sizeof buffer);
    return length > 0 && length < static_cast<int>(sizeof buffer) ? std::string(buffer) : std::string();
#else
    const char* value = std::getenv("ROOTCHECK_JSONLOGIC_SUITES");
    return value != nullptr ? std::string(value) : std::string();
#endif
}

using rootcheck::jsonlogic::Budget;
using rootcheck::jsonlogic::DataIndex;
using rootcheck::jsonlogic::json;
using rootcheck::jsonlogic::Outcome;
using rootcheck::jsonlogic::Program;

bool read_json(const std::string& path, json& out, std::string& problem) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "cannot open " + path;
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    out = json::parse(text.str(), nullptr, false);
    if (out.is_discarded()) {
        problem = "invalid JSON in " + path;
        return false;
    }
    return true;
}

// Cases marked "decimal" expect a floating-point result, compared with a relative tolerance.
bool same_value(const json& expected, const json& actual, bool decimal) {
    if (decimal && expected.is_number() && actual.is_number()) {
        const double e = expected.get<double>();
        const double a = actual.get<double>();
        return std::fabs(e - a) <= 1e-9 * std::fmax(1.0, std::fabs(e));
    }
    return expected == actual;
}

// Checks one case under `budget`; on failure describes what came back.
bool passes(const json& test, Budget& budget, std::string& got) {
    const Program program = Program::compile(test["rule"]);
    const json data = test.contains("data") ? test["data"] : json();
    DataIndex index;
    const Outcome outcome = program.evaluate(data, index, budget);
    got = outcome.ok ? "result " + outcome.value.dump() : "error " + outcome.error.dump();
    if (test.contains("error")) return !outcome.ok && outcome.error.value("type", json()) == test["error"]["type"];
    return outcome.ok && same_value(test["result"], outcome.value, test.value("decimal", false));
}

TEST(JsonLogicConformance, AllSuitesPass) {
    const std::string root = suites_folder();
    ASSERT_FALSE(root.empty()) << "set ROOTCHECK_JSONLOGIC_SUITES to the folder holding the suites' index.json";
    json index;
    std::string problem;
    ASSERT_TRUE(read_json(root + "/index.json", index, problem)) << problem;
    ASSERT_TRUE(index.is_array() && !index.empty()) << root << "/index.json lists no suites";

    std::size_t total = 0;
    std::size_t passed = 0;
    std::size_t most_steps = 0;
    std::size_t most_bytes = 0;
    std::vector<std::string> failures;
    for (const json& name : index) {
        json suite;
        ASSERT_TRUE(read_json(root + "/" + name.get<std::string>(), suite, problem)) << problem;
        ASSERT_TRUE(suite.is_array()) << name << " is not an array of cases";
        for (const json& test : suite) {
            if (!test.is_object()) continue;  // strings are section comments
            ++total;
            std::string got;
            Budget budget;
            const bool ok = passes(test, budget, got);
            most_steps = std::max(most_steps, budget.steps_used());
            most_bytes = std::max(most_bytes, budget.bytes_used());
            if (ok) {
                ++passed;
            } else {
                failures.push_back(name.get<std::string>() + ": " + test.value("description", std::string()) +
                                   "\n    rule " + test["rule"].dump() + "\n    data " +
                                   test.value("data", json()).dump() + "\n    want " +
                                   (test.contains("error") ? "error " + test["error"].dump()
                                                           : "result " + test["result"].dump()) +
                                   "\n    got  " + got);
            }
        }
    }
    std::cout << "JsonLogic conformance: " << passed << " of " << total << " cases passed, spending at most "
              << most_steps << " of " << Budget::kSteps << " steps and " << most_bytes << " of " << Budget::kBytes
              << " bytes" << std::endl;
    for (const std::string& failure : failures) ADD_FAILURE() << failure;
    EXPECT_GT(total, 0u);
    EXPECT_EQ(passed, total);
    EXPECT_LE(most_steps * 1000, Budget::kSteps);
    EXPECT_LE(most_bytes * 1000, Budget::kBytes);
}

}  // namespace
