// JavaScript-like coercions as the conformance suites define them for JsonLogic: numbers from strings, strings from
// values, truthiness, loose/strict equality and ordering. Pure functions, no allocation unless a string is built.
#pragma once

#include <cstddef>
#include <string>

#include "jsonlogic.h"

namespace rootcheck::jsonlogic::detail {

// Number(value) as the suites use it: null -> 0, booleans -> 0/1, numeric strings (trimmed, "" -> 0, "1e2") -> the
// number. Arrays, objects and non-numeric strings have no number (false): the operators report "NaN" for them
// (plus.json "Addition with Array produces NaN").
bool to_number(const json& value, double& out);

// A finite double as JSON: integral values within 2^53 become integers so that results print as 3, not 3.0.
json number_to_json(double value);

// String(value) as JavaScript prints it (cat, substr, in): null -> "", true -> "true", 1.5 -> "1.5",
// arrays joined with ",", objects "[object Object]".
std::string to_js_string(const json& value);
void append_js_string(const json& value, std::string& out);

// True when `value` nests no deeper than `limit` levels; iterative, so safe on any input.
bool within_depth(const json& value, std::size_t limit);

// Results of a comparison that may fail the way the suites require ("==": [1, "A"] is a NaN error).
enum class Compared { yes, no, nan };

// "==": same-type values compare directly; otherwise both become numbers (null is 0: softEquals.json
// "== with (null, 0)" is true). Arrays and objects never compare ("== with [] and [1]" is NaN).
Compared loose_equals(const json& a, const json& b);

// "===": same JSON type (all numbers one type) and same value, deep for arrays and objects. Callers check depth.
bool strict_equals(const json& a, const json& b);

// "<" and friends: two strings compare as strings; otherwise both become numbers, and arrays, objects and
// non-numeric strings are a NaN error (greaterThan.json "> with (2023n, 2024-01-01s)").
enum class Order { less, equal, greater, nan };
Order order(const json& a, const json& b);

}  // namespace rootcheck::jsonlogic::detail
