// The answers document: every error code of engine.h with its exact JSON Pointer, the limits, and what counts as
// answered. Runs over the fixture rule set (tests/cpp/fixtures/rules).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "fixtures/fixture_rules.h"

namespace rootcheck {
namespace {

using nlohmann::json;

class EngineAnswers : public ::testing::Test {
protected:
    Engine engine = testing::fixture_engine();

    // The error object of assess(text), after checking next() refuses the same way.
    json error_of(const std::string& text) {
        const json result = json::parse(engine.assess(text));
        const json navigation = json::parse(engine.next(text));
        EXPECT_TRUE(result.contains("error")) << text.substr(0, 200) << " -> " << result.dump().substr(0, 300);
        EXPECT_EQ(navigation, result) << "next() must refuse exactly like assess()";
        return result.value("error", json::object());
    }

    void expect_error(const std::string& text, const std::string& code, const std::string& path) {
        const json error = error_of(text);
        EXPECT_EQ(error.value("code", ""), code) << text.substr(0, 200) << " -> " << error.dump();
        EXPECT_EQ(error.value("path", "?"), path) << text.substr(0, 200) << " -> " << error.dump();
        EXPECT_FALSE(error.value("message", "").empty());
    }

    json assess(const json& document) { return json::parse(engine.assess(document.dump())); }
};

TEST_F(EngineAnswers, MalformedJsonGivesTheByteOffset) {
    expect_error(R"({"answers": {)", "malformed_json", "");
    expect_error("", "malformed_json", "");
    expect_error("{} x", "malformed_json", "");
    expect_error(R"({"answers": {"age": 4,}})", "malformed_json", "");
    // 0-based offset of the problem: where the bad literal "tru" starts.
    const json error = error_of(R"({"answers": tru})");
    EXPECT_NE(error.value("message", "").find("at byte 12: unknown literal 'tru'"), std::string::npos) << error.dump();
}

TEST_F(EngineAnswers, NotAnObject) {
    expect_error("[]", "not_an_object", "");
    expect_error(R"("answers")", "not_an_object", "");
    expect_error("42", "not_an_object", "");
}

TEST_F(EngineAnswers, UnknownKeys) {
    expect_error(R"({"answer": {}})", "unknown_key", "/answer");
    expect_error(R"({"answers": {"nope": "yes"}})", "unknown_key", "/answers/nope");
    expect_error(R"({"answers": {"a/b~c": "yes"}})", "unknown_key", "/answers/a~1b~0c");
    // Condition data names are not answers.
    expect_error(R"({"answers": {"facts": {}}})", "unknown_key", "/answers/facts");
}

TEST_F(EngineAnswers, WrongTypes) {
    expect_error(R"({"answers": []})", "wrong_type", "/answers");
    expect_error(R"({"answers": {"has_pain": true}})", "wrong_type", "/answers/has_pain");
    expect_error(R"({"answers": {"qualities": "sharp"}})", "wrong_type", "/answers/qualities");
    expect_error(R"({"answers": {"qualities": ["sharp", 3]}})", "wrong_type", "/answers/qualities/1");
    expect_error(R"({"answers": {"pain_regions": [{"id": "left_foot"}]}})", "wrong_type", "/answers/pain_regions/0");
    expect_error(R"({"answers": {"age": "40"}})", "wrong_type", "/answers/age");
    expect_error(R"({"answers": {"age": 40.5}})", "wrong_type", "/answers/age");
    expect_error(R"({"locale": 1})", "wrong_type", "/locale");
    expect_error(R"({"mode": null})", "wrong_type", "/mode");
}

TEST_F(EngineAnswers, OutOfRange) {
    expect_error(R"({"answers": {"age": 121}})", "out_of_range", "/answers/age");
    expect_error(R"({"answers": {"age": -1}})", "out_of_range", "/answers/age");
    expect_error(R"({"answers": {"duration": 100.5}})", "out_of_range", "/answers/duration");
    expect_error(R"({"answers": {"duration": 1e300}})", "out_of_range", "/answers/duration");
    // Valid JSON, but beyond any double: refused where it stands, before the answer's own checks.
    expect_error(R"({"answers": {"age": 1e400}})", "out_of_range", "/answers/age");
    expect_error(R"({"answers": {"pain_regions": ["left_foot", -1e400]}})", "out_of_range", "/answers/pain_regions/1");
    EXPECT_FALSE(assess({{"answers", {{"age", 120}, {"duration", 0.25}}}}).contains("error"));
    EXPECT_FALSE(assess(json::parse(R"({"answers": {"age": 40.0}})")).contains("error"));
}

TEST_F(EngineAnswers, UnknownValuesAndRegions) {
    expect_error(R"({"answers": {"has_pain": "maybe"}})", "unknown_value", "/answers/has_pain");
    expect_error(R"({"answers": {"qualities": ["sharp", "wet"]}})", "unknown_value", "/answers/qualities/1");
    expect_error(R"({"answers": {"has_pain": "s\u00ed"}})", "unknown_value", "/answers/has_pain");
    expect_error(R"({"answers": {"pain_regions": ["left_foot", "left_knee"]}})", "unknown_region",
                 "/answers/pain_regions/1");
    expect_error(R"({"answers": {"numb_regions": ["sharp"]}})", "unknown_region", "/answers/numb_regions/0");
}

TEST_F(EngineAnswers, Duplicates) {
    expect_error(R"({"answers": {"numb_regions": ["left_foot", "right_foot", "left_foot"]}})", "duplicate_value",
                 "/answers/numb_regions/2");
    expect_error(R"({"answers": {"qualities": ["dull", "dull"]}})", "duplicate_value", "/answers/qualities/1");
}

// A key given twice is refused before any answer is read: the reader would otherwise keep one of the two values.
TEST_F(EngineAnswers, RepeatedKeys) {
    expect_error(R"({"answers": {"has_pain": "yes", "has_pain": "no"}})", "duplicate_key", "/answers/has_pain");
    expect_error(R"({"locale": "en", "answers": {}, "locale": "es"})", "duplicate_key", "/locale");
    const json logic = json::parse(evaluate_logic(R"({"var": "a"})", R"({"a": 1, "a": 2})"));
    ASSERT_TRUE(logic.contains("error")) << logic.dump();
    EXPECT_EQ(logic["error"]["code"], "duplicate_key") << logic.dump();
    EXPECT_EQ(logic["error"]["path"], "/data/a") << logic.dump();
}

TEST_F(EngineAnswers, UnknownLocaleAndMode) {
    expect_error(R"({"locale": "de"})", "unknown_locale", "/locale");
    expect_error(R"({"locale": ""})", "unknown_locale", "/locale");
    expect_error(R"({"mode": "doctor"})", "unknown_mode", "/mode");
    const json q1 = json::parse(engine.questionnaire("de", "self"));
    EXPECT_EQ(q1["error"]["code"], "unknown_locale");
    EXPECT_EQ(q1["error"]["path"], "/locale");
    const json q2 = json::parse(engine.questionnaire("en", "patient"));
    EXPECT_EQ(q2["error"]["code"], "unknown_mode");
    EXPECT_EQ(q2["error"]["path"], "/mode");
}

TEST_F(EngineAnswers, TooLarge) {
    std::string padded = R"({"answers": {}})";
    padded.append(kMaxDocumentBytes - padded.size(), ' ');
    EXPECT_FALSE(json::parse(engine.assess(padded)).contains("error")) << "exactly the limit is accepted";
    padded += ' ';
    expect_error(padded, "too_large", "");
    // 100,000 nested arrays: refused on size before any parsing.
    expect_error(std::string(100000, '[') + std::string(100000, ']'), "too_large", "");
}

TEST_F(EngineAnswers, TooDeep) {
    const auto nested = [](int levels) { return std::string(levels, '[') + std::string(levels, ']'); };
    expect_error(nested(kMaxDepth), "not_an_object", "");  // deep enough, still parsed
    expect_error(nested(kMaxDepth + 1), "too_deep", "");
    expect_error(nested(30000), "too_deep", "");  // 60 kB of brackets: stopped at level 17
    std::string deep_answer = R"({"answers": {"qualities": )" + nested(kMaxDepth) + "}}";
    expect_error(deep_answer, "too_deep", "");
    expect_error(std::string(30000, '[') + "1", "too_deep", "");  // unterminated, but too deep first
}

TEST_F(EngineAnswers, InvalidUtf8GivesTheByteOffset) {
    const std::string prefix = R"({"answers": {"has_pain": ")";
    for (const std::string& bad : {std::string("\xC3\x28"), std::string("\xED\xA0\x80"), std::string("\xC0\xAF"),
                                  std::string("\xE2\x82"), std::string("\xF4\x90\x80\x80"), std::string("\xFF")}) {
        const json error = error_of(prefix + bad + R"("}})");
        EXPECT_EQ(error.value("code", ""), "invalid_utf8");
        EXPECT_EQ(error.value("path", "?"), "");
        EXPECT_NE(error.value("message", "").find("byte " + std::to_string(prefix.size())), std::string::npos)
            << error.dump();
    }
    expect_error("\xC3\x28", "invalid_utf8", "");
}

TEST_F(EngineAnswers, NullMeansNotAnswered) {
    const json result = assess(json::parse(R"({"answers": {"has_pain": null, "age": null}})"));
    ASSERT_FALSE(result.contains("error")) << result.dump();
    EXPECT_EQ(result["answered"], 0);
}

TEST_F(EngineAnswers, DefaultsAndPartialAnswers) {
    const json empty = assess(json::object());
    ASSERT_FALSE(empty.contains("error")) << empty.dump();
    EXPECT_EQ(empty["locale"], "en");
    EXPECT_EQ(empty["mode"], "self");
    EXPECT_EQ(empty["answered"], 0);
    const json partial = assess({{"answers", {{"age", 30}, {"alarm", "no"}}}, {"locale", "fr"}});
    ASSERT_FALSE(partial.contains("error")) << partial.dump();
    EXPECT_EQ(partial["answered"], 2);
    EXPECT_EQ(partial["locale"], "fr");
}

TEST_F(EngineAnswers, TenThousandBadInputsThenAGoodOne) {
    const std::string good = R"({"answers": {"has_pain": "yes", "pain_side": "left", "alarm": "yes"}})";
    const std::string before = engine.assess(good);
    const std::string bad[] = {
        "{",
        "\xC3\x28",
        std::string(200, '{'),
        R"({"answers": {"age": 1000}})",
        R"({"answers": {"nope": 1}})",
        R"({"answers": {"pain_regions": ["left_foot", "left_foot"]}})",
        R"({"mode": "x"})",
        "null",
        std::string(kMaxDocumentBytes + 1, ' '),
        "{\"answers\": {\"has_pain\": \"\xED\xA0\x80\"}}",
    };
    std::size_t refused = 0;
    for (int i = 0; i < 10000; ++i) {
        std::string input = bad[i % std::size(bad)];
        if (i % 7 == 0) input = input.substr(0, static_cast<std::size_t>(i) % (input.size() + 1));
        const std::string output = i % 2 == 0 ? engine.assess(input) : engine.next(input);
        refused += output.rfind(R"({"error":)", 0) == 0 ? 1 : 0;
    }
    EXPECT_EQ(refused, 10000u);
    EXPECT_EQ(engine.assess(good), before);
}

}  // namespace
}  // namespace rootcheck
