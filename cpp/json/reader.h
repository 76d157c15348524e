// Reading untrusted JSON text safely: size, UTF-8 and nesting limits are checked before or while parsing, so a
// hostile document can neither exhaust memory nor recurse deeply, and every refusal is data naming where it is.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rootcheck {

using json = nlohmann::json;

// An input refused, as the engine reports it: {"error": {"code", "message", "path"}}.
struct InputError {
    std::string code;     // malformed_json, invalid_utf8, too_large, too_deep, ... (engine/engine.h lists them)
    std::string message;  // human-readable, names the place
    std::string path;     // JSON Pointer to the culprit, "" for the whole document
};

json error_document(const InputError& error);

struct ParseLimits {
    std::size_t max_bytes;  // 0 = no size limit
    int max_depth;          // most nested containers allowed (a bare scalar is depth 0, {} is depth 1)
};

struct ParsedJson {
    json value;
    std::optional<InputError> error;
};

// Checks size first, then UTF-8 (byte offset of the first bad sequence), then nesting depth (a linear scan, before
// any parsing), then syntax (byte offset of the failure), then two things valid JSON may hold that the reader
// refuses, the first of them in the text reported:
// - a number beyond a double (1e400; one below the smallest double reads as 0): out_of_range, path the number's JSON
//   Pointer (e.g. /answers/age), message naming it;
// - a key repeated in one object: duplicate_key, path the JSON Pointer of the repeated member (e.g.
//   /answers/saddle_numbness), message giving its byte offset. JSON leaves the meaning of a repeated key open and
//   nlohmann keeps the last value, so a client's {"saddle_numbness": "yes", "saddle_numbness": "no"} would quietly
//   hide a red flag.
ParsedJson parse_json_limited(std::string_view text, const ParseLimits& limits);

// Reads `text` when it is exactly a JSON object of strings written without escapes ({"key": "text", ...}: the form
// locale files take) into `members`, without building a DOM; several times faster than parse_json_limited on such
// text. Returns false, with `members` unspecified, on anything else (another value type, an escape, a control
// character, a repeated key, invalid UTF-8, malformed JSON): the caller then parses the text with
// parse_json_limited, which reports what is wrong and where.
bool parse_flat_string_object(std::string_view text, std::map<std::string, std::string>& members);

// Index of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or npos when the whole text is valid.
std::size_t first_invalid_utf8(std::string_view text);

// One JSON Pointer reference token: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key);

}  // namespace rootcheck
