// parse_json_limited (json/reader.h), the engine's reader of untrusted JSON: exactly nlohmann's values and
// verdicts but for repeated keys (refused, where nlohmann keeps the last), refusals that name the byte and the
// problem, and the flat reader locale files take.
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/repeated_key.h"
#include "json/reader.h"

namespace rootcheck {
namespace {

using nlohmann::json;

// nlohmann's verdict on `text`: the value, or "" with `refused` set (and `beyond_double` when the first problem it
// met was a number beyond the range of a double).
struct NlohmannReading {
    json value;
    bool refused = false;
    bool beyond_double = false;
};

NlohmannReading nlohmann_reading(const std::string& text) {
    NlohmannReading reading;
    try {
        reading.value = json::parse(text);
    } catch (const json::out_of_range&) {
        reading.refused = true;
        reading.beyond_double = true;
    } catch (const json::parse_error&) {
        reading.refused = true;
    }
    return reading;
}

// parse_json_limited's reader must take exactly the texts nlohmann's parser takes and build the same value, the JSON
// types of numbers included (unsigned for non-negative integers, signed for negative ones, else double); the one
// difference is a text that repeats a key in an object, which it refuses at that member (duplicate_key).
void expect_read_as_nlohmann(const std::string& text) {
    const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 64});
    const NlohmannReading expected = nlohmann_reading(text);
    if (expected.refused) {
        ASSERT_TRUE(parsed.error) << "accepted what nlohmann refuses: " << text;
        if (first_invalid_utf8(text) != std::string_view::npos) {  // checked before the syntax
            EXPECT_EQ(parsed.error->code, "invalid_utf8") << text;
            return;
        }
        // nlohmann stops at a number beyond a double; the reader reports it only once the rest of the text has
        // passed the syntax check (out_of_range), else the syntax error that follows (malformed_json).
        if (parsed.error->code == "out_of_range") {
            EXPECT_TRUE(expected.beyond_double) << text;
            return;
        }
        ASSERT_EQ(parsed.error->code, "malformed_json") << text;
        EXPECT_EQ(parsed.error->message.rfind("malformed JSON at byte ", 0), 0u) << parsed.error->message;
        return;
    }
    if (const auto repeated = testing::first_repeated_key(text)) {
        ASSERT_TRUE(parsed.error) << "accepted a repeated key: " << text;
        EXPECT_EQ(parsed.error->code, "duplicate_key") << text;
        EXPECT_EQ(parsed.error->path, *repeated) << text;
        return;
    }
    ASSERT_FALSE(parsed.error) << text << " -> " << parsed.error->message;
    ASSERT_EQ(parsed.value, expected.value) << text;
    ASSERT_EQ(parsed.value.dump(), expected.value.dump()) << text;
    std::vector<std::pair<const json*, const json*>> pending{{&parsed.value, &expected.value}};
    while (!pending.empty()) {
        const auto [got, want] = pending.back();
        pending.pop_back();
        ASSERT_EQ(got->type(), want->type()) << text;
        if (want->is_structured()) {
            auto g = got->begin();
            for (auto w = want->begin(); w != want->end(); ++w, ++g) pending.emplace_back(&*g, &*w);
        }
    }
}

TEST(JsonReader, ReadsExactlyAsNlohmann) {
    const std::string texts[] = {
        R"({"a": 1, "b": -1, "c": -0, "d": 1.5, "e": 1e2, "f": 2E-3, "g": 0.0, "h": 123456789012345678})",
        R"({"big": 1234567890123456789, "bigger": 123456789012345678901234567890, "neg": -9223372036854775808})",
        R"([18446744073709551615, 18446744073709551616, -9223372036854775809, 0e0, -0.0, 1E400, -1e400, 1e-400])",
        R"( [ true , false , null , "x" , [ ] , { } , [ [ 1 ] ] ] )",
        R"({"dup": 1, "dup": 2})",
        R"({"k": 1, "s": "q\"b\\s\/f\bf\fn\nr\rt\t", "u": "\u00e9\ud83d\ude00\u0000\u007F\uFFFF"})",
        R"({"lone": "\ud800"})", R"({"lone": "\udc00"})", R"(["\ud800\u0041"])", R"(["\ud800\"])", R"(["\u12"])",
        R"(["\u12G4"])", R"(["\uD83D\uDE00\uD83D"])", "\xEF\xBB\xBF{\"bom\": 1}", "\xEF\xBB\xBF", "\xEF\xBB{}",
        "{\"caf\xC3\xA9\": \"\xF0\x9F\x98\x80\"}",
        "\"tab\tinside\"", "\"nul\x01\"", R"({"a": 01})", R"({"a": 1.})", R"({"a": .5})", R"({"a": -})",
        R"({"a": +1})", R"({"a": 1e})", R"({"a": 1e+})", R"({"a": tru})", R"({"a": nul})", R"({"a": falsey})",
        R"({"a": "\x"})", R"({"a": 1,})", R"([1,])", R"([1 2])", R"({"a" 1})", R"({a: 1})", R"({"a": 1 "b": 2})",
        "{} x", "", "   ", "42", "-0", "1.5e3", R"("text")", R"("unclosed)", "[", "{", R"({"a":)", "]", "}",
        "[1]]", "nan", "Infinity", "\t\r\n[\t\r\n]\t\r\n", "\f[]", "[\v]",
    };
    for (const std::string& text : texts) expect_read_as_nlohmann(text);

    // 20,000 damaged documents: each a valid document with up to three bytes deleted, replaced, inserted or cut.
    const std::string seeds[] = {
        R"({"answers": {"age": 52, "pain_regions": ["left_big_toe", "saddle"], "x": -1.25e-3}, "locale": "es"})",
        R"([{"a": [true, false, null]}, "\u00e9\n", 18446744073709551615, -9223372036854775808, 0.1])",
        R"({"rule": {"if": [{"<=": [{"var": "a.b"}, 3]}, "yes", "no"]}, "data": {"a": {"b": 2.5}}})",
    };
    const char alphabet[] = "{}[]:,\" \\/-+.0123456789eEuabfnrtlsx\t\n";
    std::uint64_t state = 2024;  // a fixed pseudo-random sequence (64-bit LCG): the same documents every run
    const auto next = [&state](std::uint64_t bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % bound;
    };
    for (int i = 0; i < 20000; ++i) {
        std::string text = seeds[next(std::size(seeds))];
        for (std::uint64_t edits = 1 + next(3); edits > 0; --edits) {
            const std::size_t at = next(text.size() + 1);
            const char c = alphabet[next(sizeof alphabet - 1)];
            switch (next(4)) {
                case 0: if (at < text.size()) text.erase(at, 1); break;
                case 1: if (at < text.size()) text[at] = c; break;
                case 2: text.insert(at, 1, c); break;
                default: text.resize(at); break;
            }
        }
        expect_read_as_nlohmann(text);
        if (::testing::Test::HasFatalFailure()) return;
    }
}

// A refusal names the byte (counted from 0) where the problem is and what is wrong, in words.
TEST(JsonReader, MalformedJsonNamesTheByteAndTheProblem) {
    const std::pair<std::string, std::string> cases[] = {
        {"", "at byte 0: expected a value, found the end of the input"},
        {R"({"a": tru})", "at byte 6: unknown literal 'tru': expected true, false or null"},
        {R"({"a": 1,})", "at byte 8: expected a member name in double quotes, found '}'"},
        {R"({"a" 1})", "at byte 5: expected ':' after a member name, found '1'"},
        {R"([1 2])", "at byte 3: expected ',' or ']', found '2'"},
        {R"({"a": 1)", "at byte 7: expected ',' or '}', found the end of the input"},
        {"{} x", "at byte 3: unexpected text after the end of the document"},
        {R"(["unclosed)", "at byte 1: a string is not closed"},
        {"[\"a\x01\"]", "at byte 3: control character U+0001 in a string must be escaped"},
        {R"(["\x"])", "at byte 2: invalid escape: a backslash followed by 'x'"},
        {R"(["\u12G4"])", "at byte 2: \\u must be followed by four hex digits"},
        {R"(["\ud800"])", "at byte 2: a high surrogate \\uD800 must be followed by a low one"},
        {R"(["\udc00"])", "at byte 2: a low surrogate \\uDC00 must follow a high one"},
        {R"([-x])", "at byte 2: expected a digit after '-', found 'x'"},
        {R"([1.])", "at byte 3: expected a digit after '.', found ']'"},
        {R"([1e+])", "at byte 4: expected a digit in the exponent, found ']'"},
        // A number beyond a double is reported only once the syntax is known to be sound.
        {R"([1e400, ])", "at byte 8: expected a value (true, false, null, a number, a string, [ or {), found ']'"},
    };
    for (const auto& [text, detail] : cases) {
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        ASSERT_TRUE(parsed.error) << text;
        EXPECT_EQ(parsed.error->code, "malformed_json") << text;
        EXPECT_NE(parsed.error->message.find("malformed JSON " + detail), std::string::npos)
            << text << " -> " << parsed.error->message;
    }
    // The depth limit holds while reading, and too deep is reported before malformed.
    EXPECT_EQ(parse_json_limited("[[[]]]", ParseLimits{0, 2}).error->code, "too_deep");
    EXPECT_FALSE(parse_json_limited("[[[]]]", ParseLimits{0, 3}).error);
    EXPECT_EQ(parse_json_limited("[1 [[[]]]", ParseLimits{0, 2}).error->code, "too_deep");
}

// A number beyond the range of a double (1e400) is valid JSON with a value no double holds: out_of_range at the
// number's JSON Pointer, once the whole text has passed the depth and syntax checks.
TEST(JsonReader, NumbersBeyondADoubleAreOutOfRangeWhereTheyStand) {
    const std::pair<std::string, std::string> cases[] = {
        {R"({"answers": {"age": 1e400}})", "/answers/age"},
        {R"([1, 2, -1E400])", "/2"},
        {R"({"a~b/c": [0, {"x": 1e999, "y": 1}]})", "/a~0b~1c/1/x"},
        {R"([1e400, 2e400])", "/0"},  // the first in the text
        {R"({"b": 1e400, "a": 2e400})", "/b"},
        {"1e400", ""},
    };
    for (const auto& [text, pointer] : cases) {
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        ASSERT_TRUE(parsed.error) << text;
        EXPECT_EQ(parsed.error->code, "out_of_range") << text << " -> " << parsed.error->message;
        EXPECT_EQ(parsed.error->path, pointer) << text;
        EXPECT_NE(parsed.error->message.find("is beyond the range of a double"), std::string::npos)
            << parsed.error->message;
    }
    EXPECT_EQ(parse_json_limited(R"({"age": 1e400})", ParseLimits{0, 16}).error->message,
              "the number 1e400 is beyond the range of a double");
    // Below the smallest double is 0, as strtod reads it; too deep and malformed are reported first.
    EXPECT_EQ(parse_json_limited("[1e-400]", ParseLimits{0, 16}).value, json::parse("[0.0]"));
    EXPECT_EQ(parse_json_limited("[1e400, [[[]]]]", ParseLimits{0, 2}).error->code, "too_deep");
    EXPECT_EQ(parse_json_limited(R"({"a": 1e400} x)", ParseLimits{0, 16}).error->code, "malformed_json");
}

// A key repeated in one object is refused at the repeated member: JSON leaves its meaning open, and keeping the last
// value (as nlohmann does) would let {"saddle_numbness": "yes", "saddle_numbness": "no"} hide a red flag.
TEST(JsonReader, RepeatedKeysAreRefusedWhereTheyStand) {
    const std::pair<std::string, std::string> cases[] = {
        {R"({"a": 1, "b": 2, "a": 3})", "/a"},
        {R"({"a": 1, "a": 1})", "/a"},  // the same value twice too
        {R"({"answers": {"saddle_numbness": "yes", "saddle_numbness": "no"}})", "/answers/saddle_numbness"},
        {R"([{"x": 1}, {"y": [0, {"z": 1, "z": 2}]}])", "/1/y/1/z"},
        {R"({"a~b/c": {"k/~": 1, "k/~": 2}})", "/a~0b~1c/k~1~0"},
        {R"({"a": 1, "a": 2})", "/a"},  // the same key, written two ways
        {R"({"": 1, "": 2})", "/"},
        {R"({"b": {"x": 1, "x": 2}, "b": 3})", "/b/x"},  // the first repeat in the text
        {R"({"b": 1, "b": {"x": 1, "x": 2}})", "/b"},
        {R"({"a": 1, "a": 1e400})", "/a"},
    };
    for (const auto& [text, pointer] : cases) {
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        ASSERT_TRUE(parsed.error) << text << " read as " << parsed.value.dump();
        EXPECT_EQ(parsed.error->code, "duplicate_key") << text << " -> " << parsed.error->message;
        EXPECT_EQ(parsed.error->path, pointer) << text;
        EXPECT_EQ(parsed.value, json()) << text;
        if (text.find("1e400") == std::string::npos) {  // nlohmann refuses that one itself
            EXPECT_EQ(testing::first_repeated_key(text), pointer) << "the test's own finder disagrees on " << text;
        }
    }
    EXPECT_EQ(parse_json_limited(R"({"a": 1, "a": 2})", ParseLimits{0, 16}).error->message,
              "the key at byte 9 repeats an earlier key of its object: an object names each member once");
    // The same key in different objects is no repeat.
    for (const std::string text : {R"([{"a": 1}, {"a": 2}])", R"({"a": {"a": {"a": 1}}, "b": {"a": 2}})"}) {
        const ParsedJson parsed = parse_json_limited(text, ParseLimits{0, 16});
        EXPECT_FALSE(parsed.error) << text << " -> " << parsed.error->message;
        EXPECT_EQ(parsed.value, json::parse(text));
        EXPECT_EQ(testing::first_repeated_key(text), std::nullopt) << text;
    }
    // Too deep and malformed are reported first; a number beyond a double and a repeated key, whichever comes first.
    EXPECT_EQ(parse_json_limited(R"({"a": 1, "a": [[[]]]})", ParseLimits{0, 2}).error->code, "too_deep");
    EXPECT_EQ(parse_json_limited(R"({"a": 1, "a": 2} x)", ParseLimits{0, 16}).error->code, "malformed_json");
    const ParsedJson beyond_first = parse_json_limited(R"({"a": 1e400, "a": 2})", ParseLimits{0, 16});
    EXPECT_EQ(beyond_first.error->code, "out_of_range");
    EXPECT_EQ(beyond_first.error->path, "/a");
}

// Locale files are read by parse_flat_string_object when they are plainly a flat object of strings; anything else is
// refused, so that the general parser reports it. What it accepts it must read exactly as nlohmann does.
TEST(JsonReader, FlatStringObjectsOnly) {
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

// Decimals are computed without strtod (numbers/decimal.h): the double must still be strtod's (nlohmann's), bit for
// bit, on both sides of the limits of its fast path (2^53 as the digits' integer, powers of ten beyond +-22).
TEST(JsonReader, DecimalsAreStrtodsDoubles) {
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

}  // namespace
}  // namespace rootcheck
