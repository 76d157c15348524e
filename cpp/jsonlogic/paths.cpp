#include "paths.h"

#include <cmath>

#include "coercion.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// A path segment that indexes an array: digits only, as JavaScript's canonical array index, so "01" is not index 1
// (arr["01"] is undefined in JavaScript, and json-logic-js and json-logic-engine agree).
bool digit_string_index(const std::string& s, std::size_t& index) {
    if (s.empty() || s.size() > 15 || (s.size() > 1 && s[0] == '0')) return false;
    std::size_t value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    index = value;
    return true;
}

bool is_segment(const json& value) {
    return value.is_string() || value.is_number();
}

}  // namespace

const json* step_into(const json& container, const json& segment) {
    if (container.is_object()) {
        if (segment.is_string()) {
            const auto it = container.find(segment.get_ref<const std::string&>());
            return it == container.end() ? nullptr : &*it;
        }
        if (segment.is_number()) {
            const auto it = container.find(to_js_string(segment));
            return it == container.end() ? nullptr : &*it;
        }
        return nullptr;
    }
    if (container.is_array()) {
        std::size_t index = 0;
        if (segment.is_string()) {
            if (!digit_string_index(segment.get_ref<const std::string&>(), index)) return nullptr;
        } else if (segment.is_number()) {
            const double d = segment.get<double>();
            if (!(d >= 0) || std::floor(d) != d || d >= static_cast<double>(container.size())) return nullptr;
            index = static_cast<std::size_t>(d);
        } else {
            return nullptr;
        }
        return index < container.size() ? &container[index] : nullptr;
    }
    return nullptr;
}

const json* follow(const json& base, const std::vector<json>& segments) {
    const json* current = &base;
    for (const json& segment : segments) {
        current = step_into(*current, segment);
        if (current == nullptr) return nullptr;
    }
    return current;
}

bool var_segments(const json& path, std::vector<json>& out) {
    out.clear();
    if (path.is_null()) return true;
    if (path.is_number()) {
        out.push_back(path);
        return true;
    }
    if (!path.is_string()) return false;
    const std::string& s = path.get_ref<const std::string&>();
    if (s.empty()) return true;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = s.find('.', start);
        out.emplace_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

bool val_segments(const json& operand, std::size_t& scope_level, std::vector<json>& out) {
    out.clear();
    scope_level = 0;
    if (operand.is_null()) return true;
    if (is_segment(operand)) {
        out.push_back(operand);
        return true;
    }
    if (!operand.is_array()) return false;
    std::size_t first = 0;
    if (!operand.empty() && operand[0].is_array()) {
        const json& climb = operand[0];
        if (climb.size() != 1 || !climb[0].is_number()) return false;
        // val.extra.json climbs with negative levels ([-2] from a map reaches the data), scopes.json with positive.
        const double level = std::fabs(climb[0].get<double>());
        if (std::floor(level) != level || level > 1e6) return false;
        scope_level = static_cast<std::size_t>(level);
        first = 1;
    }
    for (std::size_t i = first; i < operand.size(); ++i) {
        if (!is_segment(operand[i])) return false;
        out.push_back(operand[i]);
    }
    return true;
}

std::vector<std::string> segment_strings(const std::vector<json>& segments) {
    std::vector<std::string> out;
    out.reserve(segments.size());
    for (const json& segment : segments) {
        // Almost every segment is a string: copied as it is, without the general conversion (numbers, arrays, ...).
        out.push_back(segment.is_string() ? segment.get_ref<const std::string&>() : to_js_string(segment));
    }
    return out;
}

}  // namespace rootcheck::jsonlogic::detail
