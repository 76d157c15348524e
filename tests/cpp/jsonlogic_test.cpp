// Focused tests of the JsonLogic API beyond the conformance suites: referenced_paths(), truthy(), compile problems,
// and inputs that must neither crash nor overflow the stack.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jsonlogic/jsonlogic.h"

namespace {

using rootcheck::jsonlogic::Budget;
using rootcheck::jsonlogic::CompileProblem;
using rootcheck::jsonlogic::DataIndex;
using rootcheck::jsonlogic::KeyTable;
using rootcheck::jsonlogic::json;
using rootcheck::jsonlogic::Outcome;
using rootcheck::jsonlogic::Program;
using rootcheck::jsonlogic::truthy;
using Paths = std::vector<std::vector<std::string>>;

Outcome run(const char* rule, const json& data = json()) {
    return Program::compile(json::parse(rule)).evaluate(data);
}

// Builds [[[...[1]...]]] `depth` levels deep by moving, never copying (copying it would itself recurse that deep).
json nested_arrays(int depth) {
    json value = 1;
    for (int i = 0; i < depth; ++i) {
        json wrapper = json::array();
        wrapper.push_back(std::move(value));
        value = std::move(wrapper);
    }
    return value;
}

json wrap(const char* key, json value) {
    json object = json::object();
    object[key] = std::move(value);
    return object;
}

std::string error_type(const Outcome& outcome) {
    return outcome.ok ? "(no error)" : outcome.error.value("type", std::string("(untyped)"));
}

TEST(JsonLogicReferencedPaths, ListsLiteralPathsOfEveryDataOperator) {
    const Program program = Program::compile(json::parse(R"({"and": [
        {"var": "answers.age"},
        {"val": ["derived", "pain_type", "radicular"]},
        {"exists": "answers"},
        {"missing": ["answers.fever", "answers.onset"]},
        {"missing_some": [1, ["answers.leg_pain"]]},
        {"var": ["answers.age", 0]}
    ]})"));
    const Paths expected = {{"answers", "age"},  {"derived", "pain_type", "radicular"}, {"answers"},
                            {"answers", "fever"}, {"answers", "onset"},                 {"answers", "leg_pain"}};
    EXPECT_EQ(program.referenced_paths(), expected);  // the repeated answers.age is listed once
}

TEST(JsonLogicReferencedPaths, SkipsIteratorBodiesScopesAndComputedPaths) {
    const Program program = Program::compile(json::parse(R"({"or": [
        {"some": [{"var": "answers.pain_regions"}, {"==": [{"var": ""}, "left_big_toe"]}]},
        {"map": [{"val": "list"}, {"val": "qty"}]},
        {"reduce": [{"var": "xs"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "start"}]},
        {"var": {"cat": ["answers.", "age"]}},
        {"val": [[2], "outer"]},
        {"try": [{"var": "a"}, {"val": "type"}]}
    ]})"));
    const Paths expected = {{"answers", "pain_regions"}, {"list"}, {"xs"}, {"start"}, {"a"}};
    EXPECT_EQ(program.referenced_paths(), expected);
}

TEST(JsonLogicTruthy, FollowsTheSuitesDefinition) {
    for (const char* falsy : {"false", "null", "0", "0.0", "\"\"", "[]"})
        EXPECT_FALSE(truthy(json::parse(falsy))) << falsy;
    for (const char* truthy_value : {"true", "1", "-1", "0.5", "\"0\"", "\" \"", "[0]", "[[]]", "{}", "{\"a\":0}"})
        EXPECT_TRUE(truthy(json::parse(truthy_value))) << truthy_value;
}

TEST(JsonLogicCompile, UnknownOperatorIsReportedWithItsPointerAndFailsAtEvaluation) {
    std::vector<CompileProblem> problems;
    const Program program =
        Program::compile(json::parse(R"({"and": [true, {"if": [{"frobnicate": [1]}, 1, 2]}]})"), &problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/and/1/if/0/frobnicate");
    EXPECT_NE(problems[0].message.find("frobnicate"), std::string::npos);
    EXPECT_EQ(error_type(program.evaluate(json::object())), "Unknown Operator");
}

TEST(JsonLogicCompile, PointerTokensAreEscaped) {
    std::vector<CompileProblem> problems;
    Program::compile(json::parse(R"({"or": [{"a/b~c": 1}]})"), &problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/or/0/a~1b~0c");
}

TEST(JsonLogicCompile, ObjectWithSeveralKeysIsAProblem) {
    std::vector<CompileProblem> problems;
    const Program program = Program::compile(json::parse(R"({"!": [{"var": "a", "val": "b"}]})"), &problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/!/0");
    EXPECT_FALSE(program.evaluate(json()).ok);
}

TEST(JsonLogicCompile, ValidRuleHasNoProblems) {
    std::vector<CompileProblem> problems;
    Program::compile(json::parse(R"({"if": [{"in": ["x", {"var": "xs"}]}, {"cat": ["a", 1]}, null]})"), &problems);
    EXPECT_TRUE(problems.empty());
}

TEST(JsonLogicSafety, DeeplyNestedOperationsAreRefusedAtCompileTime) {
    json rule = true;
    for (int i = 0; i < 10000; ++i) {
        json operands = json::array();
        operands.push_back(std::move(rule));
        rule = wrap("!", std::move(operands));
    }
    std::vector<CompileProblem> problems;
    const Program program = Program::compile(rule, &problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("deeper"), std::string::npos);
    EXPECT_EQ(error_type(program.evaluate(json())), "Invalid Arguments");
}

TEST(JsonLogicSafety, DeeplyNestedArraysAndPreservedValuesAreRefused) {
    std::vector<CompileProblem> problems;
    EXPECT_FALSE(Program::compile(nested_arrays(10000), &problems).evaluate(json()).ok);
    EXPECT_EQ(problems.size(), 1u);
    problems.clear();
    EXPECT_FALSE(Program::compile(wrap("preserve", nested_arrays(10000)), &problems).evaluate(json()).ok);
    EXPECT_EQ(problems.size(), 1u);
}

TEST(JsonLogicSafety, DeeplyNestedDataIsNeverCopiedOrComparedRecursively) {
    const json data = wrap("x", nested_arrays(10000));
    for (const char* rule : {R"({"var": "x"})", R"({"===": [{"var": "x"}, {"var": "x"}]})",
                             R"({"cat": [{"var": "x"}]})", R"({"merge": [{"var": "x"}]})",
                             R"({"in": [{"var": "x"}, [1]]})", R"({"map": [{"var": "x"}, {"var": ""}]})"}) {
        const Outcome outcome = run(rule, data);
        EXPECT_EQ(error_type(outcome), "Invalid Arguments") << rule;
    }
    // Reading through the deep value without copying it is fine.
    EXPECT_EQ(run(R"({"!!": {"var": "x"}})", data).value, json(true));
}

TEST(JsonLogicSafety, OddOperandsGiveErrorsOrValuesNotCrashes) {
    const json data = json::parse(R"({"o": {"a": 1}, "s": "héllo", "n": 5, "list": [1, 2]})");
    EXPECT_EQ(error_type(run(R"({"map": [{"var": "o"}, 1]})", data)), "Invalid Arguments");
    EXPECT_EQ(error_type(run(R"({"all": [{"var": "n"}, true]})", data)), "Invalid Arguments");
    EXPECT_EQ(error_type(run(R"({"missing_some": [1, "a"]})", data)), "Invalid Arguments");
    EXPECT_EQ(error_type(run(R"({"substr": []})", data)), "Invalid Arguments");
    EXPECT_EQ(run(R"({"substr": [{"var": "s"}, 1, 3]})", data).value, json("éll"));  // whole characters
    EXPECT_EQ(run(R"({"val": [[1000000], "n"]})", data).value, json(5));  // climbing stops at the data
    EXPECT_EQ(run(R"({"var": [true]})", data).value, json());
    EXPECT_EQ(run(R"({"var": "list.7"})", data).value, json());
    EXPECT_EQ(run(R"({"var": "list.-1"})", data).value, json());
    EXPECT_EQ(run(R"({"cat": [0.1, 1e21, 1e-7, -0.0]})", data).value, json("0.11e+211e-70"));
    EXPECT_EQ(error_type(run(R"({"*": [1e308, 10]})", data)), "NaN");
    EXPECT_EQ(run(R"({"+": " 12 "})", data).value, json(12));
    EXPECT_EQ(error_type(run(R"({"+": "0x10"})", data)), "NaN");
}

TEST(JsonLogicSemantics, MissingAnswerNeverEqualsAWord) {
    // Rules compare optional answers with words: a missing answer must be "not equal", not an error.
    EXPECT_EQ(run(R"({"==": [{"var": "answers.onset"}, "sudden"]})", json::object()).value, json(false));
    EXPECT_EQ(run(R"({"!=": [{"var": "answers.onset"}, "sudden"]})", json::object()).value, json(true));
}

// Two answers a differential run against json-logic-js and json-logic-engine found wrong (both agree with JavaScript).
TEST(JsonLogicSemantics, APathSegmentWithALeadingZeroIsNotAnArrayIndex) {
    const json data = json::parse(R"({"arr": [10, 20, 30]})");
    EXPECT_EQ(run(R"({"var": "arr.01"})", data).value, json(nullptr));
    EXPECT_EQ(run(R"({"missing": ["arr.01"]})", data).value, json::parse(R"(["arr.01"])"));
    EXPECT_EQ(run(R"({"var": "arr.1"})", data).value, json(20));
    EXPECT_EQ(run(R"({"var": "arr.0"})", data).value, json(10));
}

TEST(JsonLogicSemantics, InWithANullNeedleSearchesAStringForNull) {
    EXPECT_EQ(run(R"({"in": [null, "x"]})").value, json(false));
    EXPECT_EQ(run(R"({"in": [null, "is null here"]})").value, json(true));
    EXPECT_EQ(run(R"({"in": [null, [1, null]]})").value, json(true));
}

TEST(JsonLogicSemantics, ScopesAreRestoredAfterErrorsInsideIterators) {
    const json data = json::parse(R"({"xs": [1, 2], "fallback": "outer"})");
    const Outcome outcome =
        run(R"({"cat": [{"try": [{"map": [{"var": "xs"}, {"throw": "x"}]}, "caught"]}, {"var": "fallback"}]})", data);
    ASSERT_TRUE(outcome.ok) << outcome.error.dump();
    EXPECT_EQ(outcome.value, json("caughtouter"));
}

TEST(JsonLogicProgram, IsReusableAndMovable) {
    Program program = Program::compile(json::parse(R"({">=": [{"var": "age"}, 50]})"));
    EXPECT_EQ(program.evaluate(json::parse(R"({"age": 60})")).value, json(true));
    EXPECT_EQ(program.evaluate(json::parse(R"({"age": 20})")).value, json(false));
    Program moved = std::move(program);
    EXPECT_EQ(moved.evaluate(json::parse(R"({"age": 50})")).value, json(true));
    EXPECT_EQ(Program().evaluate(json::object()).value, json());
}

TEST(JsonLogicDataIndex, GivesTheSameResultsAsThePlainLookUpWhileTheDataGrows) {
    KeyTable keys;
    const Program side = Program::compile(json::parse(R"({"var": "side"})"), nullptr, &keys);
    const Program deep = Program::compile(json::parse(R"({"var": "facts.older"})"), nullptr, &keys);
    const Program absent = Program::compile(json::parse(R"({"var": ["later", "none yet"]})"), nullptr, &keys);
    const Program scoped = Program::compile(
        json::parse(R"({"some": [{"var": "regions"}, {"in": ["left_", {"var": ""}]}]})"), nullptr, &keys);
    EXPECT_EQ(keys.size(), 4u);  // side, facts, later, regions ("" reads the element, not a key)
    json data = json::parse(R"({"side": "left", "regions": ["right_heel", "left_sole"], "facts": {}})");
    DataIndex index(keys);
    Budget budget;  // one for all the evaluations here, as the engine has one per call
    const auto same = [&](const Program& program) {
        const Outcome plain = program.evaluate(data);
        const Outcome indexed = program.evaluate(data, index, budget);
        EXPECT_EQ(indexed.ok, plain.ok);
        EXPECT_EQ(indexed.value, plain.value);
        return indexed.value;
    };
    EXPECT_EQ(same(side), json("left"));
    EXPECT_EQ(same(deep), json());
    EXPECT_EQ(same(absent), json("none yet"));
    EXPECT_EQ(same(scoped), json(true));
    // Keys added and values replaced after the first look-ups are seen.
    data["later"] = 7;
    data["facts"]["older"] = true;
    data["side"] = "right";
    EXPECT_EQ(same(absent), json(7));  // found absent before, seen once the object gained a key
    EXPECT_EQ(same(deep), json(true));
    EXPECT_EQ(same(side), json("right"));
    // Other data: the index starts over instead of answering from the first object.
    const json other = json::parse(R"({"side": "both"})");
    EXPECT_EQ(side.evaluate(other, index, budget).value, json("both"));
    EXPECT_EQ(side.evaluate(json("not an object"), index, budget).value, json());
    EXPECT_EQ(side.evaluate(data, index, budget).value, json("right"));
}

TEST(JsonLogicProgram, HoldsIsTheTruthOfEvaluateWithErrorsFalse) {
    const json data = json::parse(R"({"age": 60, "side": "left", "regions": ["left_heel"], "empty": [], "zero": 0})");
    const char* rules[] = {
        R"({">=": [{"var": "age"}, 50]})",     R"({"<": [{"var": "age"}, 50]})",  R"({"var": "side"})",
        R"({"var": "regions"})",               R"({"var": "empty"})",             R"({"var": "zero"})",
        R"({"var": "absent"})",                R"({"and": [true, {"var": "side"}]})",
        R"({"throw": "always"})",              R"({"+": ["x", 1]})",              R"({"frobnicate": [1]})",
        R"({"in": ["left_heel", {"var": "regions"}]})",
    };
    KeyTable keys;
    for (const char* rule : rules) {
        const Program program = Program::compile(json::parse(rule), nullptr, &keys);
        DataIndex index(keys);
        Budget budget;
        const Outcome outcome = program.evaluate(data);
        EXPECT_EQ(program.holds(data, index, budget), outcome.ok && truthy(outcome.value)) << rule;
    }
    DataIndex index;
    Budget budget;
    EXPECT_FALSE(Program().holds(data, index, budget));  // a default program evaluates to null
    // A value too deep to copy out is an error for evaluate(), so it does not hold either.
    json deep = json::array();
    for (int i = 0; i < 300; ++i) deep = json::array({std::move(deep)});
    const json deep_data = {{"deep", deep}};
    const Program read_deep = Program::compile(json::parse(R"({"var": "deep"})"), nullptr, &keys);
    EXPECT_FALSE(read_deep.evaluate(deep_data).ok);
    DataIndex deep_index(keys);
    EXPECT_FALSE(read_deep.holds(deep_data, deep_index, budget));
}

TEST(JsonLogicDataIndex, RemembersMembersTheCallerAdds) {
    KeyTable keys;
    const Program age = Program::compile(json::parse(R"({"var": "age"})"), nullptr, &keys);
    EXPECT_EQ(keys.find("age"), 0u);
    EXPECT_EQ(keys.find("never read"), KeyTable::npos);
    json data = json::object();
    DataIndex index(keys);
    Budget budget;
    EXPECT_EQ(age.evaluate(data, index, budget).value, json());  // absent so far
    const auto added = data.get_ref<json::object_t&>().emplace("age", 42).first;
    index.remember(data, keys.find("age"), added->second);
    EXPECT_EQ(age.evaluate(data, index, budget).value, json(42));
    // Remembering a member of other data starts the index over for that data.
    json other = {{"age", 7}};
    index.remember(other, keys.find("age"), other["age"]);
    EXPECT_EQ(age.evaluate(other, index, budget).value, json(7));
    EXPECT_EQ(age.evaluate(data, index, budget).value, json(42));
}

TEST(JsonLogicDataIndex, ServesManyKeysAndProgramsCompiledWithoutAKeyTable) {
    json data = json::object();
    KeyTable keys;
    std::vector<Program> programs;
    for (int i = 0; i < 600; ++i) {
        data["key" + std::to_string(i)] = i;
        // Every other program numbers its key; the rest look theirs up by name.
        KeyTable* numbered = i % 2 == 1 ? &keys : nullptr;
        programs.push_back(Program::compile(json{{"var", "key" + std::to_string(i)}}, nullptr, numbered));
    }
    DataIndex index;  // unsized: grows as key numbers come
    Budget budget;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 600; ++i) EXPECT_EQ(programs[i].evaluate(data, index, budget).value, json(i)) << i;
    }
}

}  // namespace
