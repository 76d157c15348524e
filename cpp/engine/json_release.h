// Freeing shallow JSON documents quickly. nlohmann's destructor moves the members of every non-empty array and object
// onto a heap-allocated stack before freeing them (so that a deep document cannot overflow the call stack); for the
// engine's per-call documents (the condition data: answers, facts, derived values) that allocating and moving was
// about a twentieth of an assessment. release_shallow() empties a document depth-first itself, so nlohmann is left
// only empty containers and scalars to free, and leaves anything nested deeper than a bound to nlohmann as before.
#pragma once

#include <nlohmann/json.hpp>

namespace rootcheck {

// Empties `value` (it ends up an empty container or unchanged scalar), recursing at most kReleaseDepth levels; members
// nested deeper are freed by nlohmann's destructor when their parent is cleared.
void release_shallow(nlohmann::json& value);

inline constexpr int kReleaseDepth = 32;

}  // namespace rootcheck
