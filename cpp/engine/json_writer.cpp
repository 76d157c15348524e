#include "json_writer.h"

#include <cstdint>
#include <cstring>

namespace rootcheck {

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!has_items_.empty()) {
        if (has_items_.back()) out_ += ',';
        has_items_.back() = true;
    }
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    has_items_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    has_items_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    has_items_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    has_items_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    escape(name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    separate();
    escape(text);
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    separate();
    out_ += nlohmann::json(value).dump();  // nlohmann's shortest round-trip form ("0.6", "1.0"), as dump() writes
    return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
    separate();
    out_ += std::to_string(value);
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& texts) {
    begin_array();
    for (const std::string& text : texts) string(text);
    return end_array();
}

namespace {

// Bytes that need an escape: control characters, '"' and '\\'. A table keeps the per-byte test to one load, which
// matters for results of tens of kilobytes of text.
struct EscapeTable {
    bool needed[256] = {};
    constexpr EscapeTable() {
        for (int c = 0; c < 0x20; ++c) needed[c] = true;
        needed[static_cast<unsigned char>('"')] = true;
        needed[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr EscapeTable kEscape;

// Whether any of the 8 bytes in `word` needs an escape (bit tricks from "Bit Twiddling Hacks": a byte is zero, or
// below n, exactly when its high bit survives the expressions below).
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
inline bool needs_escape(std::uint64_t word) {
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t quote_zero = (quote - kOnes) & ~quote & kHighs;
    const std::uint64_t backslash_zero = (backslash - kOnes) & ~backslash & kHighs;
    return (below_space | quote_zero | backslash_zero) != 0;
}

}  // namespace

// The escapes of nlohmann's dump() without ensure_ascii: the two-character forms where JSON has them, \u00xx (lower
// case) for other control characters, everything else verbatim (texts are valid UTF-8: checked at load and input).
void JsonWriter::escape(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t run = 0;  // start of the pending run of bytes copied as they are
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        // Skip 8 plain bytes at a time (no byte below 0x20, no '"', no '\\'): most text needs no escape at all.
        while (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            if (needs_escape(word)) break;
            i += 8;
        }
        if (i >= text.size()) break;
        if (!kEscape.needed[bytes[i]]) continue;
        out_.append(text.data() + run, i - run);
        run = i + 1;
        switch (bytes[i]) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\f': out_ += "\\f"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                out_ += "\\u00";
                out_ += kHex[bytes[i] >> 4];
                out_ += kHex[bytes[i] & 0xF];
        }
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += '"';
}

}  // namespace rootcheck
