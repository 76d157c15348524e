// Logic and control: and, or, !, !!, if, ?:, ??, try, throw, log.
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// The one operand of a unary operator: written bare ("!": true) or as the first element ("!": [true]);
// "!": [] sees null (not.json "NOT without arguments returns true").
bool unary_operand(const Node& node, Ctx& ctx, Value& out) {
    if (node.args.empty()) {
        out.set(nullptr);
        return true;
    }
    return eval(node.args[0], ctx, out);
}

// and/or return the operand that decided, not a boolean (and.json "the last truthy value should be returned"),
// and stop there (and.json "Short Circuiting Checks"). Both need a written array; empty is false.
template <bool kAnd>
bool op_junction(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array) return ctx.fail(kInvalidArguments);
    if (node.args.empty()) {
        out.set(false);
        return true;
    }
    for (const Node& arg : node.args) {
        if (!eval(arg, ctx, out)) return false;
        if (truthy(out.get()) != kAnd) return true;
    }
    return true;
}

template <bool kNegate>
bool op_truth(const Node& node, Ctx& ctx, Value& out) {
    Value operand;
    if (!unary_operand(node, ctx, operand)) return false;
    out.set(truthy(operand.get()) != kNegate);
    return true;
}

// if / ?:: condition, then, [condition, then]..., [else]. One operand returns itself (if.json "if": [true] is true);
// no match without an else is null.
bool op_if(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array) return ctx.fail(kInvalidArguments);
    std::size_t i = 0;
    for (; i + 1 < node.args.size(); i += 2) {
        Value condition;
        if (!eval(node.args[i], ctx, condition)) return false;
        if (truthy(condition.get())) return eval(node.args[i + 1], ctx, out);
    }
    if (i < node.args.size()) return eval(node.args[i], ctx, out);
    out.set(nullptr);
    return true;
}

// ??: the first operand that is not null (false counts: coalesce.json "even if it is false").
bool op_coalesce(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array) return eval(node.args[0], ctx, out);
    for (const Node& arg : node.args) {
        if (!eval(arg, ctx, out)) return false;
        if (!out.get().is_null()) return true;
    }
    out.set(nullptr);
    return true;
}

// try: the first operand that evaluates without error. Each later operand sees the previous error object as its
// data (try.json "The context switches for the try coalescing to the previous error"), one scope above the
// enclosing one (try.extra.json reaches the data with [[2], ...]). When every operand fails, the last error stands.
// A spent budget (Budget Exceeded) is not caught: it stops the whole evaluation.
bool op_try(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array) return eval(node.args[0], ctx, out);
    if (node.args.empty()) {
        out.set(nullptr);
        return true;
    }
    const Frame* const enclosing = ctx.top;
    json caught;
    Frame scope;
    scope.data = &caught;
    scope.parent = enclosing;
    for (std::size_t i = 0; i < node.args.size(); ++i) {
        Value attempt;
        if (eval(node.args[i], ctx, attempt)) {
            const bool kept = own(attempt, ctx);  // it may borrow from `caught`, which ends here
            ctx.top = enclosing;
            if (kept) out = std::move(attempt);
            return kept;
        }
        if (ctx.over_budget) break;  // a spent budget is no error to recover from
        caught = std::move(ctx.error);
        ctx.error = json();
        ctx.top = &scope;
    }
    ctx.top = enclosing;
    if (!ctx.over_budget) ctx.error = std::move(caught);
    return false;
}

// throw: an object with a "type" is the error itself (throw.json "Can throw an error object"); any other value
// becomes {"type": value}.
bool op_throw(const Node& node, Ctx& ctx, Value&) {
    Value thrown;
    if (!unary_operand(node, ctx, thrown)) return false;
    json value;
    if (!take(thrown, ctx, value)) return false;
    if (value.is_object() && value.contains("type")) {
        ctx.error = std::move(value);
    } else {
        ctx.error = json::object();
        ctx.error["type"] = std::move(value);
    }
    return false;
}

// log: passes its operand through. The engine has no console to write to, so nothing is printed.
bool op_log(const Node& node, Ctx& ctx, Value& out) {
    return unary_operand(node, ctx, out);
}

constexpr OperatorEntry kOperators[] = {
    {"and", op_junction<true>, OperatorKind::plain},   {"or", op_junction<false>, OperatorKind::plain},
    {"!", op_truth<true>, OperatorKind::plain},        {"!!", op_truth<false>, OperatorKind::plain},
    {"if", op_if, OperatorKind::plain},                {"?:", op_if, OperatorKind::plain},
    {"??", op_coalesce, OperatorKind::plain},          {"try", op_try, OperatorKind::try_catch},
    {"throw", op_throw, OperatorKind::plain},          {"log", op_log, OperatorKind::plain},
};

}  // namespace

OperatorTable logic_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
