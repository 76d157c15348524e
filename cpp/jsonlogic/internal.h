// Internals shared by the JsonLogic compiler (program.cpp) and the operator families (operators_*.cpp).
//
// A rule compiles into a tree of Nodes; each Node carries the function that evaluates it, so evaluation is one
// indirect call per node with no name look-ups. Evaluation never throws: an operator that fails records the
// JsonLogic error in Ctx::error and returns false, and every caller passes the false straight up (try is the only
// operator that catches it). Values are borrowed from the data or the rule whenever possible (see Value), because
// copying nlohmann strings allocates and the engine evaluates ~150 conditions per assessment.
// The budget (jsonlogic.h, Budget): eval() spends a step per node; an operator spends, before doing it, for any work
// that grows with the size of its operands (the helpers below: measure, copy_bounded, take, spend_scan...).
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <cstdint>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "jsonlogic.h"

namespace rootcheck::jsonlogic {

// DataIndex's memory: per KeyTable number, where that key's value lives inside the indexed data object (std::map
// nodes do not move while the map grows), or that it was absent when the object had `absent_at_size` keys. Entries of
// an older generation are unknown, so starting over with other data clears nothing.
struct DataIndex::Impl {
    struct Entry {
        const json* value = nullptr;  // null: absent
        std::size_t absent_at_size = 0;
        std::uint32_t generation = 0;
    };
    const json* data = nullptr;  // the object indexed
    std::uint32_t generation = 0;
    std::vector<Entry> entries;  // by key number, grown on demand

    void reset(const json& object) {
        data = &object;
        if (++generation == 0) {  // wrapped round: forget every entry for good
            entries.assign(entries.size(), Entry{});
            generation = 1;
        }
    }
    // The value of top-level key `key`, numbered `number`, of `data`; nullptr when absent.
    const json* find(const std::string& key, std::size_t number);
};

}  // namespace rootcheck::jsonlogic

namespace rootcheck::jsonlogic::detail {

// Deeper rules are refused at compile time so that compiling and evaluating (both recursive) cannot exhaust the
// stack, including WebAssembly's smaller one.
constexpr std::size_t kMaxRuleDepth = 128;
// Values nested deeper than this are refused before any recursive copy or deep comparison of them.
constexpr std::size_t kMaxValueDepth = 256;
// The budget's units (jsonlogic.h): bytes counted per JSON value or object member built, string bytes per step.
constexpr std::size_t kValueBytes = 32;
constexpr std::size_t kScanBytesPerStep = 64;
// Path segments followed per step.
constexpr std::size_t kSegmentsPerStep = 8;

// The error types the suites name, and ours for a spent budget.
inline constexpr const char* kNaN = "NaN";
inline constexpr const char* kInvalidArguments = "Invalid Arguments";
inline constexpr const char* kUnknownOperator = "Unknown Operator";
inline constexpr const char* kBudgetExceeded = "Budget Exceeded";

// The result of evaluating a node: either a reference to a json that outlives the evaluation (the data, a rule
// literal, an element of an enclosing Value, a shared constant) or an owned json. The owned json is only constructed
// when first needed: most nodes borrow, and constructing and destroying an unused json per node showed in profiles
// (nlohmann's destructor is an out-of-line call even for null). Booleans and null are borrowed from constants.
class Value {
public:
    Value() noexcept {}
    ~Value() {
        if (constructed_) own_.~json();
    }
    Value(const Value&) = delete;
    Value& operator=(const Value&) = delete;
    Value(Value&& other) noexcept { *this = std::move(other); }
    Value& operator=(Value&& other) noexcept {
        if (other.borrowed()) {
            refer(*other.ref_);
        } else {
            set(std::move(other.own_));
        }
        return *this;
    }

    const json& get() const { return *ref_; }
    void refer(const json& target) { ref_ = &target; }
    void set(json value) {
        if (constructed_) {
            own_ = std::move(value);
        } else {
            new (&own_) json(std::move(value));
            constructed_ = true;
        }
        ref_ = &own_;
    }
    // Exactly bool (not anything convertible to it, such as a pointer): refers to a shared constant.
    template <class Bool, std::enable_if_t<std::is_same_v<Bool, bool>, int> = 0>
    void set(Bool value) {
        refer(constant(value));
    }
    void set(std::nullptr_t) { refer(constant_null()); }
    bool borrowed() const { return ref_ != &own_; }
    // Moves the owned json out; only valid when !borrowed().
    json release() { return std::move(own_); }

private:
    // Inline: every Value starts out referring to null, and an out-of-line call per node showed in profiles.
    static const json& constant(bool value) {
        static const json kFalse = false;
        static const json kTrue = true;
        return value ? kTrue : kFalse;
    }
    static const json& constant_null() {
        static const json kNull;
        return kNull;
    }

    const json* ref_ = &constant_null();
    bool constructed_ = false;
    union {
        json own_;
    };
};

// One data scope. The root scope holds the evaluated data; map/filter/reduce/all/some/none push one scope per
// element (with its index) and try pushes one holding the caught error. `val` climbs these with [[n], ...]: level 0
// is the current data, 1 the current iteration's {"index": i}, 2 the data of the enclosing scope, and so on
// (scopes.json, val.extra.json).
struct Frame {
    const json* data = nullptr;
    std::size_t index = 0;
    bool iterating = false;
    const Frame* parent = nullptr;
};

struct Ctx {
    const Frame* top = nullptr;
    json error;  // {"type": ...} once an evaluation failed
    DataIndex::Impl* index = nullptr;  // set when the root scope's data is indexed
    // What is left of the budget, copied in from the Budget for one evaluation and back out after (Program::run).
    // Running out zeroes steps_left, so that every later eval() fails at once.
    std::size_t steps_left = 0;
    std::size_t bytes_left = 0;
    bool over_budget = false;  // the error is Budget Exceeded, which try lets through

    bool fail(const char* type) {
        error = json::object();
        error["type"] = type;
        return false;
    }
    bool spend_steps(std::size_t steps) {
        if (steps > steps_left) return exhausted();
        steps_left -= steps;
        return true;
    }
    // `count` times `each` steps, without overflowing.
    bool spend_steps(std::size_t count, std::size_t each) {
        if (each != 0 && count > steps_left / each) return exhausted();
        steps_left -= count * each;
        return true;
    }
    bool spend_bytes(std::size_t bytes) {
        if (bytes > bytes_left) return exhausted();
        bytes_left -= bytes;
        return true;
    }
    // Steps for reading `bytes` bytes of strings.
    bool spend_scan(std::size_t bytes) { return spend_steps(bytes / kScanBytesPerStep); }
    // Records Budget Exceeded and zeroes the steps left; returns false. Rare, and kept out of line (even under
    // link-time optimisation): inlined into every spend it made the WebAssembly module 10 KB larger.
    [[gnu::cold, gnu::noinline]] bool exhausted();
};

inline constexpr std::size_t kNoKeyNumber = static_cast<std::size_t>(-1);

struct Node;
using OpFn = bool (*)(const Node&, Ctx&, Value&);

struct Node {
    OpFn fn = nullptr;
    json literal;                 // a literal's value; an unknown operator's name
    std::vector<Node> args;       // compiled operands
    bool args_is_array = false;   // the operator's operand was written as a JSON array
    bool static_path = false;     // var/val/exists: `path` (and scope_level) hold the whole literal path
    std::size_t scope_level = 0;  // val [[n], ...]: scope levels to climb
    std::vector<json> path;       // literal path segments (strings or numbers)
    std::size_t key_number = kNoKeyNumber;  // KeyTable number of path[0], for DataIndex look-ups
    std::size_t path_steps = 0;  // what following the literal path costs beyond the node's step (path_cost)
    bool null_literal_operand = false;  // map/filter/reduce written with a literal null collection or body
};

inline bool eval(const Node& node, Ctx& ctx, Value& out) {
    return ctx.spend_steps(1) && node.fn(node, ctx, out);
}

// The length of `value` when it is a string, else 0. (get_ptr: get_ref's type check, which can throw, costs code at
// every use, and these run at every spend.)
inline std::size_t string_length(const json& value) {
    const std::string* text = value.get_ptr<const std::string*>();
    return text == nullptr ? 0 : text->size();
}

// What following `segments` costs in steps beyond one: their number over kSegmentsPerStep and their bytes over
// kScanBytesPerStep (0 for any ordinary path).
std::size_t path_cost(const std::vector<json>& segments);

// A value's size as the budget counts bytes, and the steps spent measuring it (one per JSON value, one per
// kScanBytesPerStep bytes of its strings and keys).
struct Measure {
    std::size_t bytes = 0;
    std::size_t steps = 0;
};
// Walks `value` iteratively (any depth is safe), spending the steps as it goes. Fails with "Invalid Arguments" when
// the value nests deeper than kMaxValueDepth, or with Budget Exceeded.
bool measure(const json& value, Ctx& ctx, Measure& out);

// Moves or copies a Value into `out`; a copy spends its measure (steps and bytes), and a borrowed value nested deeper
// than kMaxValueDepth is refused with an "Invalid Arguments" error instead of being copied recursively.
bool take(Value& value, Ctx& ctx, json& out);
// Copies `source` into `out` the same way.
bool copy_bounded(const json& source, Ctx& ctx, json& out);
// Makes `value` own its json (needed before the scope it borrows from ends: try, reduce).
bool own(Value& value, Ctx& ctx);
// Appends `item` to the array `array`, spending kValueBytes for its place (the item was paid for when built).
bool push_element(json& array, json item, Ctx& ctx);

// Variadic operators (+, *, -, /, %, max, min, cat, merge, in, substr, missing) take their operands either as a
// written array (each element evaluated) or as one operand whose value, if an array, supplies the operands
// ("+": {"preserve": [7, 8]} is 15, "cat": {"val": "text"} joins the array). f(const json&) returns false after
// recording an error in ctx.
template <class F>
bool for_each_operand(const Node& node, Ctx& ctx, F&& f) {
    if (node.args_is_array) {
        for (const Node& arg : node.args) {
            Value v;
            if (!eval(arg, ctx, v) || !f(v.get())) return false;
        }
        return true;
    }
    Value v;
    if (!eval(node.args.front(), ctx, v)) return false;
    const json& value = v.get();
    if (value.is_array()) {
        if (!ctx.spend_steps(value.size())) return false;
        for (const json& element : value)
            if (!f(element)) return false;
        return true;
    }
    return f(value);
}

// Operators that need the compiler's help beyond "compile every operand".
enum class OperatorKind {
    plain,
    preserve,      // operand kept as literal data
    var,           // classic dotted path, precomputed; path listed in referenced_paths
    val,           // path segments (and [[n]] scope), precomputed; listed
    exists,        // like val
    missing,       // literal keys listed
    missing_some,  // literal keys of the second operand listed
    iterator,      // operand 0 read in the current scope, the rest per element
    try_catch,     // operand 0 read in the current scope, the rest with the error as data
};

struct OperatorEntry {
    const char* name;
    OpFn fn;
    OperatorKind kind;
};

// Each family lists its operators; program.cpp resolves names against all of them once, at compile time.
struct OperatorTable {
    const OperatorEntry* entries;
    std::size_t count;
};
OperatorTable arithmetic_operators();
OperatorTable comparison_operators();
OperatorTable logic_operators();
OperatorTable array_operators();
OperatorTable string_operators();
OperatorTable data_operators();

// Evaluates a node built for an unknown operator: always the "Unknown Operator" error.
bool evaluate_unknown_operator(const Node& node, Ctx& ctx, Value& out);
// Evaluates a node whose rule was refused at compile time (too deep).
bool evaluate_refused(const Node& node, Ctx& ctx, Value& out);
// Evaluates a literal: borrows it from the program.
bool evaluate_literal(const Node& node, Ctx& ctx, Value& out);
// Evaluates a rule written as an array: each element evaluated.
bool evaluate_array(const Node& node, Ctx& ctx, Value& out);

}  // namespace rootcheck::jsonlogic::detail
