// Comparison: ==, !=, ===, !==, <, <=, >, >=. All take a written array of at least two operands (iterators.extra.json:
// a computed operand list is "Invalid Arguments") and chain pairwise, lazily: "<": [1, x, 3] is the "between" form,
// and evaluation stops at the first pair that fails (greaterThan.json "> is lazily evaluated").
#include "coercion.h"
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

enum class Verdict { holds, fails, nan, too_deep };

template <class Pair>
bool chain(const Node& node, Ctx& ctx, Value& out, Pair&& pair) {
    if (!node.args_is_array || node.args.size() < 2) return ctx.fail(kInvalidArguments);
    Value left;
    if (!eval(node.args[0], ctx, left)) return false;
    for (std::size_t i = 1; i < node.args.size(); ++i) {
        Value right;
        if (!eval(node.args[i], ctx, right)) return false;
        switch (pair(left.get(), right.get())) {
            case Verdict::holds:
                break;
            case Verdict::fails:
                out.set(false);
                return true;
            case Verdict::nan:
                return ctx.fail(kNaN);
            case Verdict::too_deep:
                return ctx.fail(kInvalidArguments);
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

Verdict strict(const json& a, const json& b, bool want_equal) {
    if ((a.is_structured() || b.is_structured()) &&
        (!within_depth(a, kMaxValueDepth) || !within_depth(b, kMaxValueDepth)))
        return Verdict::too_deep;
    return strict_equals(a, b) == want_equal ? Verdict::holds : Verdict::fails;
}

template <bool kEqual>
bool op_loose(const Node& node, Ctx& ctx, Value& out) {
    return chain(node, ctx, out, [](const json& a, const json& b) { return loose(a, b, kEqual); });
}

template <bool kEqual>
bool op_strict(const Node& node, Ctx& ctx, Value& out) {
    return chain(node, ctx, out, [](const json& a, const json& b) { return strict(a, b, kEqual); });
}

// The template flags say which orders satisfy the operator.
template <bool kLess, bool kEqual, bool kGreater>
bool op_order(const Node& node, Ctx& ctx, Value& out) {
    return chain(node, ctx, out, [](const json& a, const json& b) {
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
