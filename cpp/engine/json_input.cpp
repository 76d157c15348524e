#include "json_input.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace rootcheck {

namespace {

// The deepest nesting of [ and { outside strings, stopping early once past `limit`. Exact for valid JSON; for
// malformed text it is only what the parser would meet first, and the parser rejects that text anyway.
int nesting_depth(std::string_view text, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) break;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix: the error code says that already.
std::string without_exception_id(const char* what) {
    std::string detail = what;
    const auto bracket = detail.find("] ");
    if (detail.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) detail.erase(0, bracket + 2);
    return detail;
}

// The bytes that end a plain run inside a JSON string: the closing quote, a backslash and control characters.
struct StringStops {
    bool stop[256];
    constexpr StringStops() : stop() {
        for (int c = 0; c < 0x20; ++c) stop[c] = true;
        stop[static_cast<unsigned char>('"')] = true;
        stop[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr StringStops kStringStops{};

// A single-pass parser for the common case: valid JSON without \u escapes, numbers that need no overflow handling,
// nesting within the limit. It builds exactly the value nlohmann's parser would (non-negative integers unsigned,
// negative ones signed, anything with a fraction or exponent a double via strtod, the last of duplicate keys wins)
// and gives up (returns false) on anything else, so that nlohmann's parser, which is several times slower, reports
// the problem with its own message. Callers check UTF-8 first.
class FastParser {
public:
    FastParser(std::string_view text, int max_depth) : p_(text.data()), end_(text.data() + text.size()),
                                                         max_depth_(max_depth) {}

    bool parse(json& out) {
        if (!value(out, 0)) return false;
        skip_space();
        return p_ == end_;
    }

private:
    const char* p_;
    const char* end_;
    int max_depth_;

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    bool literal(const char* word, std::size_t length) {
        if (static_cast<std::size_t>(end_ - p_) < length || std::memcmp(p_, word, length) != 0) return false;
        p_ += length;
        return true;
    }

    bool value(json& out, int depth) {
        skip_space();
        if (p_ == end_) return false;
        switch (*p_) {
            case '{': return object(out, depth + 1);
            case '[': return array(out, depth + 1);
            case '"': {
                out = json(json::value_t::string);
                return string(out.get_ref<std::string&>());
            }
            case 't': out = true; return literal("true", 4);
            case 'f': out = false; return literal("false", 5);
            case 'n': out = nullptr; return literal("null", 4);
            default: return number(out);
        }
    }

    bool object(json& out, int depth) {
        if (depth > max_depth_) return false;
        ++p_;  // '{'
        out = json(json::value_t::object);
        auto& members = out.get_ref<json::object_t&>();
        skip_space();
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        for (;;) {
            std::string key;
            skip_space();
            if (p_ == end_ || *p_ != '"' || !string(key)) return false;
            skip_space();
            if (p_ == end_ || *p_ != ':') return false;
            ++p_;
            // The value is parsed in place, in the member's own node: no copy of the key, no move of the value. A
            // repeated key finds its member, which the value then overwrites: as nlohmann's parser, the last one wins.
            json& member = members.try_emplace(std::move(key)).first->second;
            if (!value(member, depth)) return false;
            skip_space();
            if (p_ == end_) return false;
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
        }
    }

    bool array(json& out, int depth) {
        if (depth > max_depth_) return false;
        ++p_;  // '['
        out = json(json::value_t::array);
        auto& elements = out.get_ref<json::array_t&>();
        elements.reserve(8);  // answer arrays are short: one allocation instead of a few regrowths
        skip_space();
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            elements.emplace_back();
            if (!value(elements.back(), depth)) return false;
            skip_space();
            if (p_ == end_) return false;
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
        }
    }

    // A string with the simple escapes; \u escapes and control characters are left to nlohmann.
    bool string(std::string& out) {
        ++p_;  // '"'
        out.clear();
        const char* run = p_;
        for (;;) {
            while (p_ != end_ && !kStringStops.stop[static_cast<unsigned char>(*p_)]) ++p_;  // one test per byte
            if (p_ == end_) return false;
            const char c = *p_;
            if (c == '"') {
                out.append(run, static_cast<std::size_t>(p_ - run));
                ++p_;
                return true;
            }
            if (c != '\\') return false;  // a control character
            out.append(run, static_cast<std::size_t>(p_ - run));
            if (++p_ == end_) return false;
            switch (*p_) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                default: return false;  // \u and invalid escapes
            }
            run = ++p_;
        }
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    // JSON's number grammar. Integers of up to 18 digits cannot overflow and are converted here; longer ones (which
    // nlohmann turns into doubles on overflow) are left to nlohmann. Fractions and exponents give strtod's double:
    // computed here when that is exact (exact_decimal), else by strtod on the token, as nlohmann does; a non-finite
    // result is left to nlohmann's overflow error.
    bool number(json& out) {
        const char* start = p_;
        const bool negative = *p_ == '-';
        if (negative) ++p_;
        if (p_ == end_ || !digit(*p_)) return false;
        const char* digits = p_;
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ != end_ && digit(*p_)) ++p_;
        }
        const char* integer_end = p_;
        const char* fraction = p_;
        const char* fraction_end = p_;
        bool is_float = false;
        if (p_ != end_ && *p_ == '.') {
            fraction = ++p_;
            if (p_ == end_ || !digit(*p_)) return false;
            while (p_ != end_ && digit(*p_)) ++p_;
            fraction_end = p_;
            is_float = true;
        }
        long exponent = 0;
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            const bool negative_exponent = p_ != end_ && *p_ == '-';
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ == end_ || !digit(*p_)) return false;
            for (; p_ != end_ && digit(*p_); ++p_) {
                if (exponent < 100000) exponent = exponent * 10 + (*p_ - '0');  // beyond: no double, strtod decides
            }
            if (negative_exponent) exponent = -exponent;
            is_float = true;
        }
        if (!is_float) {
            if (integer_end - digits > 18) return false;
            std::uint64_t magnitude = 0;
            for (const char* d = digits; d != integer_end; ++d) {
                magnitude = magnitude * 10 + static_cast<unsigned>(*d - '0');
            }
            if (negative) {
                out = json(static_cast<std::int64_t>(-static_cast<std::int64_t>(magnitude)));
            } else {
                out = json(magnitude);
            }
            return true;
        }
        double number = 0;
        if (exact_decimal(digits, integer_end, fraction, fraction_end, exponent, number)) {
            out = json(negative ? -number : number);
            return true;
        }
        char buffer[64];
        const auto length = static_cast<std::size_t>(p_ - start);
        if (length >= sizeof buffer) return false;
        std::memcpy(buffer, start, length);
        buffer[length] = '\0';
        number = std::strtod(buffer, nullptr);
        if (!std::isfinite(number)) return false;
        out = json(number);
        return true;
    }

    // Clinger's fast path: when the digits (integer part, then fraction) form an integer m <= 2^53 and the decimal's
    // power of ten e is within +-22, both m and 10^|e| are exact doubles, so one IEEE multiplication or division
    // rounds m * 10^e correctly: the very double strtod returns. The rules' weights (0.3, 0.25, ...) all take this
    // path, which keeps strtod and its long-double arithmetic out of a rule set's load.
    static bool exact_decimal(const char* integer, const char* integer_end, const char* fraction,
                              const char* fraction_end, long exponent, double& out) {
        static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        constexpr std::uint64_t kExactLimit = std::uint64_t{1} << 53;
        std::uint64_t m = 0;
        for (const char* d = integer; d != integer_end; ++d) {
            m = m * 10 + static_cast<unsigned>(*d - '0');
            if (m > kExactLimit) return false;
        }
        for (const char* d = fraction; d != fraction_end; ++d) {
            m = m * 10 + static_cast<unsigned>(*d - '0');
            if (m > kExactLimit) return false;
        }
        const long power = exponent - (fraction_end - fraction);
        if (power < -22 || power > 22) return false;
        const double mantissa = static_cast<double>(m);
        out = power < 0 ? mantissa / kPowersOfTen[-power] : mantissa * kPowersOfTen[power];
        return true;
    }
};

}  // namespace

json error_document(const InputError& error) {
    return json{{"error", {{"code", error.code}, {"message", error.message}, {"path", error.path}}}};
}

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        // Most text is ASCII: skip 8 such bytes at a time.
        while (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= size) break;
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;  // allowed range of the second byte, narrowed for the lead bytes that need it
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead == 0xE0) {
            length = 3, low = 0xA0;  // no overlong 3-byte forms
        } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
            length = 3;
        } else if (lead == 0xED) {
            length = 3, high = 0x9F;  // no UTF-16 surrogates U+D800..U+DFFF
        } else if (lead == 0xF0) {
            length = 4, low = 0x90;  // no overlong 4-byte forms
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            length = 4;
        } else if (lead == 0xF4) {
            length = 4, high = 0x8F;  // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + length > size) return i;
        if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
        for (std::size_t k = 2; k < length; ++k) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

bool parse_flat_string_object(std::string_view text, std::map<std::string, std::string>& members) {
    if (first_invalid_utf8(text) != std::string_view::npos) return false;
    const char* p = text.data();
    const char* const end = p + text.size();
    const auto skip_space = [&] {
        while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    };
    // A string without escapes: its text is the bytes between the quotes, ending at the first stop byte.
    const auto plain_string = [&](std::string_view& out) {
        if (p == end || *p != '"') return false;
        const char* const start = ++p;
        while (p != end && !kStringStops.stop[static_cast<unsigned char>(*p)]) ++p;
        if (p == end || *p != '"') return false;  // the end, an escape or a control character
        out = std::string_view(start, static_cast<std::size_t>(p - start));
        ++p;
        return true;
    };
    members.clear();
    skip_space();
    if (p == end || *p != '{') return false;
    ++p;
    skip_space();
    if (p != end && *p == '}') {
        ++p;
    } else {
        for (;;) {
            std::string_view key;
            std::string_view value;
            skip_space();
            if (!plain_string(key)) return false;
            skip_space();
            if (p == end || *p != ':') return false;
            ++p;
            skip_space();
            if (!plain_string(value)) return false;
            // The hint makes keys in sorted order (as the locale files keep them) a constant-time insert.
            const std::size_t before = members.size();
            members.emplace_hint(members.end(), key, value);
            if (members.size() == before) return false;  // a repeated key: the general parser's rule decides
            skip_space();
            if (p == end) return false;
            if (*p == '}') {
                ++p;
                break;
            }
            if (*p != ',') return false;
            ++p;
        }
    }
    skip_space();
    return p == end;
}

ParsedJson parse_json_limited(std::string_view text, const ParseLimits& limits) {
    ParsedJson parsed;
    if (limits.max_bytes != 0 && text.size() > limits.max_bytes) {
        parsed.error = InputError{"too_large",
                                  "document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                      std::to_string(limits.max_bytes),
                                  ""};
        return parsed;
    }
    const std::size_t bad = first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
        parsed.error = InputError{"invalid_utf8", "invalid UTF-8 at byte " + std::to_string(bad), ""};
        return parsed;
    }
    // The fast parser stops at the depth limit and at anything unusual; the checks below then find the reason.
    if (FastParser(text, limits.max_depth).parse(parsed.value)) return parsed;
    parsed.value = nullptr;
    // Depth is checked before parsing, so the parser never builds anything deeper than the limit.
    if (nesting_depth(text, limits.max_depth) > limits.max_depth) {
        parsed.error = InputError{"too_deep",
                                  "document nests more than " + std::to_string(limits.max_depth) + " levels deep",
                                  ""};
        return parsed;
    }
    try {
        parsed.value = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        parsed.value = nullptr;
        const std::string detail = without_exception_id(e.what());
        parsed.error = InputError{"malformed_json",
                                  "malformed JSON at byte " + std::to_string(e.byte > 0 ? e.byte - 1 : 0) + ": " + detail, ""};
    } catch (const json::out_of_range& e) {
        // A number beyond a double (1e400): nlohmann reports no offset for it.
        parsed.value = nullptr;
        parsed.error = InputError{"malformed_json", "malformed JSON: " + without_exception_id(e.what()), ""};
    }
    return parsed;
}

}  // namespace rootcheck
