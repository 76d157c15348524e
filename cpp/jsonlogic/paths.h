// Data paths for var, val, exists and missing: turning an operand into path segments and following them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "jsonlogic.h"

namespace rootcheck::jsonlogic::detail {

// One step into a container: an object key, or an array index given as a number or a digit string
// (val-compat.json {"val": "1"} on an array). nullptr when absent.
const json* step_into(const json& container, const json& segment);

// Follows `segments` from `base`; nullptr when any step is absent.
const json* follow(const json& base, const std::vector<json>& segments);

// Classic var path: "a.b" splits on dots; a number is one index; "" and null mean the whole data.
// False for operands that are no path (booleans, objects).
bool var_segments(const json& path, std::vector<json>& out);

// val / exists operand: a string or number is one segment (no dot splitting: val.json {"val": "."}); an array is
// the segments, optionally led by [n] to climb n scope levels (scopes.json); null is the whole data.
// False for operands that are no path.
bool val_segments(const json& operand, std::size_t& scope_level, std::vector<json>& out);

// The segments as strings, for referenced_paths().
std::vector<std::string> segment_strings(const std::vector<json>& segments);

}  // namespace rootcheck::jsonlogic::detail
