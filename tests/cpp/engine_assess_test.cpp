// Assessment over the fixture rule set: the whole result document, visibility and modes, the scoring formulas of
// rules/README.md (roots half_score, both-sides merge, max_reported, mechanism normalisation, classify order), triage,
// texts and locales, the cited sources map, `fired`, determinism, next() and questionnaire().
#include <cstdio>
#include <ctime>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "fixtures/fixture_rules.h"

namespace rootcheck {
namespace {

using nlohmann::json;

class EngineAssess : public ::testing::Test {
protected:
    Engine engine = testing::fixture_engine();

    json assess(const json& answers, const std::string& mode = "self", const std::string& locale = "en") {
        const json result = json::parse(engine.assess(json{{"answers", answers}, {"mode", mode}, {"locale", locale}}.dump()));
        EXPECT_FALSE(result.contains("error")) << result.dump();
        return result;
    }
    json next(const json& answers, const std::string& mode = "self") {
        const json result = json::parse(engine.next(json{{"answers", answers}, {"mode", mode}}.dump()));
        EXPECT_FALSE(result.contains("error")) << result.dump();
        return result;
    }
    static json ids(const json& list) {
        json out = json::array();
        for (const json& item : list) out.push_back(item.contains("id") ? item["id"] : item["root"]);
        return out;
    }
};

TEST_F(EngineAssess, EmptyAnswersGiveTheWholeDefaultDocument) {
    const std::string sha = json::parse(engine.info())["rules"]["sha256"];
    const json expected = {
        {"advice", {{{"id", "general"}, {"source", "s1"}, {"text", "Advice general."}}}},
        {"answered", 0},
        {"engine", "1.0.0"},
        {"escalate", false},
        {"fired", {"advice.general", "safety_net.always"}},
        {"locale", "en"},
        {"mechanisms", json::array()},
        {"mode", "self"},
        {"pain_type",
         {{"classification", "indeterminate"}, {"evidence", json::array()}, {"radicular", 0.0}, {"referred", 0.0},
          {"text", "Pain type indeterminate."}}},
        {"red_flags", json::array()},
        {"roots", json::array()},
        {"rules", {{"name", "engine-fixture"}, {"sha256", sha}, {"version", "0.1.0"}}},
        {"safety_net", {{{"id", "always"}, {"source", "s1"}, {"text", "Safety net always."}}}},
        {"sources", {{"s1", "Fixture citation one"}}},
        {"triage",
         {{"level", "green"}, {"reasons", json::array()}, {"text", "What level green means."}, {"title", "Level green"}}}};
    EXPECT_EQ(json::parse(engine.assess("{}")), expected);
}

TEST_F(EngineAssess, HiddenAnswersAreIgnored) {
    // pain_side is visible only once has_pain is "yes".
    const json hidden = assess({{"pain_side", "both"}});
    EXPECT_EQ(hidden["answered"], 0);
    EXPECT_EQ(hidden["triage"]["level"], "green");
    const json shown = assess({{"has_pain", "yes"}, {"pain_side", "both"}});
    EXPECT_EQ(shown["answered"], 2);
    EXPECT_EQ(shown["triage"]["level"], "red");
    EXPECT_EQ(shown["escalate"], true);
    EXPECT_EQ(shown["red_flags"], json({"both_sides_rule"}));
    EXPECT_EQ(shown["triage"]["reasons"],
              json::parse(R"J([{"id": "both_sides_rule", "source": "s2",
                               "text": "Triage reason both_sides_rule."}])J"));
    EXPECT_EQ(ids(shown["advice"]), json({"general", "urgent_help"}));
}

TEST_F(EngineAssess, ModesHideQuestions) {
    const json self = assess({{"has_pain", "yes"}, {"pain_side", "left"}, {"exam_sign", "positive"}, {"self_only", "no"}});
    EXPECT_EQ(self["answered"], 3);
    EXPECT_EQ(self["roots"], json::array());
    const json clinician =
        assess({{"has_pain", "yes"}, {"pain_side", "left"}, {"exam_sign", "positive"}, {"self_only", "no"}}, "clinician");
    EXPECT_EQ(clinician["answered"], 3);
    // 3 points (root weight 1.0 x evidence weight 3.0) on the side pain_side names: 3 / (3 + half_score 2) = 0.6.
    EXPECT_EQ(clinician["roots"], json::parse(R"J([{"root": "R3", "side": "left", "score": 0.6,
        "label": "Root R3 (left)", "regions": [],
        "evidence": [{"id": "exam_positive", "text": "Positive sign for Root R3 (left).",
                      "source": "s2"}]}])J"));
}

TEST_F(EngineAssess, EvidenceSideFromACondition) {
    for (const char* side : {"both", "alternating"}) {
        const json result = assess({{"has_pain", "yes"}, {"pain_side", side}, {"exam_sign", "positive"}}, "clinician");
        ASSERT_EQ(result["roots"].size(), 1u) << side;
        EXPECT_EQ(result["roots"][0]["side"], "both") << side;
        EXPECT_EQ(result["roots"][0]["score"], 0.6) << side;
    }
    // pain_side hidden (has_pain not "yes"): the condition gives null, so both sides.
    const json hidden = assess({{"pain_side", "right"}, {"exam_sign", "positive"}}, "clinician");
    EXPECT_EQ(hidden["roots"][0]["side"], "both");
    const json right = assess({{"has_pain", "yes"}, {"pain_side", "right"}, {"exam_sign", "positive"}}, "clinician");
    EXPECT_EQ(right["roots"][0]["label"], "Root R3 (right)");
}

TEST_F(EngineAssess, RootScoresFollowHalfScore) {
    const json result = assess({{"has_pain", "yes"}, {"pain_regions", {"left_foot"}}, {"numb_regions", {"left_shin"}}});
    // R1 left: left_foot 0.5 x 1.0 + left_shin 1.0 x 2.0 = 2.5 points -> 2.5 / 4.5; R2 left: 1.0 -> 1 / 3.
    EXPECT_EQ(result["roots"], json::parse(R"J([
        {"root": "R1", "side": "left", "score": 0.556, "label": "Root R1 (left)", "regions": ["left_shin"],
         "evidence": [{"id": "pain_in_zone", "text": "Pain in left foot, the area of Root R1 (left).",
                       "source": "s1"},
                      {"id": "numb_in_zone", "text": "Numbness in left shin.", "source": "s1"}]},
        {"root": "R2", "side": "left", "score": 0.333, "label": "Root R2 (left)", "regions": ["left_foot"],
         "evidence": [{"id": "pain_in_zone", "text": "Pain in left foot, the area of Root R2 (left).",
                       "source": "s1"}]}])J"));
}

TEST_F(EngineAssess, CloseSidesMergeIntoBoth) {
    // R1 left 3 points (0.6), right 2.5 points (0.556): within 10% of 0.6, so one entry "both" at the higher score.
    const json result = assess({{"has_pain", "yes"},
                                {"numb_regions", {"left_shin", "right_shin"}},
                                {"pain_regions", {"left_shin", "right_foot"}}});
    ASSERT_EQ(result["roots"].size(), 2u) << result["roots"].dump();
    const json& r1 = result["roots"][0];
    EXPECT_EQ(r1["root"], "R1");
    EXPECT_EQ(r1["side"], "both");
    EXPECT_EQ(r1["score"], 0.6);
    EXPECT_EQ(r1["label"], "Root R1 (both)");
    EXPECT_EQ(r1["regions"], json({"left_shin", "right_shin"}));
    EXPECT_EQ(r1["evidence"][0]["text"], "Pain in left shin, right foot, the area of Root R1 (both).");
    EXPECT_EQ(r1["evidence"][1]["text"], "Numbness in left shin, right shin.");
    EXPECT_EQ(result["roots"][1], json::parse(R"J({"root": "R2", "side": "right", "score": 0.333,
        "label": "Root R2 (right)", "regions": ["right_foot"],
        "evidence": [{"id": "pain_in_zone", "text": "Pain in right foot, the area of Root R2 (right).",
                      "source": "s1"}]})J"));
}

TEST_F(EngineAssess, DistantSidesStaySeparateAndMaxReportedCuts) {
    // R1 left 3 points (0.6) vs right 2 (0.5): 0.1 apart, more than 10%. R2 left 2 points (0.5) ties R1 right and
    // comes later in the roots list, so max_reported = 2 drops it.
    const json result = assess({{"numb_regions", {"left_shin", "left_foot", "right_shin"}}});
    EXPECT_EQ(ids(result["roots"]), json({"R1", "R1"}));
    EXPECT_EQ(result["roots"][0]["side"], "left");
    EXPECT_EQ(result["roots"][0]["score"], 0.6);
    EXPECT_EQ(result["roots"][1]["side"], "right");
    EXPECT_EQ(result["roots"][1]["score"], 0.5);
}

TEST_F(EngineAssess, MechanismScoresAreNormalised) {
    const json older = assess({{"age", 60}});
    EXPECT_EQ(older["mechanisms"], json::parse(R"J([{"id": "mech_a", "score": 0.5, "spinal": true,
        "text": "Mechanism mech_a.", "evidence": [{"id": "older_evidence", "text": "Mechanism evidence older_evidence.",
        "source": "s1"}]}])J"));
    EXPECT_EQ(assess({{"age", 60}, {"duration", 20}})["mechanisms"][0]["score"], 1.0);
    // A negative weight cancels: (1 - 1) / 2 = 0, not reported, but both evidence items fired.
    const json young = assess({{"age", 15}, {"duration", 20}});
    EXPECT_EQ(young["mechanisms"], json::array());
    const json fired = young["fired"];
    EXPECT_NE(std::find(fired.begin(), fired.end(), "mechanisms.mech_a.young"), fired.end());
    EXPECT_NE(std::find(fired.begin(), fired.end(), "mechanisms.mech_a.long_duration"), fired.end());
    // Below min_score (0.3): mech_b with only dull pain... is 2/3; with only the top-root evidence 1/3 = 0.333.
    EXPECT_EQ(assess({{"qualities", {"dull"}}})["mechanisms"][0]["score"], 0.667);
    // Ties keep file order; the evidence list shows what supports the mechanism (positive weights).
    const json tie = assess({{"age", 60}, {"duration", 20}, {"qualities", {"dull"}}, {"numb_regions", {"left_shin"}}});
    EXPECT_EQ(ids(tie["mechanisms"]), json({"mech_a", "mech_b"}));
    EXPECT_EQ(tie["mechanisms"][1]["score"], 1.0);
    EXPECT_EQ(tie["mechanisms"][1]["spinal"], false);
    EXPECT_EQ(ids(tie["mechanisms"][0]["evidence"]), json({"older_evidence", "long_duration"}));
}

TEST_F(EngineAssess, PainTypeClassifyInOrder) {
    const auto pain = [&](const json& answers) { return assess(answers)["pain_type"]; };
    const json sharp = pain({{"qualities", {"sharp"}}});
    EXPECT_EQ(sharp["classification"], "indeterminate");
    EXPECT_EQ(sharp["radicular"], 1.5);
    EXPECT_EQ(sharp["evidence"], json::parse(R"J([{"id": "sharp", "favours": "radicular",
        "text": "Pain evidence sharp.", "source": "s1"}])J"));
    EXPECT_EQ(pain({{"qualities", {"sharp"}}, {"numb_regions", {"left_shin"}}})["classification"], "radicular");
    EXPECT_EQ(pain({{"qualities", {"sharp", "dull"}}})["classification"], "mixed");
    EXPECT_EQ(pain({{"qualities", {"dull"}}})["classification"], "referred");
    EXPECT_EQ(pain({{"qualities", {"dull"}}})["text"], "Pain type referred.");
    // "mixed" also holds here, but "radicular" comes first in classify.
    const json both = pain({{"qualities", {"sharp", "dull"}}, {"numb_regions", {"left_shin"}}});
    EXPECT_EQ(both["classification"], "radicular");
    EXPECT_EQ(both["radicular"], 2.5);
    EXPECT_EQ(both["referred"], 1.0);
}

TEST_F(EngineAssess, TriageTakesTheMostSevereLevel) {
    const json amber = assess({{"age", 60}});
    EXPECT_EQ(amber["triage"]["level"], "amber");
    EXPECT_EQ(ids(amber["triage"]["reasons"]), json({"older_rule", "mech_a_rule"}));
    EXPECT_EQ(ids(amber["safety_net"]), json({"always", "when_older"}));
    const json red = assess({{"age", 60}, {"alarm", "yes"}});
    EXPECT_EQ(red["triage"]["level"], "red");
    EXPECT_EQ(ids(red["triage"]["reasons"]), json({"alarm_rule"}));
    EXPECT_EQ(red["red_flags"], json({"alarm_rule"}));
    EXPECT_EQ(red["triage"]["title"], "Level red");
    EXPECT_EQ(red["triage"]["text"], "What level red means.");
}

TEST_F(EngineAssess, ClinicianVariantsAndLocales) {
    const json clinician = assess({{"alarm", "yes"}}, "clinician");
    EXPECT_EQ(clinician["triage"]["text"], "Clinician wording for red.");
    EXPECT_EQ(clinician["triage"]["title"], "Level red");
    const json french = assess({{"alarm", "yes"}}, "self", "fr");
    EXPECT_EQ(french["triage"]["title"], "FR Level red");
    EXPECT_EQ(french["triage"]["reasons"][0]["text"], "FR Triage reason alarm_rule.");
    EXPECT_EQ(french["locale"], "fr");
}

// Every `source` a result's cited items name, in the order written.
std::vector<std::string> cited_sources(const json& result) {
    std::vector<std::string> cited;
    const auto add = [&](const json& items) {
        for (const json& item : items) cited.push_back(item.at("source").get<std::string>());
    };
    add(result["triage"]["reasons"]);
    add(result["pain_type"]["evidence"]);
    for (const json& root : result["roots"]) add(root["evidence"]);
    for (const json& mechanism : result["mechanisms"]) add(mechanism["evidence"]);
    add(result["advice"]);
    add(result["safety_net"]);
    return cited;
}

TEST_F(EngineAssess, SourcesMapHoldsExactlyTheCitedSources) {
    const json catalogue = json::parse(testing::fixture_rule_files().at("sources.json"))["sources"];
    const json documents = json::parse(R"J([
        {},
        {"answers": {"age": 60}},
        {"answers": {"has_pain": "yes", "pain_side": "both", "age": 60, "alarm": "yes", "qualities": ["sharp", "dull"],
                     "numb_regions": ["left_shin"], "duration": 20}},
        {"mode": "clinician", "locale": "fr", "answers": {"has_pain": "yes", "pain_side": "left", "exam_sign": "positive"}}
    ])J");
    for (const json& document : documents) {
        const json result = json::parse(engine.assess(document.dump()));
        const std::vector<std::string> cited = cited_sources(result);
        json expected = json::object();
        for (const std::string& id : cited) {
            ASSERT_TRUE(catalogue.contains(id)) << "'" << id << "' is not a source id\n" << document.dump();
            expected[id] = catalogue[id];
        }
        EXPECT_EQ(result["sources"], expected) << document.dump();
    }
    // The map is per result: the default result cites s1 only, the fuller one s1 and s2.
    EXPECT_EQ(json::parse(engine.assess(documents[0].dump()))["sources"], json({{"s1", "Fixture citation one"}}));
    EXPECT_EQ(json::parse(engine.assess(documents[2].dump()))["sources"].size(), 2u);
}

TEST(EngineAssessSources, ASourceCitedOnlyByATriageReasonIsInTheMap) {
    // `sources` is written before `triage`, so the reasons' sources must be gathered ahead of their items.
    RuleFiles files = testing::fixture_rule_files();
    files = testing::edited(files, "sources.json", [](json& doc) { doc["sources"]["s3"] = "Fixture citation three"; });
    files = testing::edited(files, "triage.json", [](json& doc) { doc["rules"][0]["source"] = "s3"; });
    Engine engine;
    ASSERT_FALSE(json::parse(engine.load_rules(files)).contains("error"));
    const json result = json::parse(engine.assess(R"({"answers": {"alarm": "yes"}})"));
    EXPECT_EQ(result["triage"]["reasons"][0]["source"], "s3");
    EXPECT_EQ(cited_sources(result), (std::vector<std::string>{"s3", "s1", "s2", "s1"}));
    EXPECT_EQ(result["sources"], json({{"s1", "Fixture citation one"}, {"s2", "Fixture citation two"},
                                       {"s3", "Fixture citation three"}}));
}

TEST(EngineAssessSources, ItemsWithoutASourceCiteNothing) {
    // Lint refuses such a set, but loading takes it: its items cite "" and the map stays empty.
    RuleFiles files = testing::edited(testing::fixture_rule_files(), "advice.json", [](json& doc) {
        for (json& item : doc["advice"]) item.erase("source");
        for (json& item : doc["safety_net"]) item.erase("source");
    });
    Engine engine;
    ASSERT_FALSE(json::parse(engine.load_rules(files)).contains("error"));
    const std::string text = engine.assess("{}");
    const json result = json::parse(text);
    EXPECT_EQ(result["advice"][0]["source"], "");
    EXPECT_EQ(result["safety_net"][0]["source"], "");
    EXPECT_EQ(result["sources"], json::object());
    EXPECT_EQ(text, result.dump());
}

// Texts are checked once (per locale and mode, on first use) for bytes JSON must escape, and copied as they are when
// they have none: texts that do have them (in items, placeholders and their values, levels, citations) must still
// come out escaped.
TEST(EngineAssessTexts, TextsThatNeedEscapingAreEscaped) {
    const std::vector<std::string> marks = {"\"quoted\"", "back\\slash", "line\nbreak", "bell\x01", "caf\xC3\xA9"};
    RuleFiles files = testing::fixture_rule_files();
    std::size_t n = 0;
    json en_texts;  // as edited
    for (const char* locale : {"locales/en.json", "locales/fr.json"}) {
        files = testing::edited(files, locale, [&](json& texts) {
            for (auto& [key, text] : texts.items()) {
                if (n++ % 3 != 2 && text.is_string()) text = marks[n % marks.size()] + text.get<std::string>();
            }
            if (en_texts.is_null()) en_texts = texts;
        });
    }
    files = testing::edited(files, "sources.json", [](json& doc) { doc["sources"]["s1"] = "Citation \"one\"\t"; });
    Engine engine;
    ASSERT_FALSE(json::parse(engine.load_rules(files)).contains("error"));
    const json documents = json::parse(R"J([
        {},
        {"answers": {"has_pain": "yes", "pain_side": "both", "age": 60, "alarm": "yes", "qualities": ["sharp", "dull"],
                     "numb_regions": ["left_shin", "right_shin"], "pain_regions": ["left_foot", "middle"]}},
        {"mode": "clinician", "locale": "fr",
         "answers": {"has_pain": "yes", "pain_side": "left", "exam_sign": "positive", "duration": 20, "age": 61,
                     "numb_regions": ["left_shin"]}}
    ])J");
    for (const json& document : documents) {
        const std::string text = engine.assess(document.dump());
        const json result = json::parse(text);
        EXPECT_FALSE(result.contains("error")) << text;
        EXPECT_EQ(text, result.dump()) << document.dump();
    }
    // Read back, the self-mode English texts are the edited ones, marks and all.
    const json result = json::parse(engine.assess(documents[1].dump()));
    const std::string level = result["triage"]["level"];
    EXPECT_EQ(result["triage"]["title"], en_texts["level." + level + ".title"]);
    EXPECT_EQ(result["triage"]["text"], en_texts["level." + level + ".text"]);
    ASSERT_FALSE(result["triage"]["reasons"].empty());
    for (const json& reason : result["triage"]["reasons"]) {
        EXPECT_EQ(reason["text"], en_texts["triage." + reason["id"].get<std::string>()]);
    }
    ASSERT_FALSE(result["advice"].empty());
    for (const json& item : result["advice"]) {
        EXPECT_EQ(item["text"], en_texts["advice." + item["id"].get<std::string>()]);
    }
    EXPECT_EQ(result["sources"]["s1"], "Citation \"one\"\t");
    std::size_t marked = 0;  // the edit marked two texts in three: some texts shown must carry a mark
    for (const std::string& mark : marks) marked += result.dump().find(json(mark).dump().substr(1, 6)) != std::string::npos;
    EXPECT_GT(marked, 0u);
}

TEST_F(EngineAssess, FiredListsEveryHeldItemInEvaluationOrder) {
    const json result = assess({{"has_pain", "yes"}, {"pain_side", "both"}, {"age", 60}, {"alarm", "yes"},
                                {"qualities", {"sharp"}}, {"numb_regions", {"left_shin"}}});
    EXPECT_EQ(result["fired"], json({"facts.both_sides", "facts.older", "facts.older_with_alarm", "pain_type.sharp",
                                     "pain_type.numb_marked", "roots.numb_in_zone", "mechanisms.mech_a.older_evidence",
                                     "mechanisms.mech_b.top_root_r1", "triage.alarm_rule", "triage.both_sides_rule",
                                     "triage.older_rule", "triage.mech_a_rule", "advice.general", "advice.urgent_help",
                                     "safety_net.always", "safety_net.when_older"}));
    EXPECT_EQ(result["red_flags"], json({"alarm_rule", "both_sides_rule"}));
}

TEST_F(EngineAssess, SameInputSameBytes) {
    const std::string a = R"J({"answers": {"has_pain": "yes", "age": 61, "numb_regions": ["left_shin", "right_foot"],
                                          "qualities": ["dull", "sharp"]}, "mode": "self"})J";
    const std::string b = R"J({"mode":"self","answers":{"qualities":["dull","sharp"],"numb_regions":["left_shin",
                              "right_foot"],"age":61,"has_pain":"yes"}})J";
    const std::string first = engine.assess(a);
    EXPECT_EQ(engine.assess(a), first);
    EXPECT_EQ(engine.assess(b), first);
    EXPECT_EQ(engine.next(a), engine.next(b));
    Engine other = testing::fixture_engine();
    EXPECT_EQ(other.assess(a), first);
}

TEST_F(EngineAssess, NextWalksTheVisibleQuestions) {
    EXPECT_EQ(next(json::object()), json::parse(R"J({"visible": ["has_pain", "age", "duration", "qualities",
        "numb_regions", "alarm", "self_only"], "next": "has_pain", "screen": "has_pain",
        "progress": {"answered": 0, "total": 7, "fraction": 0.0}, "escalate": false, "level": "green",
        "complete": false})J"));
    const json opened = next({{"has_pain", "yes"}});
    EXPECT_EQ(opened["visible"].size(), 9u);
    EXPECT_EQ(opened["next"], "pain_side");
    EXPECT_EQ(opened["progress"]["fraction"], 0.111);
    const json map = next({{"has_pain", "yes"}, {"pain_side", "left"}, {"age", 40}, {"duration", 2}, {"qualities", json::array()}});
    EXPECT_EQ(map["next"], "pain_regions");
    EXPECT_EQ(map["screen"], "map");
    const json done = next({{"has_pain", "no"}, {"age", 40}, {"duration", 2}, {"qualities", json::array()},
                            {"numb_regions", json::array()}, {"alarm", "yes"}, {"self_only", "no"}});
    EXPECT_EQ(done["next"], nullptr);
    EXPECT_EQ(done["screen"], nullptr);
    EXPECT_EQ(done["complete"], true);
    EXPECT_EQ(done["progress"]["fraction"], 1.0);
    EXPECT_EQ(done["escalate"], true);
    EXPECT_EQ(done["level"], "red");
    const json clinician = next(json::object(), "clinician");
    EXPECT_EQ(clinician["visible"], json({"has_pain", "age", "duration", "qualities", "numb_regions", "alarm",
                                          "exam_sign"}));
}

// A triage rule's asks_first (rules/README.md): next() waits for the questions that can exempt it; assess() does not.
TEST(EngineAssessAsksFirst, NextWaitsForTheQuestionsARuleAsksFirstAndAssessDoesNot) {
    RuleFiles files = testing::fixture_rule_files();
    // alarm_rule (red, escalates) asks self_only first: a question shown in self mode only.
    files = testing::edited(files, "triage.json", [](json& doc) { doc["rules"][0]["asks_first"] = {"self_only"}; });
    Engine engine;
    ASSERT_FALSE(json::parse(engine.load_rules(files)).contains("error"));
    const auto next = [&](const json& answers, const char* mode) {
        return json::parse(engine.next(json{{"answers", answers}, {"mode", mode}}.dump()));
    };
    const auto level = [&](const json& answers, const char* mode) {
        return json::parse(engine.assess(json{{"answers", answers}, {"mode", mode}}.dump()))["triage"]["level"];
    };

    const json waiting = next({{"alarm", "yes"}}, "self");
    EXPECT_EQ(waiting["escalate"], false) << "self_only is visible and unanswered: the rule waits";
    EXPECT_EQ(waiting["level"], "green");
    EXPECT_EQ(level({{"alarm", "yes"}}, "self"), "red") << "assess counts an unanswered question as unknown";

    for (const char* answer : {"yes", "no"}) {
        const json answered = next({{"alarm", "yes"}, {"self_only", answer}}, "self");
        EXPECT_EQ(answered["escalate"], true) << "self_only = " << answer;
        EXPECT_EQ(answered["level"], "red");
    }
    const json hidden = next({{"alarm", "yes"}}, "clinician");
    EXPECT_EQ(hidden["escalate"], true) << "a question that is not visible is not waited for";
    EXPECT_EQ(hidden["level"], "red");
}

TEST_F(EngineAssess, QuestionnaireView) {
    const json self = json::parse(engine.questionnaire("en", "self"));
    ASSERT_FALSE(self.contains("error")) << self.dump();
    EXPECT_EQ(self["locale"], "en");
    EXPECT_EQ(self["mode"], "self");
    EXPECT_EQ(self["default_locale"], "en");
    EXPECT_EQ(self["sections"], json::parse(R"J([{"id": "main", "title": "Main", "questions": ["has_pain",
        "pain_side", "age", "duration", "qualities", "pain_regions", "numb_regions", "alarm", "self_only"]}])J"));
    ASSERT_EQ(self["questions"].size(), 9u);
    EXPECT_EQ(self["questions"][0], json::parse(R"J({"id": "has_pain", "section": "main", "screen": "has_pain",
        "type": "choice", "text": "Question has_pain?", "help": "Help for has_pain.", "unsure": true,
        "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"},
                    {"value": "unsure", "label": "Unsure"}]})J"));
    EXPECT_EQ(self["questions"][2], json::parse(R"J({"id": "age", "section": "main", "screen": "age",
        "type": "integer", "text": "Question age?", "help": "Help for age.", "unsure": false, "min": 0, "max": 120})J"));
    EXPECT_EQ(self["questions"][3]["unit"], "weeks");
    EXPECT_EQ(self["questions"][3]["max"], 100.0);
    EXPECT_EQ(self["questions"][5]["type"], "regions");
    EXPECT_FALSE(self["questions"][5].contains("options"));
    EXPECT_EQ(self["questions"][7]["options"][0]["label"], "Yes, the alarm");
    EXPECT_EQ(self["regions"][0], json::parse(R"J({"id": "left_foot", "label": "left foot", "side": "left",
        "view": "front", "dermatomes": {"R1": 0.5, "R2": 1.0}})J"));
    EXPECT_EQ(self["regions"].size(), 5u);
    EXPECT_EQ(self["roots"][2], json::parse(R"J({"id": "R3", "label": "Root R3"})J"));
    EXPECT_EQ(self["levels"][0], json::parse(R"J({"id": "red", "title": "Level red", "text": "What level red means.",
        "escalate": true})J"));
    EXPECT_EQ(self["levels"][2]["escalate"], false);
    EXPECT_EQ(self["ui"], json::parse(R"J({"next": "Next", "title": "Fixture check"})J"));
    EXPECT_EQ(self["emergency_numbers"], json::parse(R"J({"common": ["112", "911"],
        "countries": {"ES": "112", "FR": "112", "GB": "999"}})J"));

    const json clinician = json::parse(engine.questionnaire("fr", "clinician"));
    EXPECT_EQ(clinician["sections"].size(), 2u);
    EXPECT_EQ(clinician["ui"]["next"], "FR Continue");
    EXPECT_EQ(clinician["questions"][0]["text"], "FR Does the patient have pain?");
    EXPECT_EQ(clinician["levels"][0]["text"], "FR Clinician wording for red.");
    EXPECT_EQ(clinician["questions"].back()["id"], "exam_sign");
    for (const json& q : clinician["questions"]) EXPECT_NE(q["id"], "self_only");
    EXPECT_EQ(json::parse(engine.questionnaire("", "")), self) << "defaults: the default locale, self mode";
}

// Each locale's texts for a mode are built by the first call that needs them (RuleSet::mode_texts). Threads asking
// for the same ones at once must all get the complete texts: every result equals the one a single thread gets.
// Builds without threads (WebAssembly here) cannot start one and skip.
TEST(EngineAssessThreads, FirstUseOfALocaleFromSeveralThreadsAtOnce) {
    std::vector<std::string> documents;
    for (const char* locale : {"en", "fr"}) {
        for (const char* mode : {"self", "clinician"}) {
            documents.push_back(json{{"mode", mode}, {"locale", locale},
                                     {"answers", {{"has_pain", "yes"}, {"pain_side", "left"}, {"age", 44}}}}
                                    .dump());
        }
    }
    std::vector<std::string> expected;
    const Engine reference = testing::fixture_engine();
    for (const std::string& document : documents) expected.push_back(reference.assess(document));

    const Engine engine = testing::fixture_engine();
    constexpr std::size_t kThreadsPerDocument = 4;
    std::vector<std::string> results(documents.size() * kThreadsPerDocument);
    std::vector<std::thread> threads;
    bool started = true;
    try {
        for (std::size_t i = 0; i < results.size(); ++i) {
            threads.emplace_back([&, i] { results[i] = engine.assess(documents[i % documents.size()]); });
        }
    } catch (const std::system_error&) {
        started = false;
    }
    for (std::thread& thread : threads) thread.join();
    if (!started) GTEST_SKIP() << "this build cannot start threads";
    for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i], expected[i % documents.size()]) << i;
}

// Native CPU time of a full clinician document; reported, not asserted (sanitizer builds and shared machines vary).
TEST_F(EngineAssess, TimingOfAFullDocument) {
    const std::string document = json{{"mode", "clinician"},
                                      {"answers",
                                       {{"has_pain", "yes"}, {"pain_side", "left"}, {"age", 44}, {"duration", 12},
                                        {"qualities", {"sharp", "burning"}}, {"pain_regions", {"left_foot", "left_shin"}},
                                        {"numb_regions", {"left_foot"}}, {"alarm", "no"}, {"exam_sign", "positive"}}}}
                                     .dump();
    const int runs = 5000;
    std::size_t bytes = 0;
    const std::clock_t start = std::clock();
    for (int i = 0; i < runs; ++i) bytes += engine.assess(document).size();
    const double micros = static_cast<double>(std::clock() - start) * 1e6 / CLOCKS_PER_SEC;
    EXPECT_GT(bytes, 0u);
    std::printf("[ timing   ] assess, fixture full document: %.1f us CPU per call (%d runs)\n", micros / runs, runs);
}

}  // namespace
}  // namespace rootcheck
