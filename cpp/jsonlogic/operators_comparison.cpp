// Comparison: ==, !=, ===, !==, <, <=, >, >=. All take a written array of at least two operands (iterators.extra.json:
// a computed operand list is "Invalid Arguments") and chain pairwise, lazily: "<": [1, x, 3] is the "between" form,
// and evaluation stops at the first pair that fails (greaterThan.json "> is lazily evaluated").
#include <algorithm>

#include "coercion.h"
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

enum class Verdict { holds, fails, nan };

// Paid before comparing a pair: two strings read at most the shorter; a string turned into a number is read whole.
// A deep comparison ("===", "!==") also measures arrays and objects, which refuses any nested too deep; the others
// never read them (they are NaN there).
bool spend_comparing(const json& a, const json& b, bool deep, Ctx& ctx) {
    if (a.is_string() && b.is_string()) return ctx.spend_scan(std::min(string_length(a), string_length(b)));
    for (const json* value : {&a, &b}) {
        if (value->is_string()) {
            if (!ctx.spend_scan(string_length(*value))) return false;
        } else if (deep && value->is_structured()) {
            Measure size;
            if (!measure(*value, ctx, size)) return false;
        }
    }
    return true;
}

template <bool kDeep, class Pair>
bool chain(const Node& node, Ctx& ctx, Value& out, Pair&& pair) {
    if (!node.args_is_array || node.args.size() < 2) return ctx.fail(kInvalidArguments);
    Value left;
    if (!eval(node.args[0], ctx, left)) return false;
    for (std::size_t i = 1; i < node.args.size(); ++i) {
        Value right;
        if (!eval(node.args[i], ctx, right) || !spend_comparing(left.get(), right.get(), kDeep, ctx)) return false;
        switch (pair(left.get(), right.get())) {
            case Verdict::holds:
                break;
            case Verdict::fails:
                out.set(false);
                return true;
            case Verdict::nan:
                return ctx.fail(kNaN);
        }
        left = std::move(right);
    }
    out.set(true);
    return true;
}

Verdict loose(const json& a, const json& b, bool want_equal) {
    switch (loose_equals(a, b)) {
        case Compared::yes:
            return want_equal ? Verdict::holds : Verdict::fails;
        case Compared::no:
            return want_equal ? Verdict::fails : Verdict::holds;
        default:
            return Verdict::nan;
    }
}

// Both values were measured (spend_comparing), so neither nests too deep to compare.
Verdict strict(const json& a, const json& b, bool want_equal) {
    return strict_equals(a, b) == want_equal ? Verdict::holds : Verdict::fails;
}

template <bool kEqual>
bool op_loose(const Node& node, Ctx& ctx, Value& out) {
    return chain<false>(node, ctx, out, [](const json& a, const json& b) { return loose(a, b, kEqual); });
}

template <bool kEqual>
bool op_strict(const Node& node, Ctx& ctx, Value& out) {
    return chain<true>(node, ctx, out, [](const json& a, const json& b) { return strict(a, b, kEqual); });
}

// The template flags say which orders satisfy the operator.
template <bool kLess, bool kEqual, bool kGreater>
bool op_order(const Node& node, Ctx& ctx, Value& out) {
    return chain<false>(node, ctx, out, [](const json& a, const json& b) {
        switch (order(a, b)) {
            case Order::less:
                return kLess ? Verdict::holds : Verdict::fails;
            case Order::equal:
                return kEqual ? Verdict::holds : Verdict::fails;
            case Order::greater:
                return kGreater ? Verdict::holds : Verdict::fails;
            default:
                return Verdict::nan;
        }
    });
}

constexpr OperatorEntry kOperators[] = {
    {"==", op_loose<true>, OperatorKind::plain},
    {"!=", op_loose<false>, OperatorKind::plain},
    {"===", op_strict<true>, OperatorKind::plain},
    {"!==", op_strict<false>, OperatorKind::plain},
    {"<", op_order<true, false, false>, OperatorKind::plain},
    {"<=", op_order<true, true, false>, OperatorKind::plain},
    {">", op_order<false, false, true>, OperatorKind::plain},
    {">=", op_order<false, true, true>, OperatorKind::plain},
};

}  // namespace

OperatorTable comparison_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
