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
// - Beyond the suites: a null compared with "==" / "!=" to a string is simply unequal (the suites treat null as 0
//   against numbers, which would make null == "yes" a NaN error); rules compare optional answers with words.
// - Numbers: integral results come back as JSON integers (3, not 3.0); non-finite results are the "NaN" error.
// - Speed: a typical 5-7 node condition evaluates in ~0.2 us natively. These sources neither throw nor catch, but
//   they run inside a build with exceptions: in WebAssembly that must be native WebAssembly exceptions
//   (-fwasm-exceptions, as the top-level CMakeLists.txt sets), because with Emscripten's JS-based emulation every
//   call made under a destructor goes through a JS trampoline, which makes evaluation about 2x slower.
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

    Outcome evaluate(const json& data) const;
    // The same, looking up the data's top-level keys through `index` (see DataIndex).
    Outcome evaluate(const json& data, DataIndex& index) const;
    // truthy(evaluate(data, index).value), an error counting as false, without building the Outcome (no copy of a
    // result borrowed from the data or the rule): for conditions, which only need the verdict.
    bool holds(const json& data, DataIndex& index) const;

    // The literal data paths this rule reads through var/val/exists/missing/missing_some, first segment first
    // (e.g. "derived.pain_type.radicular" -> {"derived","pain_type","radicular"}), each once, in rule order, for
    // lint. Not listed: paths built at run time, paths read inside iterator bodies (relative to the element) or try
    // fallbacks (relative to the error), and val paths that climb scopes ([[n], ...]).
    const std::vector<std::vector<std::string>>& referenced_paths() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;

    Outcome run(const json& data, DataIndex::Impl* index) const;
    DataIndex::Impl* index_for(const json& data, DataIndex& index) const;
};

// JsonLogic truthiness (the suites' truthiness.json): false, null, 0, "", [] are falsy; everything else truthy.
bool truthy(const json& value);

}  // namespace rootcheck::jsonlogic
