#include "decimal.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace rootcheck::numbers {
namespace {

// The largest integer the slow paths build, in 32-bit words. The bounds: at most 801 digits are read (below 2^2661);
// the divisor 5^k is below 2^2612 (k <= 1125, since values under 10^-325 are 0 without it); the long division shifts
// one of them to 63 bits beyond the other (below 2^2675); a double's exact digits need at most 2^53 x 5^1074 (below
// 2^2547). 96 words hold 3,072 bits.
constexpr std::size_t kMaxWords = 96;

// An unsigned integer for the exact slow paths: 32-bit words, least significant first, with no zero word at the
// top (0 has none). Fixed storage: these numbers are short-lived and bounded (kMaxWords).
class BigInteger {
public:
    explicit BigInteger(std::uint64_t value) {
        for (; value != 0; value >>= 32) words_[size_++] = static_cast<std::uint32_t>(value);
    }

    // The integer that `digits` ('0'-'9' only) write in decimal.
    static BigInteger from_decimal(std::string_view digits) {
        BigInteger result(0);
        while (!digits.empty()) {
            const std::size_t length = digits.size() < 9 ? digits.size() : 9;
            std::uint32_t chunk = 0;
            std::uint32_t scale = 1;
            for (std::size_t i = 0; i < length; ++i) {
                chunk = chunk * 10 + static_cast<std::uint32_t>(digits[i] - '0');
                scale *= 10;
            }
            result.multiply_add(scale, chunk);
            digits.remove_prefix(length);
        }
        return result;
    }

    bool is_zero() const { return size_ == 0; }

    int bit_length() const {
        if (size_ == 0) return 0;
        return 32 * static_cast<int>(size_ - 1) + 32 - __builtin_clz(words_[size_ - 1]);
    }

    // *this = *this * factor + addend, for a factor that is not 0.
    void multiply_add(std::uint32_t factor, std::uint32_t addend) {
        std::uint64_t carry = addend;
        for (std::size_t i = 0; i < size_; ++i) {
            const std::uint64_t product = std::uint64_t{words_[i]} * factor + carry;
            words_[i] = static_cast<std::uint32_t>(product);
            carry = product >> 32;
        }
        if (carry != 0) words_[size_++] = static_cast<std::uint32_t>(carry);
    }

    void multiply_by_power_of_5(unsigned exponent) {
        static constexpr std::uint32_t kPowersOf5[] = {1,       5,        25,        125,        625,
                                                       3125,    15625,    78125,     390625,     1953125,
                                                       9765625, 48828125, 244140625, 1220703125};  // up to 5^13 < 2^32
        for (; exponent >= 13; exponent -= 13) multiply_add(kPowersOf5[13], 0);
        if (exponent != 0) multiply_add(kPowersOf5[exponent], 0);
    }

    void shift_left(unsigned bits) {
        if (size_ == 0) return;
        const std::size_t whole_words = bits / 32;
        const unsigned within_word = bits % 32;
        // From the top down, so that no word is overwritten before it is read.
        std::uint32_t spill = 0;
        if (within_word != 0) spill = words_[size_ - 1] >> (32 - within_word);
        for (std::size_t i = size_; i-- > 0;) {
            const std::uint32_t lower = within_word != 0 && i > 0 ? words_[i - 1] >> (32 - within_word) : 0;
            words_[i + whole_words] = (words_[i] << within_word) | lower;
        }
        for (std::size_t i = 0; i < whole_words; ++i) words_[i] = 0;
        size_ += whole_words;
        if (spill != 0) words_[size_++] = spill;
    }

    void shift_right_by_one() {
        for (std::size_t i = 0; i < size_; ++i) words_[i] = (words_[i] >> 1) | (word(i + 1) << 31);
        trim();
    }

    // *this -= other, where other <= *this.
    void subtract(const BigInteger& other) {
        std::uint64_t borrow = 0;
        for (std::size_t i = 0; i < size_; ++i) {
            const std::uint64_t taken = std::uint64_t{other.word(i)} + borrow;
            borrow = words_[i] < taken ? 1 : 0;
            words_[i] = static_cast<std::uint32_t>(words_[i] - taken);
        }
        trim();
    }

    // Divides by `divisor` (not 0) and returns the remainder.
    std::uint32_t divide(std::uint32_t divisor) {
        std::uint64_t remainder = 0;
        for (std::size_t i = size_; i-- > 0;) {
            const std::uint64_t current = (remainder << 32) | words_[i];
            words_[i] = static_cast<std::uint32_t>(current / divisor);
            remainder = current % divisor;
        }
        trim();
        return static_cast<std::uint32_t>(remainder);
    }

    // The highest 64 bits, shifted so that bit 63 is the integer's top bit (not 0), and whether any bit below them
    // is set.
    std::uint64_t top_64_bits(bool& lower_bits_set) const {
        const int length = bit_length();
        if (length <= 64) {
            lower_bits_set = false;
            const std::uint64_t value = word(0) | (std::uint64_t{word(1)} << 32);
            return value << (64 - length);
        }
        const auto below = static_cast<unsigned>(length - 64);
        const std::size_t first = below / 32;
        const unsigned within_word = below % 32;
        const std::uint64_t low = word(first) | (std::uint64_t{word(first + 1)} << 32);
        const std::uint64_t top = within_word == 0 ? low
                                                   : (low >> within_word) |
                                                         (std::uint64_t{word(first + 2)} << (64 - within_word));
        lower_bits_set = within_word != 0 && (word(first) & ((std::uint32_t{1} << within_word) - 1)) != 0;
        for (std::size_t i = 0; i < first && !lower_bits_set; ++i) lower_bits_set = words_[i] != 0;
        return top;
    }

    // Decimal digits, most significant first ("0" for 0).
    std::string to_decimal() const {
        BigInteger rest = *this;
        std::string reversed;
        do {
            std::uint32_t chunk = rest.divide(1000000000);
            for (int i = 0; i < 9 && (chunk != 0 || !rest.is_zero()); ++i, chunk /= 10)
                reversed += static_cast<char>('0' + chunk % 10);
        } while (!rest.is_zero());
        if (reversed.empty()) reversed = "0";
        return std::string(reversed.rbegin(), reversed.rend());
    }

    friend int compare(const BigInteger& a, const BigInteger& b) {
        if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
        for (std::size_t i = a.size_; i-- > 0;) {
            if (a.words_[i] != b.words_[i]) return a.words_[i] < b.words_[i] ? -1 : 1;
        }
        return 0;
    }

private:
    std::uint32_t word(std::size_t i) const { return i < size_ ? words_[i] : 0; }
    void trim() {
        while (size_ != 0 && words_[size_ - 1] == 0) --size_;
    }

    std::size_t size_ = 0;  // first, so that a write past words_ would leave the object (sanitizer builds see it)
    std::uint32_t words_[kMaxWords] = {};
};

double from_bits(std::uint64_t bits) {
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// The double nearest to (significand + f) x 2^exponent, ties to even, where significand has bit 63 set and the
// fraction f in [0, 1) is known only as 0 or not (`inexact`). Gives subnormals, 0 and infinity where they are due.
double round_to_double(std::uint64_t significand, long exponent, bool inexact) {
    // The double's biased exponent if the result is normal: the value lies in [2^(63 + exponent), 2^(64 + exponent)).
    const long biased = 63 + exponent + 1023;
    if (biased >= 2047) return std::numeric_limits<double>::infinity();
    // A normal double keeps the top 53 bits; a subnormal fewer, down to none.
    const long dropped_bits = biased >= 1 ? 11 : 12 - biased;
    if (dropped_bits > 64) return 0;  // below 2^-1075, half the smallest subnormal
    std::uint64_t kept = 0;
    std::uint64_t dropped = significand;
    std::uint64_t half = std::uint64_t{1} << 63;
    if (dropped_bits < 64) {
        kept = significand >> dropped_bits;
        dropped = significand & ((std::uint64_t{1} << dropped_bits) - 1);
        half = std::uint64_t{1} << (dropped_bits - 1);
    }
    if (dropped > half || (dropped == half && (inexact || (kept & 1) != 0))) ++kept;
    // A normal `kept` holds the implicit bit 52, so adding it to (biased - 1) << 52 gives the exponent field. A
    // rounding carry (2^53, or 2^52 from a subnormal) moves into the exponent field, up to infinity's, as it should.
    const std::uint64_t exponent_field = biased >= 1 ? static_cast<std::uint64_t>(biased - 1) << 52 : 0;
    return from_bits(exponent_field + kept);
}

// Every boundary between two roundings (a double, or the midpoint of two neighbours) has at most 768 significant
// digits, so digits beyond the 800th matter only as "something non-zero follows".
constexpr std::size_t kSignificantDigits = 800;

}  // namespace

double decimal_to_double(std::string_view digits, std::int64_t exponent) {
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string_view::npos) return 0;
    const std::size_t last = digits.find_last_not_of('0');
    exponent += static_cast<std::int64_t>(digits.size() - 1 - last);
    digits = digits.substr(first, last + 1 - first);

    // The value lies in [10^(magnitude - 1), 10^magnitude).
    const std::int64_t magnitude = exponent + static_cast<std::int64_t>(digits.size());
    if (magnitude > 310) return std::numeric_limits<double>::infinity();  // above 1e309, beyond the largest double
    if (magnitude < -324) return 0;                                        // below 1e-325, half the smallest subnormal

    // Clinger's fast path: an integer m <= 2^53 and 10^|e| <= 10^22 are exact doubles, so one IEEE multiplication
    // or division rounds m x 10^e correctly. Rule-set weights (0.3, 0.25, ...) and answers all come this way.
    if (digits.size() <= 16 && exponent >= -22 && exponent <= 22) {
        static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        std::uint64_t m = 0;
        for (const char digit : digits) m = m * 10 + static_cast<unsigned>(digit - '0');
        if (m <= std::uint64_t{1} << 53) {
            const double mantissa = static_cast<double>(m);
            return exponent < 0 ? mantissa / kPowersOfTen[-exponent] : mantissa * kPowersOfTen[exponent];
        }
    }

    std::string truncated;
    if (digits.size() > kSignificantDigits) {  // the last digit is not 0 (trailing zeros are gone), so: "...1"
        exponent += static_cast<std::int64_t>(digits.size() - kSignificantDigits - 1);
        truncated.assign(digits.substr(0, kSignificantDigits)).push_back('1');
        digits = truncated;
    }
    BigInteger numerator = BigInteger::from_decimal(digits);
    bool inexact = false;
    if (exponent >= 0) {  // digits x 5^e x 2^e: an integer, rounded from its top 64 bits
        numerator.multiply_by_power_of_5(static_cast<unsigned>(exponent));
        const std::uint64_t significand = numerator.top_64_bits(inexact);
        return round_to_double(significand, numerator.bit_length() - 64 + static_cast<long>(exponent), inexact);
    }
    // digits / (5^k x 2^k): 64 bits of the quotient digits x 2^shift / 5^k, by long division, then x 2^-(shift + k).
    const auto k = static_cast<unsigned>(-exponent);
    BigInteger divisor(1);
    divisor.multiply_by_power_of_5(k);
    // The quotient then lies in (2^62, 2^64).
    const long shift = 63 - (numerator.bit_length() - divisor.bit_length());
    if (shift >= 0) {
        numerator.shift_left(static_cast<unsigned>(shift));
    } else {
        divisor.shift_left(static_cast<unsigned>(-shift));
    }
    divisor.shift_left(63);
    std::uint64_t quotient = 0;
    for (int bit = 63; bit >= 0; --bit) {
        if (compare(numerator, divisor) >= 0) {
            numerator.subtract(divisor);
            quotient |= std::uint64_t{1} << bit;
        }
        divisor.shift_right_by_one();
    }
    inexact = !numerator.is_zero();
    // Bring bit 63 to the top. The bit shifted in is unknown, but it lies below the rounding bit, where `inexact`
    // already answers the only question that matters: is the value exactly at a midpoint.
    const int unused_top_bits = __builtin_clzll(quotient);
    return round_to_double(quotient << unused_top_bits, -shift - static_cast<long>(k) - unused_top_bits, inexact);
}

Decimal shortest_decimal(double value) {
    // value = significand x 2^exponent, exactly; its decimal digits come from that integer (times 5^-exponent when
    // the exponent is negative: significand x 5^k / 10^k).
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    const auto exponent_field = static_cast<int>(bits >> 52);
    const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
    const std::uint64_t significand = exponent_field != 0 ? fraction | std::uint64_t{1} << 52 : fraction;
    const int exponent = exponent_field != 0 ? exponent_field - 1075 : -1074;
    BigInteger integer(significand);
    Decimal exact;
    if (exponent >= 0) {
        integer.shift_left(static_cast<unsigned>(exponent));
        exact.digits = integer.to_decimal();
        exact.point = static_cast<int>(exact.digits.size());
    } else {
        integer.multiply_by_power_of_5(static_cast<unsigned>(-exponent));
        exact.digits = integer.to_decimal();
        exact.point = static_cast<int>(exact.digits.size()) + exponent;
    }
    exact.digits.erase(exact.digits.find_last_not_of('0') + 1);

    // The exact digits read back, so the search ends by their length at the latest (by 17 digits for any double).
    for (std::size_t precision = 1; precision < exact.digits.size(); ++precision) {
        Decimal rounded{exact.digits.substr(0, precision), exact.point};
        const char next = exact.digits[precision];
        const bool beyond_half = next > '5' || (next == '5' && precision + 1 < exact.digits.size());
        const bool at_half = next == '5' && precision + 1 == exact.digits.size();
        if (beyond_half || (at_half && (rounded.digits.back() - '0') % 2 == 1)) {
            std::size_t i = precision;
            while (i > 0 && rounded.digits[i - 1] == '9') rounded.digits[--i] = '0';
            if (i == 0) {  // 99...9 became 100...0
                rounded.digits.insert(rounded.digits.begin(), '1');
                ++rounded.point;
            } else {
                ++rounded.digits[i - 1];
            }
        }
        rounded.digits.erase(rounded.digits.find_last_not_of('0') + 1);
        const auto power = static_cast<std::int64_t>(rounded.point) - static_cast<std::int64_t>(rounded.digits.size());
        if (decimal_to_double(rounded.digits, power) == value) return rounded;
    }
    return exact;
}

}  // namespace rootcheck::numbers
