// Exact conversions between decimal digits and doubles, written here instead of taken from the C library: in the
// WebAssembly module, musl's strtod and printf carry long-double (128-bit, emulated in software) scanning and
// formatting, 11.7 KB of the gzipped module for the few numbers that need them.
//
// Both functions are exact: every result is the one strtod and printf("%.*e") give (tests/cpp/numbers_decimal_test.cpp
// compares them). Numbers with few digits and small exponents take a fast path; the rest go through big-integer
// arithmetic, which is slow (microseconds) but rare: a rule set's weights and answers take the fast path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rootcheck::numbers {

// The double nearest to digits x 10^exponent, ties to even: what strtod returns for that number. `digits` holds only
// the characters '0'-'9' (empty or all zeros is 0). A value beyond the largest double is infinity, one below half the
// smallest subnormal is 0. |exponent| must stay within about kExponentLimit (below).
double decimal_to_double(std::string_view digits, std::int64_t exponent);

// Readers clamp a written exponent to this size: no text has that many digits, so the value is 0 or infinity either
// way, and the arithmetic on exponents cannot overflow.
constexpr std::int64_t kExponentLimit = 1'000'000'000'000'000;

// A positive double as 0.DIGITS x 10^point.
struct Decimal {
    std::string digits;  // first digit not 0, last digit not 0
    int point = 0;
};

// The shortest decimal that reads back as `value` (a positive, finite double): the value rounded to p significant
// digits (exactly, ties to even, as printf("%.*e", p - 1) rounds) for the smallest p in 1..17 that reads back.
// 0.1 gives {"1", 0}; 1e21 gives {"1", 22}; 5e-324 gives {"5", -323}.
Decimal shortest_decimal(double value);

}  // namespace rootcheck::numbers
