// Strings: cat, substr, in.
#include <cmath>
#include <string>
#include <vector>

#include "coercion.h"
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// Strings are joined from values of bounded depth only (arrays print recursively).
bool append_bounded(const json& value, Ctx& ctx, std::string& out) {
    if (value.is_structured() && !within_depth(value, kMaxValueDepth)) return ctx.fail(kInvalidArguments);
    append_js_string(value, out);
    return true;
}

// cat joins the JavaScript strings of its operands; null adds nothing (cat.json "Cat with null values").
bool op_cat(const Node& node, Ctx& ctx, Value& out) {
    std::string result;
    if (!for_each_operand(node, ctx, [&](const json& operand) { return append_bounded(operand, ctx, result); }))
        return false;
    out.set(std::move(result));
    return true;
}

// Byte offsets of each UTF-8 code point, plus the end, so substr never splits a character.
std::vector<std::size_t> code_point_offsets(const std::string& s) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offsets.push_back(i);
    offsets.push_back(s.size());
    return offsets;
}

// substr: [string, start, length?] as JavaScript's substr, with a negative length counting back from the end
// (substr.json "Substr with negative length from end"). Non-strings are printed first ("substr": [42, 0, 1] is "4").
bool op_substr(const Node& node, Ctx& ctx, Value& out) {
    std::vector<Value> operands;
    operands.reserve(3);
    if (!for_each_operand(node, ctx, [&](const json& operand) {
            Value copy;
            json owned;
            if (!copy_bounded(operand, ctx, owned)) return false;
            copy.set(std::move(owned));
            operands.push_back(std::move(copy));
            return true;
        }))
        return false;
    if (operands.empty()) return ctx.fail(kInvalidArguments);
    std::string text;
    if (!append_bounded(operands[0].get(), ctx, text)) return false;
    const std::vector<std::size_t> offsets = code_point_offsets(text);
    const double length = static_cast<double>(offsets.size() - 1);
    double start = 0;
    if (operands.size() > 1 && !to_number(operands[1].get(), start)) return ctx.fail(kNaN);
    start = std::trunc(start);
    start = start < 0 ? std::fmax(0.0, length + start) : std::fmin(start, length);
    double end = length;
    if (operands.size() > 2) {
        double count = 0;
        if (!to_number(operands[2].get(), count)) return ctx.fail(kNaN);
        count = std::trunc(count);
        end = count < 0 ? std::fmax(start, length + count) : std::fmin(length, start + count);
    }
    const std::size_t from = offsets[static_cast<std::size_t>(start)];
    const std::size_t to = offsets[static_cast<std::size_t>(end)];
    out.set(text.substr(from, to - from));
    return true;
}

// in: [needle, haystack]. A string haystack is searched for the needle's string (in.json "finds substring"); an
// array haystack for an element strictly equal to the needle; anything else contains nothing.
bool op_in(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array || node.args.size() < 2) return ctx.fail(kInvalidArguments);
    Value needle;
    Value haystack;
    if (!eval(node.args[0], ctx, needle) || !eval(node.args[1], ctx, haystack)) return false;
    const json& where = haystack.get();
    const json& what = needle.get();
    if (where.is_string()) {
        const std::string& haystack = where.get_ref<const std::string&>();
        if (what.is_string()) {  // the usual case ("in": ["left_", ...]): no copy of the needle
            out.set(haystack.find(what.get_ref<const std::string&>()) != std::string::npos);
            return true;
        }
        if (what.is_null()) {  // indexOf(null) looks for "null" in JavaScript (cat's null is "", per the suites)
            out.set(haystack.find("null") != std::string::npos);
            return true;
        }
        std::string text;
        if (!append_bounded(what, ctx, text)) return false;
        out.set(haystack.find(text) != std::string::npos);
        return true;
    }
    if (where.is_array()) {
        // Comparing recurses no deeper than the needle, so only a structured needle needs bounding.
        if (!within_depth(what, kMaxValueDepth)) return ctx.fail(kInvalidArguments);
        for (const json& element : where) {
            if (element == what) {
                out.set(true);
                return true;
            }
        }
    }
    out.set(false);
    return true;
}

constexpr OperatorEntry kOperators[] = {
    {"cat", op_cat, OperatorKind::plain},
    {"substr", op_substr, OperatorKind::plain},
    {"in", op_in, OperatorKind::plain},
};

}  // namespace

OperatorTable string_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
