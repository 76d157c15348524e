#include "coercion.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "numbers/decimal.h"

namespace rootcheck::jsonlogic::detail {
namespace {

bool is_js_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Number(string) for JavaScript's decimal literal grammar: sign, digits with an optional point (at least one digit),
// optional exponent, and white space around. "" is 0 (plus.json "Addition with Multiple Value Types"). Hex,
// "Infinity" and words have no number: none of them is a sensible answer value.
bool string_to_number(const std::string& s, double& out) {
    std::size_t i = 0;
    std::size_t end = s.size();
    while (i < end && is_js_space(s[i])) ++i;
    while (end > i && is_js_space(s[end - 1])) --end;
    if (i == end) {
        out = 0;
        return true;
    }
    const bool negative = s[i] == '-';
    if (s[i] == '+' || s[i] == '-') ++i;
    std::string digits;  // integer and fraction digits, the point left out
    std::int64_t exponent = 0;
    for (; i < end && is_digit(s[i]); ++i) digits += s[i];
    if (i < end && s[i] == '.') {
        for (++i; i < end && is_digit(s[i]); ++i, --exponent) digits += s[i];
    }
    if (digits.empty()) return false;
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        const bool negative_exponent = i < end && s[i] == '-';
        if (i < end && (s[i] == '+' || s[i] == '-')) ++i;
        if (i == end || !is_digit(s[i])) return false;
        std::int64_t written = 0;
        for (; i < end && is_digit(s[i]); ++i) written = std::min(written * 10 + (s[i] - '0'), numbers::kExponentLimit);
        exponent += negative_exponent ? -written : written;
    }
    if (i != end) return false;
    const double magnitude = numbers::decimal_to_double(digits, exponent);
    out = negative ? -magnitude : magnitude;
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
    const numbers::Decimal decimal = numbers::shortest_decimal(value);  // value = 0.digits x 10^n
    const std::string& digits = decimal.digits;
    const int k = static_cast<int>(digits.size());
    const int n = decimal.point;
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
    // Most values are flat (a list of region ids): settle those without allocating.
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
