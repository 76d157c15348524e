// Arrays and iterators: map, filter, reduce, all, some, none, merge.
//
// Iterators need a written operand array (iterators.extra.json: "map": {"preserve": [...]} is "Invalid Arguments").
// The body runs once per element in a new scope whose data is the element (reduce: {"current", "accumulator"}) and
// whose index val can reach with [[1], "index"] (scopes.json).
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// Restores the enclosing scope however the body's evaluation ends.
class ScopeGuard {
public:
    explicit ScopeGuard(Ctx& ctx) : ctx_(ctx), enclosing_(ctx.top) {}
    ~ScopeGuard() { ctx_.top = enclosing_; }
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;

    // Evaluates `body` with `data` as the current data of iteration `index`.
    bool run(const Node& body, const json& data, std::size_t index, Value& out) {
        frame_.data = &data;
        frame_.index = index;
        frame_.iterating = true;
        frame_.parent = enclosing_;
        ctx_.top = &frame_;
        const bool ok = eval(body, ctx_, out);
        ctx_.top = enclosing_;
        return ok;
    }

private:
    Ctx& ctx_;
    const Frame* enclosing_;
    Frame frame_;
};

// map/filter/reduce: a collection that is null (a missing array in the data) iterates nothing (map.json "Map on null
// array returns empty array"), but a literal null operand is a mistake in the rule (map.json "Map with null array
// should throw", "Map with null mapper should throw").
bool collection_or_empty(const Node& node, Ctx& ctx, Value& collection, bool& empty) {
    if (!node.args_is_array || node.args.size() < 2 || node.null_literal_operand) return ctx.fail(kInvalidArguments);
    if (!eval(node.args[0], ctx, collection)) return false;
    const json& value = collection.get();
    empty = value.is_null() || (value.is_array() && value.empty());
    if (!value.is_null() && !value.is_array()) return ctx.fail(kInvalidArguments);
    return true;
}

// map and filter: runs the body (args[1]) on each element of the collection and builds the array `keep` makes of
// each element and the body's value (appending to `result` or not).
template <typename Keep>
bool each_element(const Node& node, Ctx& ctx, Value& out, Keep&& keep) {
    Value collection;
    bool empty = false;
    if (!collection_or_empty(node, ctx, collection, empty)) return false;
    json result = json::array();
    if (!empty) {
        ScopeGuard scope(ctx);
        std::size_t index = 0;
        for (const json& element : collection.get()) {
            Value body;
            if (!scope.run(node.args[1], element, index++, body) || !keep(element, body, result)) return false;
        }
    }
    out.set(std::move(result));
    return true;
}

bool op_map(const Node& node, Ctx& ctx, Value& out) {
    return each_element(node, ctx, out, [&ctx](const json&, Value& mapped, json& result) {
        json item;
        return take(mapped, ctx, item) && push_element(result, std::move(item), ctx);
    });
}

bool op_filter(const Node& node, Ctx& ctx, Value& out) {
    return each_element(node, ctx, out, [&ctx](const json& element, Value& verdict, json& result) {
        if (!truthy(verdict.get())) return true;
        json item;
        return copy_bounded(element, ctx, item) && push_element(result, std::move(item), ctx);
    });
}

// reduce: [collection, body, initial?]. Without an initial value the first element starts, as Array.reduce does
// (reduce.json "Initial value is optional"); a null collection gives the initial value.
bool op_reduce(const Node& node, Ctx& ctx, Value& out) {
    Value collection;
    bool empty = false;
    if (!collection_or_empty(node, ctx, collection, empty)) return false;
    json accumulator;
    std::size_t first = 0;
    if (node.args.size() > 2) {
        Value initial;
        if (!eval(node.args[2], ctx, initial) || !take(initial, ctx, accumulator)) return false;
    } else if (!empty) {
        if (!copy_bounded(collection.get()[0], ctx, accumulator)) return false;
        first = 1;
    }
    if (!empty) {
        const json& elements = collection.get();
        json scope_data = json::object();
        ScopeGuard scope(ctx);
        for (std::size_t i = first; i < elements.size(); ++i) {
            json current;
            if (!copy_bounded(elements[i], ctx, current)) return false;
            scope_data["current"] = std::move(current);
            scope_data["accumulator"] = std::move(accumulator);
            Value next;
            // `next` may borrow from scope_data, so it is copied out before scope_data changes.
            if (!scope.run(node.args[1], scope_data, i, next) || !take(next, ctx, accumulator)) return false;
        }
    }
    out.set(std::move(accumulator));
    return true;
}

// all/some/none need an array: null is an error here (all.json "Missing array returns error"); all of an empty
// array is false (all.json "Empty array returns false").
enum class Quantifier { all, some, none };

template <Quantifier kQuantifier>
bool op_quantifier(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array || node.args.size() < 2) return ctx.fail(kInvalidArguments);
    Value collection;
    if (!eval(node.args[0], ctx, collection)) return false;
    const json& elements = collection.get();
    if (!elements.is_array()) return ctx.fail(kInvalidArguments);
    if (elements.empty()) {
        out.set(kQuantifier == Quantifier::none);
        return true;
    }
    ScopeGuard scope(ctx);
    std::size_t index = 0;
    for (const json& element : elements) {
        Value verdict;
        if (!scope.run(node.args[1], element, index++, verdict)) return false;
        const bool holds = truthy(verdict.get());
        if (kQuantifier == Quantifier::all && !holds) {
            out.set(false);
            return true;
        }
        if (kQuantifier != Quantifier::all && holds) {
            out.set(kQuantifier == Quantifier::some);
            return true;
        }
    }
    out.set(kQuantifier != Quantifier::some);
    return true;
}

// merge flattens one level; other operands are kept as elements (merge.json "[1,2], null, [3,4]" keeps the null).
bool op_merge(const Node& node, Ctx& ctx, Value& out) {
    json result = json::array();
    const auto append = [&](const json& value) {
        json item;
        return copy_bounded(value, ctx, item) && push_element(result, std::move(item), ctx);
    };
    if (!for_each_operand(node, ctx, [&](const json& operand) {
            if (!operand.is_array()) return append(operand);
            if (!ctx.spend_steps(operand.size())) return false;
            for (const json& element : operand)
                if (!append(element)) return false;
            return true;
        }))
        return false;
    out.set(std::move(result));
    return true;
}

constexpr OperatorEntry kOperators[] = {
    {"map", op_map, OperatorKind::iterator},
    {"filter", op_filter, OperatorKind::iterator},
    {"reduce", op_reduce, OperatorKind::iterator},
    {"all", op_quantifier<Quantifier::all>, OperatorKind::iterator},
    {"some", op_quantifier<Quantifier::some>, OperatorKind::iterator},
    {"none", op_quantifier<Quantifier::none>, OperatorKind::iterator},
    {"merge", op_merge, OperatorKind::plain},
};

}  // namespace

OperatorTable array_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
