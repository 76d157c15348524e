// Program: compiles a JsonLogic rule into a Node tree once and evaluates it against data.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "coercion.h"
#include "internal.h"
#include "jsonlogic.h"
#include "paths.h"

namespace rootcheck::jsonlogic {

using detail::Node;
using detail::OperatorEntry;
using detail::OperatorKind;

namespace detail {

bool evaluate_unknown_operator(const Node&, Ctx& ctx, Value&) {
    return ctx.fail(kUnknownOperator);
}

bool evaluate_refused(const Node&, Ctx& ctx, Value&) {
    return ctx.fail(kInvalidArguments);
}

bool evaluate_literal(const Node& node, Ctx&, Value& out) {
    out.refer(node.literal);
    return true;
}

bool evaluate_array(const Node& node, Ctx& ctx, Value& out) {
    json result = json::array();
    for (const Node& element : node.args) {
        Value v;
        json item;
        if (!eval(element, ctx, v) || !take(v, ctx, item) || !push_element(result, std::move(item), ctx)) return false;
    }
    out.set(std::move(result));
    return true;
}

}  // namespace detail

namespace {

// The operator named `name`, or null. A rule set compiles thousands of nodes: one hash probe each, instead of a string
// comparison with every operator in turn.
const OperatorEntry* find_operator(const std::string& name) {
    using Table = detail::OperatorTable (*)();
    static const std::unordered_map<std::string_view, const OperatorEntry*> kByName = [] {
        std::unordered_map<std::string_view, const OperatorEntry*> by_name;
        for (Table table : {detail::arithmetic_operators, detail::comparison_operators, detail::logic_operators,
                            detail::array_operators, detail::string_operators, detail::data_operators}) {
            const detail::OperatorTable t = table();
            for (std::size_t i = 0; i < t.count; ++i) by_name.emplace(t.entries[i].name, &t.entries[i]);  // first wins
        }
        return by_name;
    }();
    const auto found = kByName.find(name);
    return found == kByName.end() ? nullptr : found->second;
}

// JSON Pointer reference token escaping (RFC 6901).
std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Where a node sits in the rule: a chain of JSON Pointer steps up to the root (null), made into text only when a
// problem is reported. Building every node's pointer up front was a tenth of a rule set's load, and almost every
// rule compiles without a problem.
struct Place {
    static constexpr std::size_t kOperator = static_cast<std::size_t>(-1);

    const Place* parent;
    std::string_view name;  // the operator's name, when index is kOperator
    std::size_t index;      // else the array element's index

    static std::string pointer(const Place* place) {
        if (place == nullptr) return "";
        const std::string step = place->index == kOperator ? pointer_token(place->name) : std::to_string(place->index);
        return pointer(place->parent) + "/" + step;
    }
};

bool is_string_list(const json& value) {
    if (!value.is_array()) return false;
    for (const json& element : value)
        if (!element.is_string()) return false;
    return true;
}

class Compiler {
public:
    Compiler(std::vector<CompileProblem>* problems, std::vector<std::vector<std::string>>& paths, KeyTable* keys)
        : problems_(problems), paths_(paths), keys_(keys) {}

    // `reads_root`: the node reads the evaluated data itself (not an iterator element or a caught error), so its
    // literal paths belong in referenced_paths().
    Node compile(const json& rule, const Place* place, std::size_t depth, bool reads_root) {
        Node node;
        if (depth > detail::kMaxRuleDepth) {
            report(place, "rule nests deeper than " + std::to_string(detail::kMaxRuleDepth) + " levels");
            node.fn = detail::evaluate_refused;
            return node;
        }
        if (rule.is_array()) {
            node.fn = detail::evaluate_array;
            node.args.reserve(rule.size());
            bool constant = true;
            for (std::size_t i = 0; i < rule.size(); ++i) {
                const Place element{place, {}, i};
                node.args.push_back(compile(rule[i], &element, depth + 1, reads_root));
                constant = constant && node.args.back().fn == detail::evaluate_literal;
            }
            if (constant) {  // a list of literals (["left_big_toe", "right_big_toe"]) is built once, here
                node.args.clear();
                node.fn = detail::evaluate_literal;
                node.literal = rule;
            }
            return node;
        }
        if (!rule.is_object() || rule.empty()) {  // scalars and {} are literal data (if.json: {} is truthy)
            node.fn = detail::evaluate_literal;
            node.literal = rule;
            return node;
        }
        if (rule.size() > 1) {
            report(place, "an operation must have exactly one key, found " + std::to_string(rule.size()));
            node.fn = detail::evaluate_unknown_operator;
            return node;
        }
        const auto item = rule.begin();
        const std::string& name = item.key();
        const json& operand = item.value();
        const Place here{place, name, Place::kOperator};
        const OperatorEntry* entry = find_operator(name);
        if (entry == nullptr) {
            report(&here, "unknown operator \"" + name + "\"");
            node.fn = detail::evaluate_unknown_operator;
            node.literal = name;
            return node;
        }
        node.fn = entry->fn;
        if (entry->kind == OperatorKind::preserve) {  // the operand is data, never evaluated
            if (!detail::within_depth(operand, detail::kMaxRuleDepth)) {
                report(&here, "preserved value nests deeper than " + std::to_string(detail::kMaxRuleDepth) + " levels");
                node.fn = detail::evaluate_refused;
                return node;
            }
            node.fn = detail::evaluate_literal;
            node.literal = operand;
            return node;
        }
        compile_operands(node, *entry, operand, &here, depth, reads_root);
        prepare_paths(node, entry->kind, operand, reads_root);
        return node;
    }

private:
    void compile_operands(Node& node, const OperatorEntry& entry, const json& operand, const Place* here,
                          std::size_t depth, bool reads_root) {
        // Iterator bodies see the element and try's fallbacks see the caught error, not the data.
        const bool later_read_root =
            reads_root && entry.kind != OperatorKind::iterator && entry.kind != OperatorKind::try_catch;
        if (operand.is_array()) {
            node.args_is_array = true;
            node.args.reserve(operand.size());
            for (std::size_t i = 0; i < operand.size(); ++i) {
                const Place element{here, {}, i};
                node.args.push_back(compile(operand[i], &element, depth + 1,
                                            i == 0 || (entry.kind == OperatorKind::iterator && i == 2)
                                                ? reads_root  // reduce's initial value reads the data too
                                                : later_read_root));
            }
            if (entry.kind == OperatorKind::iterator)
                node.null_literal_operand =
                    (!operand.empty() && operand[0].is_null()) || (operand.size() > 1 && operand[1].is_null());
        } else {
            node.args.push_back(compile(operand, here, depth + 1, reads_root));
        }
    }

    void prepare_paths(Node& node, OperatorKind kind, const json& operand, bool reads_root) {
        prepare_literal_path(node, kind, operand, reads_root);
        if (node.static_path) node.path_steps = detail::path_cost(node.path);
    }

    void prepare_literal_path(Node& node, OperatorKind kind, const json& operand, bool reads_root) {
        switch (kind) {
            case OperatorKind::var: {
                const json* path = &operand;
                if (operand.is_array()) path = operand.empty() ? nullptr : &operand[0];
                static const json kWhole;
                if (path == nullptr) path = &kWhole;
                if (path->is_structured()) return;  // computed at run time
                node.static_path = detail::var_segments(*path, node.path);
                if (keys_ != nullptr && node.static_path && !node.path.empty() && node.path[0].is_string())
                    node.key_number = keys_->number(node.path[0].get_ref<const std::string&>());
                if (node.static_path && reads_root) record(node.path);
                return;
            }
            case OperatorKind::val:
            case OperatorKind::exists:
                node.static_path = detail::val_segments(operand, node.scope_level, node.path);
                if (node.static_path && node.scope_level == 0 && reads_root) record(node.path);
                return;
            case OperatorKind::missing:
                if (!reads_root) return;
                if (operand.is_string()) record_dotted(operand);
                if (is_string_list(operand))
                    for (const json& key : operand) record_dotted(key);
                return;
            case OperatorKind::missing_some:
                if (reads_root && operand.is_array() && operand.size() > 1 && is_string_list(operand[1]))
                    for (const json& key : operand[1]) record_dotted(key);
                return;
            default:
                return;
        }
    }

    void record_dotted(const json& key) {
        std::vector<json> segments;
        if (detail::var_segments(key, segments)) record(segments);
    }

    void record(const std::vector<json>& segments) {
        if (segments.empty()) return;
        std::vector<std::string> path = detail::segment_strings(segments);
        for (const auto& known : paths_)
            if (known == path) return;
        paths_.push_back(std::move(path));
    }

    void report(const Place* place, std::string message) {
        if (problems_ != nullptr) problems_->push_back(CompileProblem{Place::pointer(place), std::move(message)});
    }

    std::vector<CompileProblem>* problems_;
    std::vector<std::vector<std::string>>& paths_;
    KeyTable* keys_;
};

}  // namespace

std::size_t KeyTable::number(const std::string& key) {
    const std::size_t known = find(key);
    if (known != npos) return known;
    keys_.push_back(key);
    return keys_.size() - 1;
}

std::size_t KeyTable::find(const std::string& key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return i;
    return npos;
}

const json* DataIndex::Impl::find(const std::string& key, std::size_t number) {
    if (number >= entries.size()) entries.resize(number + 1);
    Entry& entry = entries[number];
    const auto& object = data->get_ref<const json::object_t&>();
    if (entry.generation == generation) {
        if (entry.value != nullptr) return entry.value;
        if (entry.absent_at_size == object.size()) return nullptr;  // keys are only added: still absent
    }
    const auto found = object.find(key);
    entry.generation = generation;
    entry.value = found == object.end() ? nullptr : &found->second;
    entry.absent_at_size = object.size();
    return entry.value;
}

DataIndex::DataIndex() : impl_(std::make_unique<Impl>()) {}
DataIndex::DataIndex(const KeyTable& keys) : DataIndex() {
    impl_->entries.resize(keys.size());
}
DataIndex::~DataIndex() = default;

void DataIndex::remember(const json& data, std::size_t number, const json& value) {
    if (impl_->data != &data) impl_->reset(data);
    if (number >= impl_->entries.size()) impl_->entries.resize(number + 1);
    impl_->entries[number] = Impl::Entry{&value, 0, impl_->generation};
}

struct Program::Impl {
    Node root;
    std::vector<std::vector<std::string>> paths;
};

Program::Program() : impl_(std::make_unique<Impl>()) {
    impl_->root.fn = detail::evaluate_literal;  // an empty program evaluates to null
}
Program::~Program() = default;
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;

Program Program::compile(const json& rule, std::vector<CompileProblem>* problems, KeyTable* keys) {
    Program program;
    Compiler compiler(problems, program.impl_->paths, keys);
    program.impl_->root = compiler.compile(rule, nullptr, 0, true);
    return program;
}

Outcome Program::evaluate(const json& data) const {
    Budget budget;
    return run(data, nullptr, budget);
}

Outcome Program::evaluate(const json& data, DataIndex& index, Budget& budget) const {
    return run(data, index_for(data, index), budget);
}

DataIndex::Impl* Program::index_for(const json& data, DataIndex& index) const {
    if (!data.is_object()) return nullptr;
    if (index.impl_->data != &data) index.impl_->reset(data);
    return index.impl_.get();
}

// One evaluation's context, holding what is left of `budget` while it runs (in the context, not behind a pointer:
// eval() spends a step per node) and handing it back when it ends.
class detail::BudgetScope {
public:
    explicit BudgetScope(Budget& budget) : budget_(budget) {
        ctx.steps_left = budget.steps_left_;  // 0 once exceeded
        ctx.bytes_left = budget.bytes_left_;
        ctx.over_budget = budget.exceeded_;
    }
    ~BudgetScope() {
        budget_.steps_left_ = ctx.steps_left;
        budget_.bytes_left_ = ctx.bytes_left;
        budget_.exceeded_ = ctx.over_budget;
    }
    BudgetScope(const BudgetScope&) = delete;
    BudgetScope& operator=(const BudgetScope&) = delete;

    Ctx ctx;

private:
    Budget& budget_;
};

namespace {

// The result, out of the evaluation: moved when built, else copied from the data or the rule. The copy spends its
// steps (measuring it also refuses a value nested too deep, as elsewhere) but no bytes: it is no larger than an input
// the caller holds already.
bool copy_out(detail::Value& value, detail::Ctx& ctx, json& out) {
    if (!value.borrowed()) {
        out = value.release();
        return true;
    }
    detail::Measure size;
    if (!detail::measure(value.get(), ctx, size)) return false;
    out = value.get();
    return true;
}

}  // namespace

bool Program::holds(const json& data, DataIndex& index, Budget& budget) const {
    if (!impl_) return false;  // a moved-from program: an error
    detail::BudgetScope scope(budget);
    detail::Ctx& ctx = scope.ctx;
    ctx.index = index_for(data, index);
    detail::Frame root;
    root.data = &data;
    ctx.top = &root;
    detail::Value value;
    if (!detail::eval(impl_->root, ctx, value)) return false;
    const json& result = value.get();
    // evaluate() measures a borrowed result before copying it out, refusing one nested too deep ("Invalid
    // Arguments"): the same work and verdict here.
    detail::Measure size;
    if (value.borrowed() && result.is_structured() && !detail::measure(result, ctx, size)) return false;
    return truthy(result);
}

Outcome Program::run(const json& data, DataIndex::Impl* index, Budget& budget) const {
    Outcome outcome;
    detail::BudgetScope scope(budget);
    detail::Ctx& ctx = scope.ctx;
    ctx.index = index;
    if (!impl_) {  // a moved-from program
        ctx.fail(detail::kInvalidArguments);
        outcome.ok = false;
        outcome.error = std::move(ctx.error);
        return outcome;
    }
    detail::Frame root;
    root.data = &data;
    ctx.top = &root;
    detail::Value value;
    if (!detail::eval(impl_->root, ctx, value) || !copy_out(value, ctx, outcome.value)) {
        outcome.ok = false;
        outcome.value = nullptr;
        outcome.error = std::move(ctx.error);
    }
    return outcome;
}

const std::vector<std::vector<std::string>>& Program::referenced_paths() const {
    static const std::vector<std::vector<std::string>> kNone;
    return impl_ ? impl_->paths : kNone;
}

}  // namespace rootcheck::jsonlogic
