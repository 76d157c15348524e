#include "json/reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "numbers/decimal.h"

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

// A single-pass JSON reader (RFC 8259) that builds exactly the value nlohmann's parser would: non-negative integers
// unsigned and negative ones signed while they fit in 64 bits, anything longer or with a fraction or exponent the
// nearest double (strtod's), a leading UTF-8 byte order mark skipped. It replaces nlohmann's parser in the engine:
// the same values, several times faster, and 9 KB gzip less WebAssembly (nlohmann's parser, lexer and exception
// types are not linked). The tests compare the two on the accepted and refused texts.
// On malformed text it stops at the first problem and names it with its byte offset (error()). Callers check UTF-8
// first. Nesting deeper than max_depth stops it too, before anything deeper is built; the caller reports that.
// Two kinds of valid JSON stop it as well, with stopped() telling which, problem() what and pointer() where (a JSON
// Pointer): a number beyond the range of a double (1e400), which no double holds, and a key repeated in one object,
// which nlohmann would read as its last value: {"saddle_numbness": "yes", "saddle_numbness": "no"} must not
// quietly assess as "no". Read `lenient`, it takes such a number as null and lets the last repeated key win, and goes
// on (so that the caller can check the rest of the text's syntax).
class JsonReader {
public:
    enum class Stop { none, beyond_double, repeated_key };

    JsonReader(std::string_view text, int max_depth, bool lenient = false)
        : begin_(text.data()),
          p_(text.data()),
          end_(text.data() + text.size()),
          max_depth_(max_depth),
          lenient_(lenient) {}

    bool parse(json& out) {
        if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
        if (!value(out, 0)) return false;
        skip_space();
        if (p_ != end_) return fail("unexpected text after the end of the document");
        return true;
    }

    // "at byte N: what", N counted from 0; meaningful after parse() returned false.
    std::string error() const {
        return "at byte " + std::to_string(error_at_ - begin_) + ": " + error_;
    }
    // After parse() returned false: whether it stopped at valid JSON it refuses, and then what and where.
    Stop stopped() const { return stopped_; }
    const std::string& problem() const { return error_; }
    const std::string& pointer() const { return pointer_; }

private:
    const char* const begin_;
    const char* p_;
    const char* const end_;
    const int max_depth_;
    const bool lenient_;
    const char* error_at_ = nullptr;
    std::string error_;
    Stop stopped_ = Stop::none;
    std::string pointer_;  // built while returning from where it stopped, innermost step first

    // Every failure path records the problem out of line, in a cold function: building a message is rare work, and
    // kept out of value(), string() and the loops, they stay small enough to inline into one another (the reader
    // then costs what the earlier fast path did: 44 k instructions natively on the benchmark's answers document).
    [[gnu::cold, gnu::noinline]] bool fail_at(const char* at, std::string what) {
        error_at_ = at;
        error_ = std::move(what);
        return false;
    }
    [[gnu::cold, gnu::noinline]] bool fail_at(const char* at, const char* what) { return fail_at(at, std::string(what)); }
    [[gnu::cold, gnu::noinline]] bool fail(const char* what) { return fail_at(p_, what); }
    // "<what>, found <what stands here>".
    [[gnu::cold, gnu::noinline]] bool fail_found(const char* what) { return fail_at(p_, what + (", found " + found())); }

    // What stands at the reader's position, for messages: "the end of the input", "'x'" for a printable ASCII
    // character, else "byte 0xNN" (a control character, or a byte of a multi-byte UTF-8 character).
    std::string found() const {
        if (p_ == end_) return "the end of the input";
        const auto c = static_cast<unsigned char>(*p_);
        if (c < 0x20 || c >= 0x7F) return "byte 0x" + hex(c, 2);
        return std::string("'") + static_cast<char>(c) + "'";
    }

    static std::string hex(unsigned value, int digits) {
        static constexpr char kDigits[] = "0123456789ABCDEF";
        std::string text(static_cast<std::size_t>(digits), '0');
        for (int i = digits - 1; i >= 0; --i, value >>= 4) text[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
        return text;
    }

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    bool literal(const char* word, std::size_t length) {
        if (static_cast<std::size_t>(end_ - p_) >= length && std::memcmp(p_, word, length) == 0) {
            p_ += length;
            return true;
        }
        return fail_literal();
    }

    [[gnu::cold, gnu::noinline]] bool fail_literal() {
        const char* letters = p_;
        while (letters != end_ && letters - p_ < 16 && ((*letters >= 'a' && *letters <= 'z') || *letters == '_')) {
            ++letters;
        }
        return fail_at(p_, "unknown literal '" + std::string(p_, letters) + "': expected true, false or null");
    }

    bool value(json& out, int depth) {
        skip_space();
        if (p_ == end_) return fail_found("expected a value");
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

    bool enter(int depth) { return depth <= max_depth_ || fail_depth(); }

    [[gnu::cold, gnu::noinline]] bool fail_depth() {
        return fail_at(p_, "nested more than " + std::to_string(max_depth_) + " levels deep");
    }

    // After a member or element: the separator or the closing bracket. Returns false with the error set, or true
    // with `closed` telling which was found.
    bool after_item(char close, bool& closed) {
        skip_space();
        if (p_ != end_ && *p_ == close) {
            ++p_;
            closed = true;
            return true;
        }
        if (p_ != end_ && *p_ == ',') {
            ++p_;
            closed = false;
            return true;
        }
        return fail_found(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
    }

    bool object(json& out, int depth) {
        if (!enter(depth)) return false;
        ++p_;  // '{'
        out = json(json::value_t::object);
        auto& members = out.get_ref<json::object_t&>();
        skip_space();
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        for (bool closed = false; !closed;) {
            std::string key;
            skip_space();
            if (p_ == end_ || *p_ != '"') return fail_found("expected a member name in double quotes");
            const char* const key_at = p_;
            if (!string(key)) return false;
            skip_space();
            if (p_ == end_ || *p_ != ':') return fail_found("expected ':' after a member name");
            ++p_;
            // The value is parsed in place, in the member's own node: no copy of the key, no move of the value. A
            // repeated key finds its member, which stops the reader (or, lenient, the value overwrites).
            const auto [member, added] = members.try_emplace(std::move(key));
            if (!added && !lenient_) return repeated_key(key_at, member->first);
            if (!value(member->second, depth)) return failed_inside(member->first);
            if (!after_item('}', closed)) return false;
        }
        return true;
    }

    // `at`: the opening quote of the repeated key.
    [[gnu::cold, gnu::noinline]] bool repeated_key(const char* at, const std::string& key) {
        stopped_ = Stop::repeated_key;
        pointer_ = "/" + pointer_token(key);
        return fail_at(at, "the key at byte " + std::to_string(at - begin_) +
                               " repeats an earlier key of its object: an object names each member once");
    }

    // On the way out of a failed value: the step into it, when the reader stopped at valid JSON it refuses.
    [[gnu::cold, gnu::noinline]] bool failed_inside(const std::string& key) {
        if (stopped_ != Stop::none) pointer_.insert(0, "/" + pointer_token(key));
        return false;
    }
    [[gnu::cold, gnu::noinline]] bool failed_inside(std::size_t index) {
        if (stopped_ != Stop::none) pointer_.insert(0, "/" + std::to_string(index));
        return false;
    }

    bool array(json& out, int depth) {
        if (!enter(depth)) return false;
        ++p_;  // '['
        out = json(json::value_t::array);
        auto& elements = out.get_ref<json::array_t&>();
        elements.reserve(8);  // answer arrays are short: one allocation instead of a few regrowths
        skip_space();
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (bool closed = false; !closed;) {
            elements.emplace_back();
            if (!value(elements.back(), depth)) return failed_inside(elements.size() - 1);
            if (!after_item(']', closed)) return false;
        }
        return true;
    }

    bool string(std::string& out) {
        const char* const opening = p_++;
        out.clear();
        const char* run = p_;
        for (;;) {
            while (p_ != end_ && !kStringStops.stop[static_cast<unsigned char>(*p_)]) ++p_;  // one test per byte
            if (p_ == end_) return fail_at(opening, "a string is not closed");
            const char c = *p_;
            if (c == '"') {
                out.append(run, static_cast<std::size_t>(p_ - run));
                ++p_;
                return true;
            }
            if (c != '\\') return fail_control_character();
            out.append(run, static_cast<std::size_t>(p_ - run));
            const char* const escape = p_;
            if (++p_ == end_) return fail_at(opening, "a string is not closed");
            switch (*p_) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u':
                    if (!unicode_escape(escape, out)) return false;
                    break;
                default:
                    return fail_escape(escape);
            }
            run = ++p_;
        }
    }

    [[gnu::cold, gnu::noinline]] bool fail_control_character() {
        return fail_at(p_, "control character U+" + hex(static_cast<unsigned char>(*p_), 4) + " in a string must be escaped");
    }

    [[gnu::cold, gnu::noinline]] bool fail_escape(const char* escape) {
        return fail_at(escape, "invalid escape: a backslash followed by " + found() +
                                   " (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    }

    // Four hex digits after "\u" (p_ on the 'u'); leaves p_ on the last digit.
    bool hex4(const char* escape, unsigned& code) {
        code = 0;
        for (int i = 0; i < 4; ++i) {
            if (++p_ == end_) return fail_at(escape, "\\u must be followed by four hex digits");
            const char c = *p_;
            unsigned digit = 0;
            if (c >= '0' && c <= '9') {
                digit = static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                digit = static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                digit = static_cast<unsigned>(c - 'A' + 10);
            } else {
                return fail_at(escape, "\\u must be followed by four hex digits");
            }
            code = code * 16 + digit;
        }
        return true;
    }

    // "\uXXXX", or a UTF-16 surrogate pair "\uD83D\uDE00", appended as UTF-8. A lone surrogate is refused, as
    // nlohmann does: it is no character.
    bool unicode_escape(const char* escape, std::string& out) {
        unsigned code = 0;
        if (!hex4(escape, code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return fail_at(escape, "a low surrogate \\u" + hex(code, 4) +
                                                                         " must follow a high one (\\uD800-\\uDBFF)");
        if (code >= 0xD800 && code <= 0xDBFF) {
            unsigned low = 0;
            if (end_ - p_ < 3 || p_[1] != '\\' || p_[2] != 'u') {
                return fail_at(escape, "a high surrogate \\u" + hex(code, 4) + " must be followed by a low one");
            }
            p_ += 2;
            if (!hex4(escape, low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
                return fail_at(escape, "a high surrogate \\u" + hex(code, 4) + " must be followed by a low one");
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        return true;
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    // JSON's number grammar. An integer is kept as one while it fits: unsigned up to 2^64 - 1, signed down to
    // -2^63; beyond, and with a fraction or exponent, it is the nearest double (numbers/decimal.h), the one strtod
    // gives. A double beyond the finite range is refused, as nlohmann does (or read as null when lenient).
    bool number(json& out) {
        const char* const start = p_;
        const bool negative = *p_ == '-';
        if (negative) ++p_;
        if (p_ == end_ || !digit(*p_)) {
            return fail_found(negative ? "expected a digit after '-'"
                                       : "expected a value (true, false, null, a number, a string, [ or {)");
        }
        const char* const digits = p_;
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ != end_ && digit(*p_)) ++p_;
        }
        const char* const integer_end = p_;
        const char* fraction = p_;
        const char* fraction_end = p_;
        bool is_float = false;
        if (p_ != end_ && *p_ == '.') {
            fraction = ++p_;
            if (p_ == end_ || !digit(*p_)) return fail_found("expected a digit after '.'");
            while (p_ != end_ && digit(*p_)) ++p_;
            fraction_end = p_;
            is_float = true;
        }
        std::int64_t exponent = 0;
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            const bool negative_exponent = p_ != end_ && *p_ == '-';
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ == end_ || !digit(*p_)) return fail_found("expected a digit in the exponent");
            for (; p_ != end_ && digit(*p_); ++p_) {
                exponent = std::min(exponent * 10 + (*p_ - '0'), numbers::kExponentLimit);
            }
            if (negative_exponent) exponent = -exponent;
            is_float = true;
        }
        if (!is_float && integer(digits, integer_end, negative, out)) return true;
        std::string significant(digits, integer_end);
        significant.append(fraction, fraction_end);
        const double magnitude = numbers::decimal_to_double(significant, exponent - (fraction_end - fraction));
        if (!std::isfinite(magnitude)) return beyond_range(start, out);
        out = json(negative ? -magnitude : magnitude);
        return true;
    }

    [[gnu::cold, gnu::noinline]] bool beyond_range(const char* start, json& out) {
        if (lenient_) {
            out = nullptr;
            return true;
        }
        std::string token(start, p_);
        if (token.size() > 40) token = token.substr(0, 37) + "...";  // a message, not a copy of the input
        stopped_ = Stop::beyond_double;
        return fail_at(start, "the number " + token + " is beyond the range of a double");
    }

    // The integer's value as nlohmann keeps it (unsigned, or signed when negative), or false when it does not fit.
    static bool integer(const char* digits, const char* end, bool negative, json& out) {
        constexpr std::uint64_t kMax = ~std::uint64_t{0};
        std::uint64_t magnitude = 0;
        for (const char* d = digits; d != end; ++d) {
            const auto next = static_cast<unsigned>(*d - '0');
            if (magnitude > (kMax - next) / 10) return false;
            magnitude = magnitude * 10 + next;
        }
        if (!negative) {
            out = json(magnitude);
            return true;
        }
        constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;
        if (magnitude > kMinMagnitude) return false;
        out = json(magnitude == kMinMagnitude ? INT64_MIN : -static_cast<std::int64_t>(magnitude));
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
    JsonReader reader(text, limits.max_depth);
    if (reader.parse(parsed.value)) return parsed;
    parsed.value = nullptr;
    // Too deep is reported before malformed, wherever each is in the text: the whole text's depth is checked.
    if (nesting_depth(text, limits.max_depth) > limits.max_depth) {
        parsed.error = InputError{"too_deep",
                                  "document nests more than " + std::to_string(limits.max_depth) + " levels deep",
                                  ""};
        return parsed;
    }
    // A number beyond a double or a repeated key comes after the syntax: the rest of the text is read again, leniently.
    if (reader.stopped() != JsonReader::Stop::none) {
        json ignored;
        JsonReader syntax(text, limits.max_depth, true);
        if (syntax.parse(ignored)) {
            const bool repeated = reader.stopped() == JsonReader::Stop::repeated_key;
            parsed.error = InputError{repeated ? "duplicate_key" : "out_of_range", reader.problem(), reader.pointer()};
        } else {
            parsed.error = InputError{"malformed_json", "malformed JSON " + syntax.error(), ""};
        }
        return parsed;
    }
    parsed.error = InputError{"malformed_json", "malformed JSON " + reader.error(), ""};
    return parsed;
}

}  // namespace rootcheck
