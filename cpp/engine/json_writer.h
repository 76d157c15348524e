// Writes JSON text straight into a string. The result document is the hot path of assess: building an nlohmann
// DOM only to serialise it cost more than the assessment itself. Output matches nlohmann's dump() byte for byte
// (same escaping, same number format); callers write object keys in sorted order, so the bytes equal the sorted form
// every other engine output uses (tests check output == json::parse(output).dump()).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace rootcheck {

class JsonWriter {
public:
    explicit JsonWriter(std::size_t expected_bytes = 0) { out_.reserve(expected_bytes); }

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& string(std::string_view text);
    JsonWriter& number(double value);
    JsonWriter& integer(long long value);
    JsonWriter& boolean(bool value);
    JsonWriter& strings(const std::vector<std::string>& texts);  // an array of strings

    std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::vector<bool> has_items_;  // per open container: whether a comma must precede the next item
    bool after_key_ = false;

    void separate();
    void escape(std::string_view text);
};

}  // namespace rootcheck
