// Loading rule sets: the fixture loads and is fingerprinted canonically; a bad set is refused with every problem
// listed (each at "<file><JSON Pointer>") while the previous set keeps working; the no_rules state; lint findings;
// evaluate_logic.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "engine/embedded_rules.h"
#include "engine/rule_set.h"
#include "fixtures/fixture_rules.h"

namespace rootcheck {
namespace {

using nlohmann::json;

using testing::edited;

std::vector<std::string> problem_paths(const json& refusal) {
    std::vector<std::string> paths;
    for (const json& p : refusal["error"]["problems"]) paths.push_back(p["path"].get<std::string>());
    return paths;
}

bool has_path(const std::vector<std::string>& paths, const std::string& path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
}

std::string messages(const json& refusal) {
    std::string text;
    for (const json& p : refusal["error"]["problems"]) {
        text += p["path"].get<std::string>() + ": " + p["message"].get<std::string>() + "\n";
    }
    return text;
}

TEST(EngineRules, FixtureLoadsWithInfo) {
    Engine engine = testing::fixture_engine();
    const json info = json::parse(engine.info());
    EXPECT_EQ(info["engine"], kEngineVersion);
    EXPECT_EQ(info["rules"]["name"], "engine-fixture");
    EXPECT_EQ(info["rules"]["version"], "0.1.0");
    EXPECT_EQ(info["rules"]["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(info["locales"], json::parse(R"(["en", "fr"])"));
    EXPECT_EQ(info["default_locale"], "en");
}

TEST(EngineRules, FingerprintIgnoresFormattingButNotContent) {
    Engine engine;
    const RuleFiles files = testing::fixture_rule_files();
    const json original = json::parse(engine.load_rules(files));
    RuleFiles reformatted = files;
    for (auto& [path, text] : reformatted) text = json::parse(text).dump(7);
    EXPECT_EQ(json::parse(engine.load_rules(reformatted))["rules"]["sha256"], original["rules"]["sha256"]);
    const RuleFiles changed = edited(files, "locales/fr.json", [](json& doc) { doc["ui.title"] = "Autre"; });
    const json changed_info = json::parse(engine.load_rules(changed));
    ASSERT_FALSE(changed_info.contains("error")) << changed_info.dump();
    EXPECT_NE(changed_info["rules"]["sha256"], original["rules"]["sha256"]);
}

// The built-in set's digest is computed at build time and handed to the loader, which then takes it as given.
TEST(EngineRules, LoaderTakesAKnownFingerprintAsGiven) {
    const RuleFiles files = testing::fixture_rule_files();
    const RuleSetLoad computed = load_rule_set(files);
    ASSERT_TRUE(computed.rules);
    const std::string known(64, 'a');
    const RuleSetLoad given = load_rule_set(files, known);
    ASSERT_TRUE(given.rules);
    EXPECT_EQ(given.rules->sha256, known);
    EXPECT_NE(computed.rules->sha256, known);
    EXPECT_EQ(load_rule_set(files, "").rules->sha256, computed.rules->sha256);
}

// With the fingerprint known, the loader parses each part's file when a step first reads it and drops it after the
// last (rule_set.cpp, Loader::part): a file two steps read (roots.json: the root list, then the root evidence) that
// does not parse is still one problem, and the set is refused, as it is without a fingerprint.
TEST(EngineRules, AKnownFingerprintStillReportsABrokenFileOnce) {
    RuleFiles files = testing::fixture_rule_files();
    files["roots.json"] = "{\"roots\": ";
    for (const std::string& known : {std::string(64, 'a'), std::string()}) {
        const RuleSetLoad load = load_rule_set(files, known);
        EXPECT_FALSE(load.rules) << "fingerprint '" << known << "'";
        std::string listed;
        std::size_t on_roots = 0;
        for (const RuleProblem& problem : load.problems) {
            listed += problem.path + ": " + problem.message + "\n";
            if (problem.path.rfind("roots.json", 0) == 0) ++on_roots;
        }
        EXPECT_EQ(on_roots, 1u) << "fingerprint '" << known << "'\n" << listed;
    }
}

TEST(EngineRules, BadSetListsEveryProblemAndKeepsThePreviousSet) {
    Engine engine = testing::fixture_engine();
    const std::string document = R"({"answers": {"has_pain": "yes", "pain_side": "both", "age": 70}})";
    const std::string before = engine.assess(document);

    RuleFiles bad = testing::fixture_rule_files();
    bad = edited(bad, "questionnaire.json", [](json& doc) {
        doc["questions"][2]["id"] = "has_pain";             // duplicate id
        doc["questions"][3]["section"] = "nowhere";         // unknown section
        doc["questions"][4]["type"] = "colour";             // unknown type
        doc["questions"][7]["visible"] = {{"nope", {1}}};   // unknown JsonLogic operator
        doc["questions"][8]["mode"] = "sometimes";          // unknown mode
    });
    bad = edited(bad, "regions.json", [](json& doc) {
        doc["regions"][0]["dermatomes"]["R9"] = 1.0;  // unknown root
        doc["regions"][1]["side"] = "up";             // bad side
    });
    bad = edited(bad, "roots.json", [](json& doc) {
        doc["evidence"][0]["weight"] = "heavy";                  // wrong type
        doc["region_evidence"][0]["answer"] = "has_pain";        // not a regions question
    });
    bad = edited(bad, "triage.json", [](json& doc) {
        doc["rules"][0].erase("when");              // missing field
        doc["rules"][1]["level"] = "purple";        // unknown level
        doc["rules"][2]["source"] = "s9";           // unknown source
        doc["rules"][3]["wehn"] = true;             // misspelt field
        doc["rules"][0]["asks_first"] = {"self_only", "no_such_question", 7, "self_only"};
        doc["rules"][1]["asks_first"] = "alarm";    // not an array
    });
    bad = edited(bad, "advice.json", [](json& doc) { doc["safety_net"][0]["when"] = false; });  // none unconditional
    bad = edited(bad, "locales/fr.json", [](json& doc) { doc.erase("advice.general"); });       // missing text
    bad = edited(bad, "emergency_numbers.json", [](json& doc) {
        doc["numbers"][0]["number"] = "11-2";            // not digits
        doc["numbers"][0]["countries"][1] = "esp";       // not an alpha-2 code
        doc["numbers"][1]["countries"] = {"GB", "FR"};   // FR listed twice
        doc["numbers"][1].erase("source");               // no source
        doc["common"] = json::array();                   // nothing to offer without a country
    });

    const json refusal = json::parse(engine.load_rules(bad));
    ASSERT_TRUE(refusal.contains("error")) << refusal.dump();
    EXPECT_EQ(refusal["error"]["code"], "invalid_rules");
    const std::vector<std::string> paths = problem_paths(refusal);
    for (const char* expected : {"questionnaire.json/questions/2/id", "questionnaire.json/questions/3/section",
                                 "questionnaire.json/questions/4/type", "questionnaire.json/questions/7/visible/nope",
                                 "questionnaire.json/questions/8/mode", "regions.json/regions/0/dermatomes/R9",
                                 "regions.json/regions/1/side", "roots.json/evidence/0/weight",
                                 "roots.json/region_evidence/0/answer", "triage.json/rules/0",
                                 "triage.json/rules/1/level", "triage.json/rules/2/source",
                                 "triage.json/rules/3/wehn", "triage.json/rules/0/asks_first/1",
                                 "triage.json/rules/0/asks_first/2", "triage.json/rules/0/asks_first/3",
                                 "triage.json/rules/1/asks_first", "advice.json/safety_net",
                                 "emergency_numbers.json/numbers/0/number", "emergency_numbers.json/numbers/0/countries/1",
                                 "emergency_numbers.json/numbers/1/countries/1", "emergency_numbers.json/numbers/1",
                                 "emergency_numbers.json/common",
                                 "locales/fr.json/advice.general"}) {
        EXPECT_TRUE(has_path(paths, expected)) << "missing problem at " << expected << "\n" << messages(refusal);
    }
    EXPECT_EQ(engine.assess(document), before) << "the previous set must keep working";
}

TEST(EngineRules, UnrankedRootsAreTalliedButNeverReported) {
    // R0 is anatomy the map needs but the engine must never report; it is left_foot's own root (highest weight).
    RuleFiles files = testing::fixture_rule_files();
    files = edited(files, "roots.json", [](json& doc) {
        doc["unranked_roots"] = {"R0"};
        doc["evidence"][0]["roots"]["R0"] = 1.0;  // evidence may name it too
    });
    files = edited(files, "regions.json", [](json& doc) { doc["regions"][0]["dermatomes"]["R0"] = 3.0; });
    Engine engine;
    const json info = json::parse(engine.load_rules(files));
    ASSERT_FALSE(info.contains("error")) << info.dump(2);  // no root.R0 text is needed either
    EXPECT_EQ(json::parse(engine.lint()), json::parse(R"({"problems": []})"));

    // left_foot: R0 3.0, R2 1.0, R1 0.5; left_shin: R1 1.0; numb weight 2. Points R0 6, R1 3, R2 2, so R0 would
    // rank first (0.75) if it were ranked; reported are R1 (0.6) and R2 (0.5), and R2's diagram regions no longer
    // include left_foot, whose highest weight is R0's.
    const json result = json::parse(engine.assess(R"({"answers": {"numb_regions": ["left_foot", "left_shin"]}})"));
    ASSERT_FALSE(result.contains("error")) << result.dump(2);
    std::vector<std::string> reported;
    for (const json& root : result["roots"]) reported.push_back(root["root"].get<std::string>());
    EXPECT_EQ(reported, (std::vector<std::string>{"R1", "R2"})) << result["roots"].dump(2);
    for (const json& root : result["roots"]) {
        EXPECT_EQ(root["regions"].dump().find("left_foot"), std::string::npos) << root.dump(2);
    }
    const json questionnaire = json::parse(engine.questionnaire("", ""));
    EXPECT_EQ(questionnaire["roots"].size(), 3u) << questionnaire["roots"].dump();
    for (const json& root : questionnaire["roots"]) EXPECT_NE(root["id"], "R0");

    // Without R0, left_foot is R2's and is drawn for it.
    Engine ranked_only = testing::fixture_engine();
    const json before = json::parse(ranked_only.assess(R"({"answers": {"numb_regions": ["left_foot"]}})"));
    ASSERT_EQ(before["roots"].size(), 2u) << before.dump(2);
    EXPECT_EQ(before["roots"][0]["root"], "R2");
    EXPECT_EQ(before["roots"][0]["regions"], json::parse(R"(["left_foot"])"));
    const json after = json::parse(engine.assess(R"({"answers": {"numb_regions": ["left_foot"]}})"));
    ASSERT_EQ(after["roots"].size(), 2u) << after.dump(2);
    EXPECT_EQ(after["roots"][0]["root"], "R2");
    EXPECT_EQ(after["roots"][0]["regions"], json::array());

    // A root in neither list is still refused, and a root may not be both ranked and unranked.
    RuleFiles bad = edited(files, "regions.json", [](json& doc) { doc["regions"][1]["dermatomes"]["R9"] = 1.0; });
    bad = edited(bad, "roots.json", [](json& doc) { doc["unranked_roots"].push_back("R2"); });
    const json refusal = json::parse(engine.load_rules(bad));
    ASSERT_TRUE(refusal.contains("error")) << refusal.dump();
    const std::vector<std::string> paths = problem_paths(refusal);
    EXPECT_TRUE(has_path(paths, "regions.json/regions/1/dermatomes/R9")) << messages(refusal);
    EXPECT_TRUE(has_path(paths, "roots.json/unranked_roots/1")) << messages(refusal);
    EXPECT_EQ(paths.size(), 2u) << messages(refusal);
}

TEST(EngineRules, MissingAndMalformedFiles) {
    Engine engine = testing::fixture_engine();
    RuleFiles files = testing::fixture_rule_files();
    files.erase("facts.json");
    files["mechanisms.json"] = "{\"min_score\": ";
    files["locales/en.json"] = "[]";
    const json refusal = json::parse(engine.load_rules(files));
    const std::vector<std::string> paths = problem_paths(refusal);
    EXPECT_TRUE(has_path(paths, "facts.json")) << messages(refusal);
    EXPECT_TRUE(has_path(paths, "mechanisms.json")) << messages(refusal);
    EXPECT_TRUE(has_path(paths, "locales/en.json")) << messages(refusal);
    EXPECT_NE(messages(refusal).find("malformed_json"), std::string::npos);

    const json no_manifest = json::parse(engine.load_rules(RuleFiles{}));
    EXPECT_TRUE(has_path(problem_paths(no_manifest), "manifest.json")) << no_manifest.dump();

    const json bad_manifest = json::parse(engine.load_rules(edited(testing::fixture_rule_files(), "manifest.json",
        [](json& doc) {
            doc["default_locale"] = "de";
            doc["files"].erase("triage");
            doc["files"]["extra"] = "extra.json";
        })));
    const std::vector<std::string> manifest_paths = problem_paths(bad_manifest);
    EXPECT_TRUE(has_path(manifest_paths, "manifest.json/default_locale")) << messages(bad_manifest);
    EXPECT_TRUE(has_path(manifest_paths, "manifest.json/files")) << messages(bad_manifest);
    EXPECT_TRUE(has_path(manifest_paths, "manifest.json/files/extra")) << messages(bad_manifest);
    EXPECT_FALSE(json::parse(engine.info()).contains("error"));
}

TEST(EngineRules, DuplicateIdsAcrossEveryList) {
    Engine engine;
    RuleFiles files = testing::fixture_rule_files();
    files = edited(files, "facts.json", [](json& doc) { doc["facts"][1]["id"] = "both_sides"; });
    files = edited(files, "pain_type.json", [](json& doc) { doc["evidence"][1]["id"] = "sharp"; });
    files = edited(files, "roots.json", [](json& doc) { doc["evidence"][0]["id"] = "pain_in_zone"; });
    files = edited(files, "mechanisms.json", [](json& doc) { doc["mechanisms"][1]["id"] = "mech_a"; });
    files = edited(files, "advice.json", [](json& doc) { doc["advice"][1]["id"] = "general"; });
    const json refusal = json::parse(engine.load_rules(files));
    const std::vector<std::string> paths = problem_paths(refusal);
    for (const char* expected : {"facts.json/facts/1/id", "pain_type.json/evidence/1/id", "roots.json/evidence/0/id",
                                 "mechanisms.json/mechanisms/1/id", "advice.json/advice/1/id"}) {
        EXPECT_TRUE(has_path(paths, expected)) << expected << "\n" << messages(refusal);
    }
}

TEST(EngineRules, LoadRulesJson) {
    Engine engine;
    json files = json::object();
    for (const auto& [path, text] : testing::fixture_rule_files()) files[path] = text;
    const json info = json::parse(engine.load_rules_json(files.dump()));
    EXPECT_EQ(info["rules"]["name"], "engine-fixture") << info.dump();
    EXPECT_EQ(json::parse(engine.load_rules_json("[1]"))["error"]["code"], "invalid_rules");
    EXPECT_EQ(json::parse(engine.load_rules_json(R"({"manifest.json": 3})"))["error"]["problems"][0]["path"],
              "manifest.json");
    EXPECT_EQ(json::parse(engine.load_rules_json("{"))["error"]["code"], "invalid_rules");
    EXPECT_EQ(json::parse(engine.info())["rules"]["name"], "engine-fixture");
}

TEST(EngineRules, NoRulesStateUntilASetLoads) {
    Engine engine;
    if (!embedded_rule_files().empty()) GTEST_SKIP() << "this build links a real built-in rule set";
    for (const std::string& output : {engine.assess("{}"), engine.next("{}"), engine.questionnaire("", ""),
                                      engine.info(), engine.lint()}) {
        const json error = json::parse(output);
        EXPECT_EQ(error["error"]["code"], "no_rules") << output;
        EXPECT_EQ(error["error"]["path"], "");
        EXPECT_NE(error["error"]["message"].get<std::string>().find("manifest.json"), std::string::npos);
    }
    EXPECT_FALSE(json::parse(engine.load_rules(testing::fixture_rule_files())).contains("error"));
    EXPECT_FALSE(json::parse(engine.assess("{}")).contains("error"));
    Engine moved = std::move(engine);
    EXPECT_FALSE(json::parse(moved.assess("{}")).contains("error"));
}

TEST(EngineRules, FixtureIsLintClean) {
    Engine engine = testing::fixture_engine();
    EXPECT_EQ(json::parse(engine.lint()), json::parse(R"({"problems": []})"));
}

TEST(EngineRules, LintFindings) {
    RuleFiles files = testing::fixture_rule_files();
    files = edited(files, "questionnaire.json", [](json& doc) {
        doc["questions"][2]["visible"] = {{"==", {{{"var", "colour"}}, "red"}}};     // unknown answer, never shown
        doc["questions"][3]["visible"] = {{"==", {{{"var", "alarm"}}, "yes"}}};      // asked later: never shown
        doc["questions"][4]["visible"] = {{"==", {{{"var", "exam_sign"}}, "positive"}}};  // later + other mode
    });
    files = edited(files, "facts.json", [](json& doc) {
        doc["facts"][0]["when"] = {{"var", "facts.older"}};               // a later fact
        doc["facts"][1]["when"] = {{"var", "derived.triage.level"}};      // not computed yet
        doc["facts"][2].erase("source");                                  // no source
    });
    files = edited(files, "mechanisms.json", [](json& doc) {
        doc["mechanisms"][0]["evidence"][0]["when"] = {{"var", "derived.roots.top.colour"}};  // no such field
    });
    files = edited(files, "locales/en.json", [](json& doc) { doc["advice.retired"] = "Old advice."; });
    files = edited(files, "locales/fr.json", [](json& doc) {
        doc["question.age.help"] = "Aide pour l'âge, plus longue que l'anglais de plus de soixante pour cent.";  // 73 > 13 + 12
        doc["question.duration.help"] = "Semaines, oui/non ?";  // a slash form (and 19 characters: not too long)
        doc["question.age.text"] = "Âge ? Quatre mots de plus";   // 25 characters: 13 in English + 12, the limit
    });
    Engine engine;
    const json info = json::parse(engine.load_rules(files));
    ASSERT_FALSE(info.contains("error")) << info.dump(2);
    const json lint = json::parse(engine.lint());
    std::string text;
    for (const json& p : lint["problems"]) text += p["path"].get<std::string>() + ": " + p["message"].get<std::string>() + "\n";
    const auto expect = [&](const std::string& path, const std::string& fragment) {
        bool found = false;
        for (const json& p : lint["problems"]) {
            found = found || (p["path"] == path && p["message"].get<std::string>().find(fragment) != std::string::npos);
        }
        EXPECT_TRUE(found) << path << " / " << fragment << "\n" << text;
    };
    expect("questionnaire.json/questions/2/visible", "'colour' is not a question");
    expect("questionnaire.json/questions/2/visible", "never be visible in self mode");
    expect("questionnaire.json/questions/2/visible", "never be visible in clinician mode");
    expect("questionnaire.json/questions/3/visible", "not asked before this question");
    expect("questionnaire.json/questions/3/visible", "never be visible in self mode");
    expect("questionnaire.json/questions/4/visible", "never be visible in self mode");
    expect("questionnaire.json/questions/4/visible", "never be visible in clinician mode");
    expect("facts.json/facts/0/when", "computed after this one");
    expect("facts.json/facts/1/when", "not computed yet");
    expect("facts.json/facts/2", "has no source");
    expect("mechanisms.json/mechanisms/0/evidence/0/when", "does not exist");
    expect("locales/en.json/advice.retired", "never used");
    expect("locales/fr.json/question.age.help", "73 characters, more than 60% longer than the en text (13)");
    expect("locales/fr.json/question.duration.help", "slash form");
    // The above, plus question 3 in clinician mode and question 4's "reads 'exam_sign'", and nothing else.
    EXPECT_EQ(lint["problems"].size(), 16u) << text;
}

// A rule file holding a number beyond a double is refused with the number's place in the file (and the files that
// refer to what it would have defined report that too).
TEST(EngineRules, ANumberBeyondADoubleInARuleFileIsLocated) {
    RuleFiles files = testing::edited(testing::fixture_rule_files(), "roots.json",
                                      [](json& doc) { doc["evidence"][0]["weight"] = 123456789; });
    std::string& roots = files["roots.json"];
    roots.replace(roots.find("123456789"), 9, "1e400");
    Engine engine;
    const json refusal = json::parse(engine.load_rules(files));
    EXPECT_TRUE(has_path(problem_paths(refusal), "roots.json/evidence/0/weight")) << refusal.dump();
    EXPECT_NE(messages(refusal).find("out_of_range: the number 1e400"), std::string::npos) << messages(refusal);
}

TEST(EngineRules, EvaluateLogic) {
    EXPECT_EQ(json::parse(evaluate_logic(R"({"+": [1, 2]})", "null")), json::parse(R"({"result": 3})"));
    EXPECT_EQ(json::parse(evaluate_logic(R"({"var": "a.b"})", R"({"a": {"b": [1]}})")),
              json::parse(R"({"result": [1]})"));
    EXPECT_EQ(json::parse(evaluate_logic(R"({"var": "x"})", "")), json::parse(R"({"result": null})"));
    const json unknown = json::parse(evaluate_logic(R"({"no_such_operator": [1]})", "{}"));
    EXPECT_EQ(unknown["error"]["type"], "Unknown Operator") << unknown.dump();
    const json malformed = json::parse(evaluate_logic("{", "{}"));
    EXPECT_EQ(malformed["error"]["code"], "malformed_json");
    EXPECT_EQ(malformed["error"]["path"], "/rule");
    EXPECT_EQ(json::parse(evaluate_logic("1", "\xC3\x28"))["error"]["path"], "/data");
    EXPECT_EQ(json::parse(evaluate_logic(std::string(100, '['), "1"))["error"]["code"], "too_deep");
    // A number beyond a double is refused at its place in the rule or the data.
    const json big_rule = json::parse(evaluate_logic(R"({"+": [1, 1e400]})", "null"));
    EXPECT_EQ(big_rule["error"]["code"], "out_of_range") << big_rule.dump();
    EXPECT_EQ(big_rule["error"]["path"], "/rule/+/1");
    const json big_data = json::parse(evaluate_logic(R"({"var": "x"})", R"({"x": -1e400})"));
    EXPECT_EQ(big_data["error"]["code"], "out_of_range") << big_data.dump();
    EXPECT_EQ(big_data["error"]["path"], "/data/x");
}

}  // namespace
}  // namespace rootcheck
