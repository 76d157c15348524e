// numbers/decimal.h against the C library it replaces: strtod for decimal_to_double, printf("%.*e") plus strtod for
// shortest_decimal. The C library is the oracle here (glibc natively, musl in the WebAssembly suite); the engine
// itself no longer links either.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "numbers/decimal.h"

namespace {

using rootcheck::numbers::Decimal;
using rootcheck::numbers::decimal_to_double;
using rootcheck::numbers::shortest_decimal;

std::uint64_t bits_of(double value) {
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

double from_bits(std::uint64_t bits) {
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// A non-negative decimal in C syntax ("12.5e-3", "7") split into its digits and the power of ten they carry.
double read_with_decimal_to_double(const std::string& text) {
    std::string digits;
    std::int64_t exponent = 0;
    std::size_t i = 0;
    bool after_point = false;
    for (; i < text.size() && text[i] != 'e'; ++i) {
        if (text[i] == '.') {
            after_point = true;
            continue;
        }
        digits += text[i];
        if (after_point) --exponent;
    }
    if (i < text.size()) exponent += std::atoll(text.c_str() + i + 1);
    return decimal_to_double(digits, exponent);
}

// Counts the texts that read differently from strtod, and keeps the first for the failure message.
struct Comparison {
    int checked = 0;
    int different = 0;
    std::string first_difference;

    void check(const std::string& text) {
        ++checked;
        const double mine = read_with_decimal_to_double(text);
        const double expected = std::strtod(text.c_str(), nullptr);
        if (bits_of(mine) == bits_of(expected)) return;
        if (different++ == 0) {
            char line[160];
            std::snprintf(line, sizeof line, " reads as %.17g (bits %016llx), strtod gives %.17g (bits %016llx)", mine,
                          static_cast<unsigned long long>(bits_of(mine)), expected,
                          static_cast<unsigned long long>(bits_of(expected)));
            first_difference = text.substr(0, 200) + line;
        }
    }
};

std::string printf_e(double value, int precision) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", precision, value);
    return text;
}

// The exact decimal of the point halfway between `low` and the next double up (a long double holds it exactly).
std::string midpoint_text(double low) {
    const double high = std::nextafter(low, std::numeric_limits<double>::infinity());
    const long double midpoint = (static_cast<long double>(low) + static_cast<long double>(high)) / 2;
    std::string text(1200, '\0');
    text.resize(static_cast<std::size_t>(std::snprintf(&text[0], text.size(), "%.1100Le", midpoint)));
    return text;
}

// Random positive finite doubles, every exponent equally likely (subnormals included).
double random_double(std::mt19937_64& random) {
    for (;;) {
        const double value = from_bits(random() & ~(std::uint64_t{1} << 63));
        if (std::isfinite(value) && value != 0) return value;
    }
}

TEST(NumbersDecimalToDouble, KnownValues) {
    EXPECT_EQ(decimal_to_double("", 0), 0.0);
    EXPECT_EQ(decimal_to_double("000", 5), 0.0);
    EXPECT_EQ(decimal_to_double("0", -400), 0.0);
    EXPECT_EQ(decimal_to_double("15", -1), 1.5);
    EXPECT_EQ(decimal_to_double("0003", 0), 3.0);
    EXPECT_EQ(decimal_to_double("1", 23), 1e23);  // not exact, beyond the fast path
    EXPECT_EQ(decimal_to_double("1", -400), 0.0);
    EXPECT_EQ(decimal_to_double("1", 400), std::numeric_limits<double>::infinity());
    EXPECT_EQ(decimal_to_double("1", rootcheck::numbers::kExponentLimit), std::numeric_limits<double>::infinity());
    EXPECT_EQ(decimal_to_double("1", -rootcheck::numbers::kExponentLimit), 0.0);
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: ties go to the even one. 2^53 + 3 goes up, to 2^53 + 4.
    EXPECT_EQ(decimal_to_double("9007199254740993", 0), 9007199254740992.0);
    EXPECT_EQ(decimal_to_double("9007199254740995", 0), 9007199254740996.0);
    EXPECT_EQ(decimal_to_double("90071992547409930000000001", -10), 9007199254740994.0);
    // An integer midpoint: 2^100 + 2^47 lies halfway between 2^100 and the next double, 2^100 + 2^48. One more or
    // one less decides, though that 1 lies far below the 64 bits the rounding starts from.
    EXPECT_EQ(decimal_to_double("1267650600228229542234191560704", 0), 0x1p100);
    EXPECT_EQ(decimal_to_double("1267650600228229542234191560705", 0), 0x1.0000000000001p100);
    EXPECT_EQ(decimal_to_double("1267650600228229542234191560703", 0), 0x1p100);
    // The largest double, and where rounding reaches infinity.
    EXPECT_EQ(decimal_to_double("17976931348623158", 292), DBL_MAX);
    EXPECT_EQ(decimal_to_double("17976931348623159", 292), std::numeric_limits<double>::infinity());
    // The smallest subnormal 2^-1074 (4.94e-324) and half of it (2.47e-324), which ties to 0.
    EXPECT_EQ(decimal_to_double("5", -324), from_bits(1));
    EXPECT_EQ(decimal_to_double("24703282292062328", -340), from_bits(1));
    EXPECT_EQ(decimal_to_double("24703282292062327", -340), 0.0);
    EXPECT_EQ(decimal_to_double("22250738585072014", -324), DBL_MIN);
}

TEST(NumbersDecimalToDouble, AgreesWithStrtodOnPrintedDoubles) {
    std::mt19937_64 random(2026);
    Comparison comparison;
    for (int i = 0; i < 20000; ++i) comparison.check(printf_e(random_double(random), i % 25));
    EXPECT_EQ(comparison.different, 0) << comparison.first_difference;
    EXPECT_EQ(comparison.checked, 20000);
}

// The hardest inputs: exact midpoints between neighbouring doubles, which must tie to even, and the same a hair
// above and below, which must not.
TEST(NumbersDecimalToDouble, AgreesWithStrtodAtMidpoints) {
    std::mt19937_64 random(1074);
    Comparison comparison;
    for (int i = 0; i < 1500; ++i) {
        double low = random_double(random);
        if (i % 3 == 0) low = from_bits(bits_of(low) & ((std::uint64_t{1} << 54) - 1));  // subnormal or near
        if (low == DBL_MAX) continue;
        const std::string midpoint = midpoint_text(low);
        const std::size_t e = midpoint.find('e');
        comparison.check(midpoint);
        comparison.check(midpoint.substr(0, e) + "000000001" + midpoint.substr(e));
        std::string below = midpoint.substr(0, e);
        const std::size_t last = below.find_last_not_of("0.");
        --below[last];
        comparison.check(below + "999999999" + midpoint.substr(e));
    }
    EXPECT_EQ(comparison.different, 0) << comparison.first_difference;
    EXPECT_GT(comparison.checked, 4400);
}

TEST(NumbersDecimalToDouble, AgreesWithStrtodOnRandomDigits) {
    std::mt19937_64 random(42);
    Comparison comparison;
    for (int i = 0; i < 20000; ++i) {
        // Mostly up to 40 digits; every 50th up to 1,000, beyond the 800 that are read exactly.
        const std::size_t length = 1 + random() % (i % 50 == 0 ? 1000 : 40);
        std::string text;
        for (std::size_t d = 0; d < length; ++d) text += static_cast<char>('0' + random() % 10);
        const long exponent = static_cast<long>(random() % 1400) - 1100;
        comparison.check(text + "e" + std::to_string(exponent));
    }
    // The largest integers the slow path builds (numbers/decimal.cpp, kMaxWords): 801 digits read, over 5^1124.
    for (const char* digit : {"1", "5", "9"}) {
        comparison.check(digit + std::string(900, '7') + "e-1224");
        comparison.check(digit + std::string(900, '9') + "e-1225");
        comparison.check(digit + std::string(900, '3') + "e-591");
    }
    EXPECT_EQ(comparison.different, 0) << comparison.first_difference;
}

// shortest_decimal as the engine computed it before, with the C library: the fewest digits of printf("%.*e") that
// strtod reads back.
Decimal shortest_with_printf(double value) {
    std::string text;
    for (int precision = 1; precision <= 17; ++precision) {
        text = printf_e(value, precision - 1);
        if (std::strtod(text.c_str(), nullptr) == value) break;
    }
    Decimal decimal;
    const std::size_t e = text.find('e');
    for (std::size_t i = 0; i < e; ++i) {
        if (text[i] != '.') decimal.digits += text[i];
    }
    decimal.digits.erase(decimal.digits.find_last_not_of('0') + 1);
    decimal.point = std::atoi(text.c_str() + e + 1) + 1;
    return decimal;
}

TEST(NumbersShortestDecimal, KnownValues) {
    const auto expect = [](double value, const std::string& digits, int point) {
        const Decimal decimal = shortest_decimal(value);
        EXPECT_EQ(decimal.digits, digits) << value;
        EXPECT_EQ(decimal.point, point) << value;
    };
    expect(1, "1", 1);
    expect(0.1, "1", 0);
    expect(0.1 + 0.2, "30000000000000004", 0);
    expect(123.456, "123456", 3);
    expect(1e21, "1", 22);
    expect(9007199254740993.0, "9007199254740992", 16);
    expect(DBL_MAX, "17976931348623157", 309);
    expect(DBL_MIN, "22250738585072014", -307);
    expect(from_bits(1), "5", -323);
}

TEST(NumbersShortestDecimal, AgreesWithPrintfAndStrtod) {
    std::mt19937_64 random(17);
    int different = 0;
    std::string first_difference;
    for (int i = 0; i < 4000; ++i) {
        // Random bits, and every other time a short decimal (the common case: 0.3, 2.5e-7).
        const double value = i % 2 == 0 ? random_double(random)
                                        : std::strtod(printf_e(random_double(random), i % 6).c_str(), nullptr);
        const Decimal mine = shortest_decimal(value);
        const Decimal expected = shortest_with_printf(value);
        if (mine.digits == expected.digits && mine.point == expected.point) continue;
        if (different++ == 0) {
            first_difference = printf_e(value, 17) + ": 0." + mine.digits + "e" + std::to_string(mine.point) +
                               " instead of 0." + expected.digits + "e" + std::to_string(expected.point);
        }
    }
    EXPECT_EQ(different, 0) << first_difference;
}

}  // namespace
