#include "coercion.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace rootcheck::jsonlogic::detail {
namespace {

bool is_js_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Decimal literal grammar of JavaScript's Number(string): sign, digits with an optional point (at least one digit),
// optional exponent. Hex, "Infinity" and words are refused: none of them is a sensible answer value.
bool is_decimal_literal(const std::string& s, std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    if (i < end && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < end && is_digit(s[i])) ++i, ++digits;
    if (i < end && s[i] == '.') {
        ++i;
        while (i < end && is_digit(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < end && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        while (i < end && is_digit(s[i])) ++i, ++exponent_digits;
        if (exponent_digits == 0) return false;
    }
    return i == end;
}

bool string_to_number(const std::string& s, double& out) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && is_js_space(s[begin])) ++begin;
    while (end > begin && is_js_space(s[end - 1])) --end;
    if (begin == end) {  // Number("") is 0 (plus.json "Addition with Multiple Value Types")
        out = 0;
        return true;
    }
    if (!is_decimal_literal(s, begin, end)) return false;
    const std::string literal = s.substr(begin, end - begin);
    out = std::strtod(literal.c_str(), nullptr);
    return std::isfinite(out);
}

// Number.prototype.toString for finite doubles: the shortest digits that round-trip, laid out per ECMA-262.
void append_number(double value, std::string& out) {
    if (value == 0) {  // also -0, which JavaScript prints as "0"
        out += '0';
        return;
    }
    if (value < 0) {
        out += '-';
        value = -value;
    }
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    // buffer is "d.ddde±xx": collect the digits and the exponent.
    std::string digits;
    const char* p = buffer;
    for (; *p != 'e'; ++p)
        if (is_digit(*p)) digits += *p;
    const int exponent = std::atoi(p + 1);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;  // value = 0.digits * 10^n
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n), std::string::npos);
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(n - 1 >= 0 ? n - 1 : 1 - n);
    }
}

}  // namespace

bool to_number(const json& value, double& out) {
    switch (value.type()) {
        case json::value_t::null:
            out = 0;
            return true;
        case json::value_t::boolean:
            out = value.get<bool>() ? 1 : 0;
            return true;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            out = value.get<double>();
            return std::isfinite(out);
        case json::value_t::string:
            return string_to_number(value.get_ref<const std::string&>(), out);
        default:
            return false;
    }
}

json number_to_json(double value) {
    constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53
    if (std::floor(value) == value && std::fabs(value) <= kMaxExactInteger)
        return json(static_cast<std::int64_t>(value));
    return json(value);
}

void append_js_string(const json& value, std::string& out) {
    switch (value.type()) {
        case json::value_t::null:
            return;
        case json::value_t::boolean:
            out += value.get<bool>() ? "true" : "false";
            return;
        case json::value_t::number_integer:
            out += std::to_string(value.get<std::int64_t>());
            return;
        case json::value_t::number_unsigned:
            out += std::to_string(value.get<std::uint64_t>());
            return;
        case json::value_t::number_float:
            append_number(value.get<double>(), out);
            return;
        case json::value_t::string:
            out += value.get_ref<const std::string&>();
            return;
        case json::value_t::array: {
            // Array.prototype.join(","): nested arrays flatten the same way. Callers bound the depth.
            bool first = true;
            for (const json& element : value) {
                if (!first) out += ',';
                first = false;
                append_js_string(element, out);
            }
            return;
        }
        default:
            out += "[object Object]";
            return;
    }
}

std::string to_js_string(const json& value) {
    std::string out;
    append_js_string(value, out);
    return out;
}

bool within_depth(const json& value, std::size_t limit) {
    if (!value.is_structured()) return true;
    if (limit == 0) return false;
    // Most values are flat (a list of region ids): settle those without allocating, since `in` checks its
    // haystack on every evaluation.
    bool flat = true;
    for (const json& child : value) {
        if (child.is_structured()) {
            flat = false;
            break;
        }
    }
    if (flat) return true;
    std::vector<std::pair<const json*, std::size_t>> pending{{&value, 1}};
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        if (depth > limit) return false;
        for (const json& child : *node)
            if (child.is_structured()) pending.emplace_back(&child, depth + 1);
    }
    return true;
}

Compared loose_equals(const json& a, const json& b) {
    if (a.is_structured() || b.is_structured()) return Compared::nan;
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>() ? Compared::yes : Compared::no;
    if (a.type() == b.type()) return a == b ? Compared::yes : Compared::no;
    // A missing answer (null) compared with a word: JavaScript says false, and rules compare optional answers with
    // words all the time. The suites only pin null against numbers and booleans (null counts as 0 there).
    if ((a.is_null() && b.is_string()) || (a.is_string() && b.is_null())) return Compared::no;
    double x = 0;
    double y = 0;
    if (!to_number(a, x) || !to_number(b, y)) return Compared::nan;
    return x == y ? Compared::yes : Compared::no;
}

bool strict_equals(const json& a, const json& b) {
    // nlohmann compares integers and floats by value and different kinds (1 vs true) as unequal, as "===" needs.
    return a == b;
}

Order order(const json& a, const json& b) {
    if (a.is_string() && b.is_string()) {
        const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
        return c < 0 ? Order::less : c > 0 ? Order::greater : Order::equal;
    }
    double x = 0;
    double y = 0;
    if (!to_number(a, x) || !to_number(b, y)) return Order::nan;
    return x < y ? Order::less : x > y ? Order::greater : Order::equal;
}

}  // namespace rootcheck::jsonlogic::detail

namespace rootcheck::jsonlogic {

bool truthy(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return false;
        case json::value_t::boolean:
            return value.get<bool>();
        case json::value_t::number_integer:
            return value.get<std::int64_t>() != 0;
        case json::value_t::number_unsigned:
            return value.get<std::uint64_t>() != 0;
        case json::value_t::number_float: {
            const double d = value.get<double>();
            return d != 0 && !std::isnan(d);
        }
        case json::value_t::string:
            return !value.get_ref<const std::string&>().empty();
        case json::value_t::array:
            return !value.empty();
        default:
            return true;  // objects, even {} (if.json "Objects are always truthy, even without keys")
    }
}

}  // namespace rootcheck::jsonlogic
