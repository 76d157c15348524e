// Strings: cat, substr, in.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "coercion.h"
#include "internal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// Appends String(value), paid for first: a string its length (in bytes, and in steps for copying it); an array or
// object its measure, which is at least the length of its text (no number prints longer than kValueBytes) and
// refuses values nested too deep (arrays print recursively); a number or boolean its text, once printed.
bool append_bounded(const json& value, Ctx& ctx, std::string& out) {
    if (value.is_string()) {
        const std::size_t length = string_length(value);
        if (!ctx.spend_bytes(length) || !ctx.spend_scan(length)) return false;
    } else if (value.is_structured()) {
        Measure size;
        if (!measure(value, ctx, size) || !ctx.spend_bytes(size.bytes)) return false;
    }
    const std::size_t before = out.size();
    append_js_string(value, out);
    return value.is_string() || value.is_structured() || ctx.spend_bytes(out.size() - before);
}

// cat joins the JavaScript strings of its operands; null adds nothing (cat.json "Cat with null values").
bool op_cat(const Node& node, Ctx& ctx, Value& out) {
    std::string result;
    if (!for_each_operand(node, ctx, [&](const json& operand) { return append_bounded(operand, ctx, result); }))
        return false;
    out.set(std::move(result));
    return true;
}

bool starts_code_point(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// The number of UTF-8 code points in `s`.
std::size_t code_points(const std::string& s) {
    std::size_t count = 0;
    for (char c : s) count += starts_code_point(c) ? 1 : 0;
    return count;
}

// The byte offset where code point `index` of `s` starts (s.size() past the last), so substr never splits a
// character.
std::size_t code_point_offset(const std::string& s, std::size_t index) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!starts_code_point(s[i])) continue;
        if (index == 0) return i;
        --index;
    }
    return s.size();
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
    if (!append_bounded(operands[0].get(), ctx, text) || !ctx.spend_scan(3 * text.size())) return false;
    const double length = static_cast<double>(code_points(text));
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
    const std::size_t from = code_point_offset(text, static_cast<std::size_t>(start));
    const std::size_t to = code_point_offset(text, static_cast<std::size_t>(end));
    if (!ctx.spend_bytes(to - from)) return false;
    out.set(text.substr(from, to - from));
    return true;
}

// A naive substring search compares up to (haystack - needle + 1) x needle bytes: paid for before searching.
bool spend_search(const std::string& haystack, std::size_t needle, Ctx& ctx) {
    if (needle == 0 || needle > haystack.size()) return true;
    const std::size_t starts = haystack.size() - needle + 1;
    if (starts > std::numeric_limits<std::size_t>::max() / needle) return ctx.exhausted();
    return ctx.spend_scan(starts * needle);
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
            const std::string& needle = what.get_ref<const std::string&>();
            if (!spend_search(haystack, needle.size(), ctx)) return false;
            out.set(haystack.find(needle) != std::string::npos);
            return true;
        }
        if (what.is_null()) {  // indexOf(null) looks for "null" in JavaScript (cat's null is "", per the suites)
            if (!spend_search(haystack, 4, ctx)) return false;
            out.set(haystack.find("null") != std::string::npos);
            return true;
        }
        std::string text;
        if (!append_bounded(what, ctx, text) || !spend_search(haystack, text.size(), ctx)) return false;
        out.set(haystack.find(text) != std::string::npos);
        return true;
    }
    if (where.is_array()) {
        // Each comparison reads at most the needle, which is measured once (refusing one nested too deep: comparing
        // recurses no deeper than the needle).
        std::size_t each = 1;
        if (what.is_structured()) {
            Measure needle;
            if (!measure(what, ctx, needle)) return false;
            each = needle.steps;
        } else if (what.is_string()) {
            each += string_length(what) / kScanBytesPerStep;
        }
        if (!ctx.spend_steps(where.size(), each)) return false;
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
