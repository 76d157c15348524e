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
// - Compile problems: an unknown operator, an object with more than one key where an operation is expected, and a
//   rule nesting deeper than 128 levels (refused so that neither compiling nor evaluating can exhaust the stack).
//   The faulty node evaluates to {"type": "Unknown Operator"} (the first two) or {"type": "Invalid Arguments"}.
// - Evaluation copies or deep-compares no value nested deeper than 256 levels: such a value yields
//   {"type": "Invalid Arguments"} instead, so any data document is safe to evaluate against.
// - Every evaluation runs under a Budget (below) of steps and of bytes built: a rule that would build a huge value or
//   run for long stops with {"type": "Budget Exceeded"} within milliseconds instead of exhausting memory or time.
// - Beyond the suites: a null compared with "==" / "!=" to a string is simply unequal (the suites treat null as 0
//   against numbers, which would make null == "yes" a NaN error); rules compare optional answers with words.
// - Numbers: integral results come back as JSON integers (3, not 3.0); non-finite results are the "NaN" error.
// - Speed: a typical 5-7 node condition evaluates in ~0.2 us natively. These sources neither throw nor catch, but
//   they run inside a build with exceptions: in WebAssembly that must be native WebAssembly exceptions
//   (-fwasm-exceptions, as the top-level CMakeLists.txt sets), because with Emscripten's JS-based emulation every
//   call made under a destructor goes through a JS trampoline, which makes evaluation about 2x slower.
#pragma once

#include <cstddef>
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

// The work evaluations may do, so that a short rule can neither run for minutes nor exhaust memory (a reduce that
// merges its accumulator with itself would hold 2^32 elements after 32 steps). Two allowances:
// - steps: one per node evaluated; one per element an operator goes through (an operand list given as one array, an
//   array searched by "in") and per JSON value it copies, compares, prints or measures; one per 64 bytes of string it
//   compares, searches, converts to a number or splits into a path, and per 8 segments of a path followed (a naive
//   substring search counts every comparison it may make: (haystack - needle + 1) x needle bytes).
// - bytes of values built: a value copied counts 32 bytes per JSON value and per object member plus the bytes of its
//   strings and keys (about what it occupies in memory, and at least the length of its text), a string joined or cut
//   its length, an array assembled 32 bytes per element besides its elements. The allowance is spent, never given
//   back when a value is freed, so it also bounds the total work of building, and what was built is always small
//   enough to free (nlohmann's destructor needs memory in proportion to a value's size).
// Not counted: the bytes of the final copy of a result read from the data or the rule (no larger than an input the
// caller holds; its steps are counted).
// Running out stops the evaluation with {"type": "Budget Exceeded"}, an error "try" cannot catch; the budget then
// stays spent, so every later evaluation under it fails the same way at once. Program::evaluate(data) gives each
// evaluation a budget of its own; the engine gives all the rule evaluations of one assess or next call one budget.
// The limits leave ample room: a whole assessment with the built-in rules spends under 2,000 steps (1,566 at most, on
// any vignette, when measured) and no bytes, the conformance suites' cases at most 62 steps and 1,450 bytes
// (engine_budget_test.cpp and jsonlogic_conformance_test.cpp in tests/cpp/ print these and keep them under 1% and
// 0.1% of the limits). Reaching a limit takes tens of milliseconds natively in a release build (the slowest rule
// tried, a map over 2 million numbers reading each index, 110 ms; tests/cpp/jsonlogic_budget_test.cpp prints times).
namespace detail {
class BudgetScope;
}

class Budget {
public:
    static constexpr std::size_t kSteps = 1'000'000;
    static constexpr std::size_t kBytes = 16 * 1024 * 1024;

    bool exceeded() const { return exceeded_; }
    // What was spent so far (once exceeded, every step counts as spent).
    std::size_t steps_used() const { return kSteps - steps_left_; }
    std::size_t bytes_used() const { return kBytes - bytes_left_; }

private:
    friend class detail::BudgetScope;
    std::size_t steps_left_ = kSteps;
    std::size_t bytes_left_ = kBytes;
    bool exceeded_ = false;
};

struct CompileProblem {
    std::string pointer;  // JSON Pointer inside the rule, e.g. "/and/1"
    std::string message;
};

// Numbers the top-level data keys that compiled programs read through literal var paths ("facts.x" reads "facts"),
// so that a DataIndex finds their values by number instead of by name. Give one KeyTable to every compile() of the
// programs that will share a DataIndex (the engine: one per rule set); it grows while they compile.
class KeyTable {
public:
    // The number of `key`, given on first sight: 0, 1, 2, ... (A linear search: this runs only while compiling, over
    // a few dozen keys, and a hash table would add its code to the WebAssembly download.)
    std::size_t number(const std::string& key);
    // The number of `key` if a program read it, else npos.
    std::size_t find(const std::string& key) const;
    std::size_t size() const { return keys_.size(); }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::vector<std::string> keys_;  // by number
};

// Speeds up evaluating many programs, compiled with one KeyTable, against one data object that grows between them
// (the engine's condition data): remembers where the value of each numbered top-level key lives, or that it is
// absent (until the object gains a key), so a literal var path starts with an array look-up instead of a search of
// the object's keys and no string comparison. Valid while that data object stays an object and loses no top-level
// key: values may be replaced and keys added. Used with other data, the index starts over. Programs compiled without
// a KeyTable evaluate as they would without an index; programs compiled with different KeyTables must not share one
// (their numbers would clash). Not shared between threads.
class DataIndex {
public:
    DataIndex();
    // Sized for the keys of `keys` up front (it grows anyway when a later key number comes).
    explicit DataIndex(const KeyTable& keys);
    ~DataIndex();
    // Tells the index that top-level key `number` (KeyTable) of `data` holds `value`, a member of `data` the caller
    // just added (the index starts over first if it was serving other data): saves the search on first look-up.
    void remember(const json& data, std::size_t number, const json& value);
    DataIndex(const DataIndex&) = delete;
    DataIndex& operator=(const DataIndex&) = delete;

    struct Impl;

private:
    friend class Program;
    std::unique_ptr<Impl> impl_;
};

class Program {
public:
    Program();
    ~Program();
    Program(Program&&) noexcept;
    Program& operator=(Program&&) noexcept;

    // Compiles `rule`. Problems (e.g. an unknown operator) are appended to `problems`; the program is still usable
    // and evaluates the faulty node to an error outcome. With `keys`, its literal var paths are numbered there, for
    // evaluation with a DataIndex.
    static Program compile(const json& rule, std::vector<CompileProblem>* problems = nullptr,
                           KeyTable* keys = nullptr);

    // Under a budget of its own.
    Outcome evaluate(const json& data) const;
    // Under `budget`, looking up the data's top-level keys through `index` (see DataIndex).
    Outcome evaluate(const json& data, DataIndex& index, Budget& budget) const;
    // truthy(evaluate(data, index, budget).value), an error counting as false, without building the Outcome (no copy
    // of a result borrowed from the data or the rule): for conditions, which only need the verdict. The caller tells
    // a spent budget from a false condition by budget.exceeded().
    bool holds(const json& data, DataIndex& index, Budget& budget) const;

    // The literal data paths this rule reads through var/val/exists/missing/missing_some, first segment first
    // (e.g. "derived.pain_type.radicular" -> {"derived","pain_type","radicular"}), each once, in rule order, for
    // lint. Not listed: paths built at run time, paths read inside iterator bodies (relative to the element) or try
    // fallbacks (relative to the error), and val paths that climb scopes ([[n], ...]).
    const std::vector<std::vector<std::string>>& referenced_paths() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;

    Outcome run(const json& data, DataIndex::Impl* index, Budget& budget) const;
    DataIndex::Impl* index_for(const json& data, DataIndex& index) const;
};

// JsonLogic truthiness (the suites' truthiness.json): false, null, 0, "", [] are falsy; everything else truthy.
bool truthy(const json& value);

}  // namespace rootcheck::jsonlogic
