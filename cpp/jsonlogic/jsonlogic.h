// JsonLogic for RootCheck: compile a rule once, evaluate it many times.
//
// Contract
// - Semantics follow the community conformance suites (json-logic/compat-tables, all 1,138 cases in
//   ../shared/jsonlogic-suites): the classic operators plus val, exists, ??, try, throw, preserve, and the iterator
//   scopes those suites define.
// - compile() checks the rule's shape once (unknown operators are reported then, with the JSON Pointer of the
//   culprit inside the rule); evaluate() never throws: a JsonLogic error ("NaN", "Invalid Arguments",
//   "Unknown Operator" or a thrown value) comes back as Outcome::error, shaped {"type": ...} as the suites expect.
// - No global state; a Program is immutable after compile() and may be evaluated from many call sites.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rootcheck::jsonlogic {

using json = nlohmann::json;

struct Outcome {
    bool ok = true;
    json value;  // the result when ok
    json error;  // {"type": ...} when !ok
};

struct CompileProblem {
    std::string pointer;  // JSON Pointer inside the rule, e.g. "/and/1"
    std::string message;
};

class Program {
public:
    Program();
    ~Program();
    Program(Program&&) noexcept;
    Program& operator=(Program&&) noexcept;

    // Compiles `rule`. Problems (e.g. an unknown operator) are appended to `problems`; the program is still usable
    // and evaluates the faulty node to an error outcome.
    static Program compile(const json& rule, std::vector<CompileProblem>* problems = nullptr);

    Outcome evaluate(const json& data) const;

    // The literal data paths this rule reads through var/val/exists/missing/missing_some, first segment first
    // (e.g. "derived.pain_type.radicular" -> {"derived","pain_type","radicular"}), for lint. Paths built at run
    // time are not listed.
    const std::vector<std::vector<std::string>>& referenced_paths() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// JsonLogic truthiness (the suites' truthiness.json): false, null, 0, "", [] are falsy; everything else truthy.
bool truthy(const json& value);

}  // namespace rootcheck::jsonlogic
