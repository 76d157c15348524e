// The answers document: every error code of engine.h with its exact JSON Pointer, the limits, and what counts as
// answered. Runs over the fixture rule set (tests/cpp/fixtures/rules).
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "engine/json_input.h"
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
    // 0-based offset of the byte where parsing failed: the '}' that ends the bad literal "tru".
    const json error = error_of(R"({"answers": tru})");
    EXPECT_NE(error.value("message", "").find("at byte 15:"), std::string::npos) << error.dump();
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

// parse_json_limited reads common documents in a single pass of its own and leaves anything unusual to nlohmann's
// parser: either way the value (the types of numbers included) and every error message must be nlohmann's.
TEST(JsonInput, ParsesExactlyAsNlohmann) {
    const std::string texts[] = {
        R"({"a": 1, "b": -1, "c": -0, "d": 1.5, "e": 1e2, "f": 2E-3, "g": 0.0, "h": 123456789012345678})",
        R"({"big": 1234567890123456789, "bigger": 123456789012345678901234567890, "neg": -9223372036854775808})",
        R"( [ true , false , null , "x" , [ ] , { } , [ [ 1 ] ] ] )",
        R"({"dup": 1, "dup": 2, "s": "q\"b\\s\/f\bf\fn\nr\rt\t", "u": "\u00e9\ud83d\ude00"})",
        R"({"lone": "\ud800"})",
        "{\"caf\xC3\xA9\": \"\xF0\x9F\x98\x80\"}",
        "\"tab\tinside\"",
        R"({"a": 01})",
        R"({"a": 1.})",
        R"({"a": -})",
        R"({"a": tru})",
        R"({"a": "\x"})",
        R"({"a": 1,})",
        R"([1 2])",
        R"({"a" 1})",
        "{} x",
        "",
        "   ",
        "42",
        R"("text")",
    };
    for (const std::string& text : texts) {
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        json expected;
        std::string expected_error;
        try {
            expected = json::parse(text);
        } catch (const json::parse_error& e) {
            expected_error = e.what();
        }
        if (expected_error.empty()) {
            ASSERT_FALSE(parsed.error) << text << " -> " << parsed.error->message;
            EXPECT_EQ(parsed.value, expected) << text;
            EXPECT_EQ(parsed.value.dump(), expected.dump()) << text;
            // The same JSON types too: unsigned for non-negative integers, signed for negative ones, else double.
            for (auto it = expected.begin(); expected.is_object() && it != expected.end(); ++it) {
                EXPECT_EQ(parsed.value[it.key()].type(), it->type()) << text << " at " << it.key();
            }
        } else {
            ASSERT_TRUE(parsed.error) << text;
            EXPECT_EQ(parsed.error->code, "malformed_json") << text;
            const std::string detail = expected_error.substr(expected_error.find("] ") + 2);
            EXPECT_NE(parsed.error->message.find(detail), std::string::npos) << parsed.error->message;
        }
    }
    // A number beyond a double is malformed input, not an internal error.
    const ParsedJson huge = parse_json_limited(R"({"age": 1e400})", ParseLimits{0, 16});
    ASSERT_TRUE(huge.error);
    EXPECT_EQ(huge.error->code, "malformed_json");
    EXPECT_NE(huge.error->message.find("1e400"), std::string::npos) << huge.error->message;
    // The depth limit holds for the single-pass reader as for the checks.
    EXPECT_EQ(parse_json_limited("[[[]]]", ParseLimits{0, 2}).error->code, "too_deep");
    EXPECT_FALSE(parse_json_limited("[[[]]]", ParseLimits{0, 3}).error);
}

// Locale files are read by parse_flat_string_object when they are plainly a flat object of strings; anything else is
// refused, so that the general parser reports it. What it accepts it must read exactly as nlohmann does.
TEST(JsonInput, FlatStringObjectsOnly) {
    const std::string accepted[] = {
        "{\"b\": \"two\", \"a\": \"one\", \"caf\xC3\xA9\": \"\xF0\x9F\x98\x80\"}",
        " {\n\t\"k\" :\"v\" } \r\n",
        "{}",
        R"({"empty": ""})",
    };
    for (const std::string& text : accepted) {
        std::map<std::string, std::string> members;
        ASSERT_TRUE(parse_flat_string_object(text, members)) << text;
        EXPECT_EQ(json(members), json::parse(text)) << text;
    }
    const std::string refused[] = {
        R"({"a": "x\ny"})",        // an escape
        R"({"a": "\u0041"})",      // a \u escape
        "{\"a\": \"tab\there\"}",  // a raw control character
        R"({"a": 1})",             // not a string
        R"({"a": {"b": "c"}})",    // nested
        R"({"a": "x", "a": "y"})",  // a repeated key (the general parser keeps the last)
        R"(["a"])",
        R"({"a": "x",})",
        R"({"a": "x"} x)",
        R"({"a": "x")",
        R"({"a" "x"})",
        "{\"a\": \"\xC3\"}",      // invalid UTF-8
        "",
    };
    for (const std::string& text : refused) {
        std::map<std::string, std::string> members;
        EXPECT_FALSE(parse_flat_string_object(text, members)) << text;
    }
}

// Decimals are computed without strtod when that is exact: the double must still be strtod's (nlohmann's), bit for
// bit, on both sides of the limits of that path (2^53 as the digits' integer, powers of ten beyond +-22).
TEST(JsonInput, DecimalsAreStrtodsDoubles) {
    std::vector<std::string> numbers = {
        "0.3", "0.25", "-0.0", "0.0", "1.5e0", "0.1e1", "9007199254740992.0", "9007199254740993.0", "900719925474099.3",
        "1e22", "1e23", "1e-22", "1e-23", "123.456e20", "123.456e-20", "0.000001", "4.35", "2.675", "1.0000000000000002",
        "0.30000000000000004", "1e-5", "7e-1", "5e-324", "1.7976931348623157e308", "2.2250738585072014e-308",
        "1E+2", "1e+022", "0.00000000000000000000000000001", "123456789012345678.5"};
    std::uint64_t state = 12345;  // a fixed pseudo-random sequence (64-bit LCG): the same numbers every run
    const auto next = [&state] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL; };
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t digits = next() % 100000000000000000ULL >> (next() % 40);
        const int point = static_cast<int>(next() % 20);
        const int exponent = static_cast<int>(next() % 61) - 30;
        std::string text = std::to_string(digits);
        if (point < static_cast<int>(text.size())) text.insert(text.size() - point, ".");
        if (text.front() == '.') text.insert(0, "0");
        if (text.back() == '.') text += "0";
        numbers.push_back((next() % 2 ? "-" : "") + text + (exponent % 3 ? "e" + std::to_string(exponent) : ""));
    }
    for (const std::string& number : numbers) {
        const std::string text = "[" + number + "]";
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        ASSERT_FALSE(parsed.error) << text;
        const json expected = json::parse(text);
        ASSERT_EQ(parsed.value[0].type(), expected[0].type()) << text;
        if (!expected[0].is_number_float()) continue;
        const double got = parsed.value[0].get<double>();
        const double want = expected[0].get<double>();
        std::uint64_t got_bits = 0;
        std::uint64_t want_bits = 0;
        std::memcpy(&got_bits, &got, sizeof got);
        std::memcpy(&want_bits, &want, sizeof want);
        EXPECT_EQ(got_bits, want_bits) << text;
    }
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
