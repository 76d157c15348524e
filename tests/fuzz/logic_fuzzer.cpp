// Fuzz target: JsonLogic evaluation, through evaluate_logic (cpp/engine/engine.h) and the Program it wraps
// (cpp/jsonlogic/jsonlogic.h). The input is the rule's text, then a NUL byte, then the data's text (no NUL: the data
// is empty, which evaluate_logic reads as null); JSON text cannot hold a raw NUL, so the split never cuts a value.
//
// Properties checked
// - evaluate_logic returns JSON: {"result": value} or {"error": ...}, never internal_error (a throw: a bug).
// - When both texts are JSON, its answer is the Program's outcome: the result equal to the evaluated value, the
//   error equal to the outcome's error.
// - The engine's fast path gives the plain outcome: a Program compiled with a KeyTable and evaluated through a
//   DataIndex (as assessment.cpp does) equals the same rule compiled and evaluated plainly, on the data itself and,
//   when the data is an object, on a copy that grows one member at a time (the index told of each new member, as
//   Conditions::added does); holds() is truthy(result), an error counting as false. The index is then used once more
//   on the original data, which it must notice is other data and start over. Each evaluation has a Budget of its
//   own; where either way spends it ("Budget Exceeded") the two are not compared, since a look-up through the index
//   may cost other steps than a search, so a rule at the edge of the budget may pass one way only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "json/reader.h"
#include "fuzz_support.h"
#include "jsonlogic/jsonlogic.h"

namespace {

using nlohmann::json;
using rootcheck::fuzz::fail;
using rootcheck::jsonlogic::Outcome;

// Members of an object datum added one by one, each followed by an evaluation: enough to cover the index being told
// of new keys, few enough that a slow rule does not multiply into a timeout.
constexpr std::size_t kGrowthSteps = 8;

std::string describe(const Outcome& outcome) {
    return outcome.ok ? "result " + outcome.value.dump() : "error " + outcome.error.dump();
}

bool spent(const Outcome& outcome) {
    return !outcome.ok && rootcheck::fuzz::member_is(outcome.error, "type", "Budget Exceeded");
}

void expect_same(const Outcome& plain, const Outcome& indexed, const char* where) {
    if (spent(plain) || spent(indexed)) return;
    const bool same = plain.ok == indexed.ok &&
                      (plain.ok ? plain.value == indexed.value && plain.value.dump() == indexed.value.dump()
                                : plain.error == indexed.error);
    if (!same) fail(std::string(where) + ": plain " + describe(plain) + ", through the DataIndex " + describe(indexed));
}

Outcome indexed_outcome(const rootcheck::jsonlogic::Program& program, const json& data,
                        rootcheck::jsonlogic::DataIndex& index) {
    rootcheck::jsonlogic::Budget budget;
    return program.evaluate(data, index, budget);
}

void expect_holds(const rootcheck::jsonlogic::Program& program, const json& data,
                  rootcheck::jsonlogic::DataIndex& index, const Outcome& plain) {
    rootcheck::jsonlogic::Budget budget;
    const bool holds = program.holds(data, index, budget);
    if (spent(plain) || budget.exceeded()) return;
    if (holds != (plain.ok && rootcheck::jsonlogic::truthy(plain.value))) {
        fail("holds() disagrees with " + describe(plain));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(bytes), size);
    const std::size_t split = input.find('\0');
    const std::string_view rule_text = input.substr(0, split);
    const std::string_view data_text = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);

    const json answer =
        rootcheck::fuzz::engine_output("evaluate_logic", rootcheck::evaluate_logic(rule_text, data_text));
    if (answer.size() != 1 || (!answer.contains("result") && !answer.contains("error"))) {
        fail("evaluate_logic returned neither {\"result\"} nor {\"error\"}: " + answer.dump());
    }

    // The same limits evaluate_logic reads with; its own refusals were checked above.
    const rootcheck::ParseLimits limits{0, 64};
    const rootcheck::ParsedJson rule = rootcheck::parse_json_limited(rule_text, limits);
    const rootcheck::ParsedJson data = rootcheck::parse_json_limited(data_text.empty() ? "null" : data_text, limits);
    if (rule.error || data.error) return 0;

    const auto plain_program = rootcheck::jsonlogic::Program::compile(rule.value);
    const Outcome plain = plain_program.evaluate(data.value);
    const bool matches = plain.ok ? answer.contains("result") && answer["result"] == plain.value
                                  : answer.contains("error") && answer["error"] == plain.error;
    if (!matches) fail("evaluate_logic answered " + answer.dump() + " where the Program gives " + describe(plain));

    rootcheck::jsonlogic::KeyTable keys;
    const auto keyed = rootcheck::jsonlogic::Program::compile(rule.value, nullptr, &keys);
    rootcheck::jsonlogic::DataIndex index(keys);
    expect_same(plain, indexed_outcome(keyed, data.value, index), "on the data");
    expect_same(plain, indexed_outcome(keyed, data.value, index), "on the data, again");
    expect_holds(keyed, data.value, index, plain);

    if (data.value.is_object()) {
        json growing = json::object();
        std::size_t steps = 0;
        for (auto member = data.value.begin(); member != data.value.end() && steps < kGrowthSteps; ++member, ++steps) {
            const json& added = *growing.emplace(member.key(), member.value()).first;
            const std::size_t number = keys.find(member.key());
            if (number != rootcheck::jsonlogic::KeyTable::npos) index.remember(growing, number, added);
            const Outcome step = plain_program.evaluate(growing);
            expect_same(step, indexed_outcome(keyed, growing, index), "on the data growing");
            expect_holds(keyed, growing, index, step);
        }
        expect_same(plain, indexed_outcome(keyed, data.value, index), "back on the data");
    }
    return 0;
}
