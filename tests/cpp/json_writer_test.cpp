// The result document is written without a DOM (json_writer.h); it must be exactly the bytes nlohmann's dump()
// gives for the same value with sorted keys, escapes and number formats included.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "json/writer.h"
#include "fixtures/fixture_rules.h"

namespace rootcheck {
namespace {

using nlohmann::json;

TEST(EngineJsonWriter, MatchesNlohmannDump) {
    const std::string tricky = std::string("a quote \" backslash \\ controls \b\f\n\r\t \x01\x1f del \x7f caf\xC3\xA9 ") +
                               "\xF0\x9F\x98\x80 slash /";
    JsonWriter w;
    w.begin_object().key(tricky)  // keys in sorted order: "a quote...", "n", "z"
        .string(tricky).key("n").begin_array();
    for (double x : {0.0, 0.6, 1.0, 2.5, 0.333, 1e21, 1e-7, -3.25, 123456789.125}) w.number(x);
    w.integer(0).integer(-42).boolean(true).boolean(false).begin_object().key("b").begin_array().integer(1);
    w.begin_object().key("a").string("").end_object().end_array().end_object();
    w.end_array().key("z").begin_array().string("x").string("").string("y").end_array().end_object();
    const std::string text = w.take();
    EXPECT_EQ(text, json::parse(text).dump());
    EXPECT_EQ(json::parse(text)[tricky], tricky);
}

// value() writes any parsed value as dump() does: the rule set's SHA-256 is taken over this form (rule_set.cpp).
TEST(EngineJsonWriter, ValueWritesAnyJsonAsDumpDoes) {
    const json value = json::parse(R"({"z": [1, -2, 18446744073709551615, -9223372036854775808, 0.5, 1.0, 1e300],
        "a": {"nested": {"empty": {}, "list": [], "null": null, "yes": true, "no": false}},
        "text": "tab\t quote\" caf\u00e9 \u0001", "m": 3})");
    JsonWriter w;
    w.value(value);
    EXPECT_EQ(w.take(), value.dump());

    JsonWriter inside;  // as a member and an element, with separators around it
    inside.begin_array().integer(1).value(value).value(json("x")).end_array();
    EXPECT_EQ(inside.take(), json::array({1, value, "x"}).dump());
}

TEST(EngineJsonWriter, EscapesAtEveryOffsetOfAWord) {
    // The writer skips plain text 8 bytes at a time; an escape may fall on any byte of such a word.
    for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
        for (std::size_t at = 0; at < 20; ++at) {
            std::string text(20, 'a');
            text[at] = special;
            const std::string written = JsonWriter().string(text).take();
            EXPECT_EQ(written, json(text).dump()) << "byte " << at;
        }
    }
}

TEST(EngineJsonWriter, JoinedStringsEscapeAsPlainStrings) {
    const std::string citation = "Source \"A\" \\ 2020\n";
    JsonWriter w(8);  // a tiny buffer: the writer must grow it
    w.begin_array().joined({"facts", ".", "a\"b"}).joined({}).joined({"x\n", "", "y"});
    for (int i = 0; i < 50; ++i) w.joined({citation, i % 3 == 0 ? "plain" : ""});
    const std::string text = w.end_array().take();
    json expected = json::array({"facts.a\"b", "", "x\ny"});
    for (int i = 0; i < 50; ++i) expected.push_back(citation + (i % 3 == 0 ? "plain" : ""));
    EXPECT_EQ(text, expected.dump());
}

TEST(EngineJsonWriter, WritesVerbatimOnlyTextsWithoutEscapes) {
    for (const std::string& plain : std::vector<std::string>{"", "a", "stay_active", std::string(40, 'x'),
                                                             "caf\xC3\xA9 \xF0\x9F\x98\x80 slash / del \x7f"}) {
        EXPECT_TRUE(writes_verbatim(plain)) << plain;
    }
    // Every byte that needs an escape, at every offset of a word and in the tail after the last whole word.
    for (const char special : {'"', '\\', '\n', '\x01', '\x1f', '\0'}) {
        for (std::size_t at = 0; at < 21; ++at) {
            std::string text(21, 'a');
            text[at] = special;
            EXPECT_FALSE(writes_verbatim(text)) << "byte " << at;
        }
    }
}

// The verbatim writers skip the scan but must give the bytes key(), string() and joined() give for the same text.
TEST(EngineJsonWriter, VerbatimPiecesWriteWhatTheEscapingWritersWrite) {
    const std::string text = "Caf\xC3\xA9 texts / ids like stay_active-2";
    JsonWriter escaping(8);  // tiny buffers: both must grow
    JsonWriter verbatim(8);
    escaping.begin_object().key(text).begin_array();  // keys in sorted order: "Caf...", "id"
    verbatim.begin_object().verbatim_key(text).begin_array();
    for (int i = 0; i < 40; ++i) {
        escaping.joined({"facts", ".", text}).string("").joined({});
        verbatim.verbatim_joined({"facts", ".", text}).verbatim_string("").verbatim_joined({});
    }
    escaping.end_array().key("id").string(text).end_object();
    verbatim.end_array().verbatim_key("id").verbatim_string(text).end_object();
    const std::string written = verbatim.take();
    EXPECT_EQ(written, escaping.take());
    EXPECT_EQ(written, json::parse(written).dump());
}

TEST(EngineJsonWriter, ResultsAreInCanonicalForm) {
    Engine engine = testing::fixture_engine();
    const json documents = json::parse(R"J([
        {},
        {"answers": {"has_pain": "yes", "pain_side": "both", "age": 60, "alarm": "yes", "qualities": ["sharp", "dull"],
                     "numb_regions": ["left_shin", "right_shin"], "pain_regions": ["left_foot", "middle"]}},
        {"mode": "clinician", "locale": "fr",
         "answers": {"has_pain": "yes", "pain_side": "left", "exam_sign": "positive", "duration": 20, "age": 15}}
    ])J");
    for (const json& document : documents) {
        const std::string result = engine.assess(document.dump());
        EXPECT_EQ(result, json::parse(result).dump()) << document.dump();
        const std::string navigation = engine.next(document.dump());
        EXPECT_EQ(navigation, json::parse(navigation).dump()) << document.dump();
    }
}

// next(), questionnaire() and info() are written by JsonWriter too, in the same canonical form.
TEST(EngineJsonWriter, EveryOtherOutputIsInCanonicalForm) {
    Engine engine = testing::fixture_engine();
    const std::string info = engine.info();
    EXPECT_EQ(info, json::parse(info).dump());
    for (const char* locale : {"en", "fr"}) {
        for (const char* mode : {"self", "clinician"}) {
            const std::string questionnaire = engine.questionnaire(locale, mode);
            EXPECT_EQ(questionnaire, json::parse(questionnaire).dump()) << locale << " " << mode;
            EXPECT_FALSE(json::parse(questionnaire).contains("error")) << questionnaire;
        }
    }
}

}  // namespace
}  // namespace rootcheck
