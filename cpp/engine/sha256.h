// SHA-256 (FIPS 180-4), small and dependency-free: it fingerprints the loaded rule set in every result.
#pragma once

#include <string>
#include <string_view>

namespace rootcheck {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace rootcheck
