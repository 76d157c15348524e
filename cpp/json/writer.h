// Writes JSON text straight into a string. The result document is the hot path of assess: building an nlohmann
// DOM only to serialise it cost more than the assessment itself. Output matches nlohmann's dump() byte for byte
// (same escaping, same number format); callers write object keys in sorted order, so the bytes equal the sorted form
// every other engine output uses (tests check output == json::parse(output).dump()).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace rootcheck {

// Whether JSON writes `text` inside a string as it is: no control character, '"' or '\\' to escape.
bool writes_verbatim(std::string_view text);

class JsonWriter {
public:
    explicit JsonWriter(std::size_t expected_bytes = 0)
        : out_(new char[std::max<std::size_t>(expected_bytes, 256)]),
          capacity_(std::max<std::size_t>(expected_bytes, 256)) {
        has_items_.reserve(16);
    }

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& string(std::string_view text);
    JsonWriter& number(double value);
    JsonWriter& integer(long long value);
    JsonWriter& boolean(bool value);
    // One string made of the pieces, without building it first.
    JsonWriter& joined(std::initializer_list<std::string_view> pieces);
    // Any value, exactly as its dump() would write it (objects keep their sorted key order).
    JsonWriter& value(const nlohmann::json& value);

    // The same as key(), string() and joined() for text the caller knows needs no escaping (writes_verbatim():
    // the engine's own names, ids the rule-set loader validated, texts checked at load), copied without a scan. A
    // result is mostly such pieces, and scanning each one cost more than copying it.
    JsonWriter& verbatim_key(std::string_view name);
    JsonWriter& verbatim_string(std::string_view text);
    JsonWriter& verbatim_joined(std::initializer_list<std::string_view> pieces);

    std::string take() { return std::string(out_.get(), size_); }

private:
    // The text so far is out_[0, size_), filled through memcpy: std::string's own appends are out-of-line calls per
    // piece (the result is thousands of pieces), and growing a std::string ahead would zero-fill it.
    std::unique_ptr<char[]> out_;
    std::size_t capacity_;
    std::size_t size_ = 0;
    std::vector<char> has_items_;  // per open container: whether a comma must precede the next item
    bool after_key_ = false;

    // Space for `bytes` more bytes at the end; the caller advances size_.
    char* room(std::size_t bytes) {
        if (size_ + bytes > capacity_) grow(size_ + bytes);
        return out_.get() + size_;
    }
    void grow(std::size_t needed);
    static char* copy(char* to, std::string_view text) {
        std::memcpy(to, text.data(), text.size());
        return to + text.size();
    }
    void put(char c) { *room(1) = c, ++size_; }
    void put(std::string_view text);
    void put_integer(unsigned long long magnitude, bool negative);  // the digits, '-' first if negative
    void separate();
    JsonWriter& open(char bracket);   // '{' or '[', after a comma if one is due
    JsonWriter& close(char bracket);  // '}' or ']'
    void put_verbatim(std::string_view text, bool as_key);  // "text", then ':' when a key; no escaping
    void escape(std::string_view text);     // with the quotes
    char* escape_into(char* to, std::string_view text);  // without; `to` has room for 6 bytes per byte
};

// `value` as JSON text, exactly as value.dump() writes it. The engine writes every output through JsonWriter, so the
// module ships one JSON serialiser (nlohmann's own is then not linked in).
std::string json_text(const nlohmann::json& value);

}  // namespace rootcheck
