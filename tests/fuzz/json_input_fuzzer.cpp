// Fuzz target: the engine's reader of untrusted JSON (cpp/json/reader.h) against nlohmann's own parser, on
// every input (the input is the JSON text).
//
// Properties checked
// - parse_json_limited (no size limit, 64 levels) accepts exactly the texts nlohmann::json::parse accepts and builds
//   the same value, with the same JSON type for every number (unsigned, signed or double) and the same dump() (which
//   tells -0.0 from 0.0). The deliberate differences, each a documented limit of the reader:
//   1. Depth: nlohmann has no nesting limit; the reader refuses a value nested deeper than max_depth (too_deep), and
//      reports too_deep before malformed_json when malformed text also nests too deep (json/reader.h: depth is
//      checked before syntax). So where nlohmann accepts, the reader refuses exactly the values deeper than the limit.
//   2. Size: with max_bytes set, a longer text is refused as too_large before anything else; checked below with a
//      limit of one byte less than the input.
//   3. UTF-8: both refuse invalid UTF-8 (nlohmann inside strings, and outside them any byte >= 0x80 is a syntax
//      error), but the reader names it invalid_utf8 whatever else is wrong with the text.
//   4. NUL: nlohmann's lexer takes a NUL byte outside a string for the end of the input (it also reads C strings),
//      so it accepts "1\0x"; JSON allows no raw NUL anywhere (RFC 8259), and the reader refuses every text holding
//      one. Such a text must be refused and is compared no further.
//   5. Repeated keys: nlohmann keeps the last value of a key repeated in an object; the reader refuses the text as
//      duplicate_key at the JSON Pointer of the first repeated member. Where nlohmann accepts, the target finds the
//      first repeat itself, from nlohmann's SAX events (tests/cpp/fixtures/repeated_key.h), and the reader must refuse
//      exactly those texts, at that pointer.
// - invalid_utf8 is the code exactly when first_invalid_utf8 finds a bad byte, and that is the byte a reference
//   decoder written here from RFC 3629 finds; any other refusal of a text that is not too deep is malformed_json "at
//   byte N" with N inside the text, out_of_range (a number beyond a double, which nlohmann refuses too) with the
//   JSON Pointer of the number ("" for the whole text, else a path that starts with "/"), or duplicate_key with the
//   JSON Pointer of a member (starting with "/").
// - A value accepted at 64 levels is accepted at kMaxDepth (the answers limit) exactly when it nests no deeper.
// - parse_flat_string_object (the locale files' fast path), when it accepts, reads the members parse_json_limited does.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "fixtures/repeated_key.h"
#include "fuzz_support.h"
#include "json/reader.h"

namespace {

using nlohmann::json;
using rootcheck::fuzz::fail;

constexpr int kDepth = 64;

// The index of the first byte that does not begin a well-formed UTF-8 sequence, decoded the plain way: length from
// the lead byte's high bits, six bits from each continuation byte, then the code point checked against the shortest
// form for its length, the surrogates and U+10FFFF. Deliberately not the engine's algorithm (which narrows byte
// ranges per lead byte), so that the two check each other.
std::size_t reference_first_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        std::uint32_t shortest = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2, code = lead & 0x1F, shortest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, code = lead & 0x0F, shortest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, code = lead & 0x07, shortest = 0x10000;
        } else {
            return i;
        }
        if (text.size() - i < length) return i;
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned byte = static_cast<unsigned char>(text[i + k]);
            if ((byte & 0xC0) != 0x80) return i;
            code = (code << 6) | (byte & 0x3F);
        }
        if (code < shortest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
        i += length;
    }
    return std::string_view::npos;
}

int depth_of(const json& value) {
    int deepest = 0;
    if (value.is_structured()) {
        for (const json& element : value) deepest = std::max(deepest, depth_of(element));
        ++deepest;
    }
    return deepest;
}

bool same_types(const json& a, const json& b) {
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (!a.is_structured()) return true;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
        if ((a.is_object() && i.key() != j.key()) || !same_types(*i, *j)) return false;
    }
    return true;
}

void check_refusal(const std::string& text, const rootcheck::InputError& error) {
    const std::size_t bad = rootcheck::first_invalid_utf8(text);
    if ((error.code == "invalid_utf8") != (bad != std::string_view::npos)) {
        fail("refused as " + error.code + " but first_invalid_utf8 says " +
             (bad == std::string_view::npos ? "valid" : "invalid at " + std::to_string(bad)));
    }
    if (error.code == "invalid_utf8" || error.code == "too_deep") return;
    if (error.code == "out_of_range") {
        if (!error.path.empty() && error.path[0] != '/') fail("out_of_range at no JSON Pointer: " + error.path);
        return;
    }
    if (error.code == "duplicate_key") {
        if (error.path.empty() || error.path[0] != '/') fail("duplicate_key at no member's pointer: " + error.path);
        return;
    }
    const std::string prefix = "malformed JSON at byte ";
    if (error.code != "malformed_json" || error.message.rfind(prefix, 0) != 0) {
        fail("unexpected refusal " + error.code + ": " + error.message);
    }
    const std::size_t at = std::stoul(error.message.substr(prefix.size()));
    if (at > text.size()) fail("malformed at byte " + std::to_string(at) + " of " + std::to_string(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(bytes), size);

    const std::size_t bad = rootcheck::first_invalid_utf8(text);
    const std::size_t reference_bad = reference_first_invalid_utf8(text);
    if (bad != reference_bad) {
        fail("first_invalid_utf8 gives " + std::to_string(bad) + ", the RFC 3629 decoder " +
             std::to_string(reference_bad));
    }

    const rootcheck::ParsedJson parsed = rootcheck::parse_json_limited(text, rootcheck::ParseLimits{0, kDepth});
    const json expected = json::parse(text, nullptr, false);  // discarded when nlohmann refuses
    if (parsed.error) check_refusal(text, *parsed.error);

    if (text.find('\0') != std::string::npos) {
        if (!parsed.error) fail("the reader accepted a raw NUL byte: " + parsed.value.dump());
    } else if (expected.is_discarded()) {
        if (!parsed.error) fail("the reader accepted what nlohmann refuses: " + parsed.value.dump());
    } else if (const auto repeated = rootcheck::testing::first_repeated_key(text)) {
        if (!parsed.error) fail("the reader accepted a repeated key at " + *repeated + ": " + parsed.value.dump());
        const bool too_deep = parsed.error->code == "too_deep" && depth_of(expected) > kDepth;  // reported first
        if (!too_deep && (parsed.error->code != "duplicate_key" || parsed.error->path != *repeated)) {
            fail("a text repeating the key at " + *repeated + " was refused as " + parsed.error->code + " at " +
                 parsed.error->path + ": " + parsed.error->message);
        }
    } else if (parsed.error) {
        if (parsed.error->code != "too_deep" || depth_of(expected) <= kDepth) {
            fail("the reader refused what nlohmann accepts (" + parsed.error->code + ": " + parsed.error->message +
                 "), nesting " + std::to_string(depth_of(expected)));
        }
    } else {
        if (parsed.value != expected || parsed.value.dump() != expected.dump()) {
            fail("values differ: reader " + parsed.value.dump() + ", nlohmann " + expected.dump());
        }
        if (!same_types(parsed.value, expected)) fail("number types differ in " + expected.dump());

        const rootcheck::ParsedJson shallow =
            rootcheck::parse_json_limited(text, rootcheck::ParseLimits{0, rootcheck::kMaxDepth});
        const bool too_deep = depth_of(expected) > rootcheck::kMaxDepth;
        if (too_deep != (shallow.error.has_value() && shallow.error->code == "too_deep") ||
            (!too_deep && (shallow.error || shallow.value.dump() != expected.dump()))) {
            fail("at depth limit " + std::to_string(rootcheck::kMaxDepth) + " a value nesting " +
                 std::to_string(depth_of(expected)) + " deep was " +
                 (shallow.error ? "refused: " + shallow.error->message : "read as " + shallow.value.dump()));
        }
    }

    if (size > 1) {  // max_bytes 0 means no limit
        const rootcheck::ParsedJson sized =
            rootcheck::parse_json_limited(text, rootcheck::ParseLimits{size - 1, kDepth});
        if (!sized.error || sized.error->code != "too_large") {
            fail("a text over max_bytes was not refused as too_large");
        }
    }

    std::map<std::string, std::string> members;
    if (rootcheck::parse_flat_string_object(text, members)) {
        if (parsed.error || !parsed.value.is_object() || parsed.value.size() != members.size()) {
            fail("parse_flat_string_object accepted what parse_json_limited reads otherwise");
        }
        for (const auto& [key, value] : members) {
            const auto member = parsed.value.find(key);
            if (member == parsed.value.end() || !member->is_string() ||
                member->get_ref<const std::string&>() != value) {
                fail("parse_flat_string_object read member '" + key + "' differently");
            }
        }
    }
    return 0;
}
