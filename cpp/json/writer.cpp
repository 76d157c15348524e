#include "json/writer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace rootcheck {

void JsonWriter::grow(std::size_t needed) {
    const std::size_t capacity = std::max(capacity_ * 2, needed);
    std::unique_ptr<char[]> grown(new char[capacity]);
    std::memcpy(grown.get(), out_.get(), size_);
    out_ = std::move(grown);
    capacity_ = capacity;
}

void JsonWriter::put(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
}

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!has_items_.empty()) {
        if (has_items_.back()) put(',');
        has_items_.back() = 1;
    }
}

JsonWriter& JsonWriter::open(char bracket) {
    separate();
    put(bracket);
    has_items_.push_back(0);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    put(bracket);
    has_items_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_object() { return open('{'); }
JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::begin_array() { return open('['); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    char* const start = room(name.size() * 6 + 3);
    char* to = start;
    *to++ = '"';
    to = escape_into(to, name);
    *to++ = '"';
    *to++ = ':';
    size_ += static_cast<std::size_t>(to - start);
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
    if (!std::isfinite(value)) {  // as dump() writes them
        put("null");
        return *this;
    }
    // nlohmann's shortest round-trip form ("0.6", "1.0"), the routine dump() itself uses for doubles
    char buffer[64];
    const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
    put(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
    return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
    separate();
    put_integer(value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value),
                value < 0);
    return *this;
}

void JsonWriter::put_integer(unsigned long long magnitude, bool negative) {
    char buffer[24];
    char* end = buffer + sizeof buffer;
    char* begin = end;
    do {
        *--begin = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (negative) *--begin = '-';
    put(std::string_view(begin, static_cast<std::size_t>(end - begin)));
}

JsonWriter& JsonWriter::value(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object:
            begin_object();
            for (const auto& [name, member] : value.get_ref<const nlohmann::json::object_t&>()) key(name).value(member);
            return end_object();
        case nlohmann::json::value_t::array:
            begin_array();
            for (const auto& element : value) this->value(element);
            return end_array();
        case nlohmann::json::value_t::string:
            return string(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::boolean:
            return boolean(value.get<bool>());
        case nlohmann::json::value_t::number_integer:
            return integer(value.get<long long>());
        case nlohmann::json::value_t::number_unsigned:
            separate();
            put_integer(value.get<unsigned long long>(), false);
            return *this;
        case nlohmann::json::value_t::number_float:
            return number(value.get<double>());
        default:  // null (and discarded/binary, which parsed JSON never holds)
            separate();
            put("null");
            return *this;
    }
}

JsonWriter& JsonWriter::boolean(bool value) {
    separate();
    put(value ? std::string_view("true") : std::string_view("false"));
    return *this;
}

namespace {

// Whether any of the 8 bytes in `word` needs an escape: below 0x20, '"' or '\\' (bit tricks from "Bit Twiddling
// Hacks": a byte is zero, or below n, exactly when its high bit survives the expressions below).
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

inline bool needs_escape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\';
}

}  // namespace

// The escapes of nlohmann's dump() without ensure_ascii: the two-character forms where JSON has them, \u00xx (lower
// case) for other control characters, everything else verbatim (texts are valid UTF-8: checked at load and input).
// Escapes are rare, so the text is copied in runs between them, found 8 bytes at a time.
void JsonWriter::escape(std::string_view text) {
    // At most 6 output bytes per input byte, plus the quotes: room once, then raw writes.
    char* const start = room(text.size() * 6 + 2);
    char* to = start;
    *to++ = '"';
    to = escape_into(to, text);
    *to++ = '"';
    size_ += static_cast<std::size_t>(to - start);
}

JsonWriter& JsonWriter::joined(std::initializer_list<std::string_view> pieces) {
    separate();
    std::size_t size = 2;
    for (std::string_view piece : pieces) size += piece.size() * 6;
    char* const start = room(size);
    char* to = start;
    *to++ = '"';
    for (std::string_view piece : pieces) to = escape_into(to, piece);
    *to++ = '"';
    size_ += static_cast<std::size_t>(to - start);
    return *this;
}

void JsonWriter::put_verbatim(std::string_view text, bool as_key) {
    separate();
    const std::size_t size = text.size() + (as_key ? 3 : 2);
    char* to = room(size);
    *to++ = '"';
    to = copy(to, text);
    *to++ = '"';
    if (as_key) *to = ':';
    size_ += size;
}

JsonWriter& JsonWriter::verbatim_key(std::string_view name) {
    put_verbatim(name, true);
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::verbatim_string(std::string_view text) {
    put_verbatim(text, false);
    return *this;
}

JsonWriter& JsonWriter::verbatim_joined(std::initializer_list<std::string_view> pieces) {
    separate();
    std::size_t size = 2;
    for (std::string_view piece : pieces) size += piece.size();
    char* to = room(size);
    *to++ = '"';
    for (std::string_view piece : pieces) to = copy(to, piece);
    *to = '"';
    size_ += size;
    return *this;
}

bool writes_verbatim(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        if (needs_escape(word)) return false;
    }
    for (; i < text.size(); ++i) {
        if (needs_escape(bytes[i])) return false;
    }
    return true;
}

char* JsonWriter::escape_into(char* to, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t run = 0;  // start of the pending run of bytes copied as they are
    std::size_t i = 0;
    for (;;) {
        while (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            if (needs_escape(word)) break;
            i += 8;
        }
        if (i < size && size >= 8 && i + 8 > size) {
            // Fewer than 8 bytes left: test the last 8 bytes of the text (overlapping those already passed).
            std::uint64_t word;
            std::memcpy(&word, bytes + size - 8, 8);
            if (!needs_escape(word)) i = size;
        }
        while (i < size && !needs_escape(bytes[i])) ++i;
        std::memcpy(to, bytes + run, i - run);
        to += i - run;
        if (i >= size) return to;
        const unsigned char c = bytes[i];
        run = ++i;
        *to++ = '\\';
        switch (c) {
            case '"': *to++ = '"'; break;
            case '\\': *to++ = '\\'; break;
            case '\b': *to++ = 'b'; break;
            case '\f': *to++ = 'f'; break;
            case '\n': *to++ = 'n'; break;
            case '\r': *to++ = 'r'; break;
            case '\t': *to++ = 't'; break;
            default:
                *to++ = 'u';
                *to++ = '0';
                *to++ = '0';
                *to++ = kHex[c >> 4];
                *to++ = kHex[c & 0xF];
        }
    }
}

std::string json_text(const nlohmann::json& value) {
    JsonWriter writer;
    writer.value(value);
    return writer.take();
}

}  // namespace rootcheck
