// Arithmetic: +, -, *, /, %, max, min. Operands coerce with to_number (strings, booleans, null); anything without a
// number, and any non-finite result, is the "NaN" error (divide.json "Any division by zero should return NaN").
#include <cmath>
#include <cstddef>

#include "coercion.h"
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// Folds the operands left to right with step(accumulator, x, index); counts them into `count`.
template <class Step>
bool fold_numbers(const Node& node, Ctx& ctx, double& accumulator, std::size_t& count, Step&& step) {
    count = 0;
    return for_each_operand(node, ctx, [&](const json& operand) {
        double x = 0;
        if (!ctx.spend_scan(string_length(operand))) return false;
        if (!to_number(operand, x)) return ctx.fail(kNaN);
        if (!step(accumulator, x, count)) return false;
        ++count;
        return true;
    });
}

bool finish(double result, Ctx& ctx, Value& out) {
    if (!std::isfinite(result)) return ctx.fail(kNaN);
    out.set(number_to_json(result));
    return true;
}

bool op_plus(const Node& node, Ctx& ctx, Value& out) {
    double sum = 0;  // "+": [] is 0
    std::size_t count = 0;
    if (!fold_numbers(node, ctx, sum, count, [](double& acc, double x, std::size_t) {
            acc += x;
            return true;
        }))
        return false;
    return finish(sum, ctx, out);
}

bool op_times(const Node& node, Ctx& ctx, Value& out) {
    double product = 1;  // "*": [] is 1 (multiply.json)
    std::size_t count = 0;
    if (!fold_numbers(node, ctx, product, count, [](double& acc, double x, std::size_t) {
            acc *= x;
            return true;
        }))
        return false;
    return finish(product, ctx, out);
}

bool op_minus(const Node& node, Ctx& ctx, Value& out) {
    double result = 0;
    std::size_t count = 0;
    if (!fold_numbers(node, ctx, result, count, [](double& acc, double x, std::size_t i) {
            acc = i == 0 ? x : acc - x;
            return true;
        }))
        return false;
    if (count == 0) return ctx.fail(kInvalidArguments);  // minus.json "Minus with zero operands is an error"
    return finish(count == 1 ? -result : result, ctx, out);
}

// "/" and "%": the first operand, then each next one divides it through `divide`; a zero divisor fails with NaN.
template <typename Divide>
bool fold_divisions(const Node& node, Ctx& ctx, double& result, std::size_t& count, Divide&& divide) {
    return fold_numbers(node, ctx, result, count, [&ctx, &divide](double& acc, double x, std::size_t i) {
        if (i == 0) {
            acc = x;
            return true;
        }
        if (x == 0) return ctx.fail(kNaN);
        acc = divide(acc, x);
        return true;
    });
}

bool op_divide(const Node& node, Ctx& ctx, Value& out) {
    double result = 0;
    std::size_t count = 0;
    if (!fold_divisions(node, ctx, result, count, [](double a, double b) { return a / b; })) return false;
    if (count == 0) return ctx.fail(kInvalidArguments);
    if (count == 1) {  // "/": 2 is 0.5: one operand is its reciprocal
        if (result == 0) return ctx.fail(kNaN);
        result = 1 / result;
    }
    return finish(result, ctx, out);
}

bool op_modulo(const Node& node, Ctx& ctx, Value& out) {
    double result = 0;
    std::size_t count = 0;
    // std::fmod keeps the sign of the dividend, as JavaScript does: %(-8, 3) is -2.
    if (!fold_divisions(node, ctx, result, count, [](double a, double b) { return std::fmod(a, b); })) return false;
    if (count < 2) return ctx.fail(kInvalidArguments);  // modulo.json: one operand is an error
    return finish(result, ctx, out);
}

template <bool kMax>
bool op_extreme(const Node& node, Ctx& ctx, Value& out) {
    double result = 0;
    std::size_t count = 0;
    if (!fold_numbers(node, ctx, result, count, [](double& acc, double x, std::size_t i) {
            if (i == 0 || (kMax ? x > acc : x < acc)) acc = x;
            return true;
        }))
        return false;
    if (count == 0) {  // nothing to compare: no maximum
        out.set(nullptr);
        return true;
    }
    return finish(result, ctx, out);
}

constexpr OperatorEntry kOperators[] = {
    {"+", op_plus, OperatorKind::plain},          {"-", op_minus, OperatorKind::plain},
    {"*", op_times, OperatorKind::plain},         {"/", op_divide, OperatorKind::plain},
    {"%", op_modulo, OperatorKind::plain},        {"max", op_extreme<true>, OperatorKind::plain},
    {"min", op_extreme<false>, OperatorKind::plain},
};

}  // namespace

OperatorTable arithmetic_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
