#include "json_input.h"

#include <algorithm>
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

}  // namespace

json error_document(const InputError& error) {
    return json{{"error", {{"code", error.code}, {"message", error.message}, {"path", error.path}}}};
}

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
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
        std::string detail = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix: the code says that already.
        const auto bracket = detail.find("] ");
        if (detail.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) detail.erase(0, bracket + 2);
        parsed.error = InputError{"malformed_json",
                                  "malformed JSON at byte " + std::to_string(e.byte > 0 ? e.byte - 1 : 0) + ": " + detail, ""};
    }
    return parsed;
}

}  // namespace rootcheck
