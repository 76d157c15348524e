// Embind bindings: the JavaScript face of rootcheck::Engine. The only file of the project that includes Emscripten.
//
// Each module instance (every createRootCheckEngine() call has its own memory) holds one Engine, created on first
// use with the rule set built into the library. The engine catches everything at its boundary (engine.h: no call
// throws), so no C++ exception reaches JavaScript. web/api.js wraps these functions; nothing else should call
// them, because they trade Embind's string conversions for raw bytes, under this contract:
//
// - Arguments: JavaScript first asks argumentBuffer(size) for a Uint8Array view over a buffer owned here, writes the
//   UTF-8 bytes of all the call's arguments into it one after another (one native TypedArray.set each), then calls
//   the function with the byte length of each argument. Embind's std::string conversion would instead run
//   JavaScript loops over every character. The bytes reach the engine untouched, so bytes that are not valid UTF-8
//   get the engine's invalid_utf8 error.
// - Result: every function returns a Uint8Array that is a view into the module's memory, over the UTF-8 JSON text of
//   the reply (Embind's std::string result would scan the bytes twice in JavaScript before decoding them). The bytes
//   live in one buffer owned here and stay valid only until the next call into this module: the next call
//   overwrites them, and any call may grow the memory, which detaches the view. Decode the view (TextDecoder) right
//   after the call returns, before calling anything else.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "engine/engine.h"

namespace {

using emscripten::val;

rootcheck::Engine& engine() {
    static rootcheck::Engine instance;
    return instance;
}

// The arguments of the current call, written by JavaScript through argument_buffer().
std::string& argument_bytes() {
    static std::string bytes;
    return bytes;
}

// Argument capacity kept between calls. A larger buffer (a refused oversized document, a big rule set) is given
// back on the next smaller call, so one huge input does not pin its size in the heap for the instance's lifetime.
constexpr std::size_t kKeptArgumentBytes = 1024 * 1024;

// Makes room for `size` bytes of arguments and returns a view over them (the view is made after the resize, so it
// sees the memory even if that resize grew it).
val argument_buffer(std::size_t size) {
    std::string& bytes = argument_bytes();
    if (bytes.capacity() > kKeptArgumentBytes && size <= kKeptArgumentBytes) std::string().swap(bytes);
    bytes.resize(size);
    return val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<unsigned char*>(bytes.data())));
}

// The argument at [offset, offset + length) of the argument buffer, cut to the buffer if the lengths overrun it.
std::string_view argument(std::size_t offset, std::size_t length) {
    const std::string_view bytes = argument_bytes();
    return bytes.substr(std::min(offset, bytes.size()), length);
}

// Keeps `reply` as the module's last reply (freeing the one before) and returns a view over its bytes: valid until
// the next call into the module (see the contract above).
val reply_view(std::string reply) {
    static std::string last_reply;
    last_reply = std::move(reply);
    return val(emscripten::typed_memory_view(last_reply.size(),
                                             reinterpret_cast<const unsigned char*>(last_reply.data())));
}

val load_rules(std::size_t files_object_length) {
    return reply_view(engine().load_rules_json(argument(0, files_object_length)));
}

val assess(std::size_t answers_document_length) {
    return reply_view(engine().assess(argument(0, answers_document_length)));
}

val next(std::size_t answers_document_length) {
    return reply_view(engine().next(argument(0, answers_document_length)));
}

val questionnaire(std::size_t locale_length, std::size_t mode_length) {
    return reply_view(engine().questionnaire(argument(0, locale_length), argument(locale_length, mode_length)));
}

val info() { return reply_view(engine().info()); }

val add_locale(std::size_t locale_length, std::size_t text_length) {
    return reply_view(engine().add_locale(argument(0, locale_length), argument(locale_length, text_length)));
}

val lint() { return reply_view(engine().lint()); }

val logic(std::size_t rule_length, std::size_t data_length) {
    return reply_view(rootcheck::evaluate_logic(argument(0, rule_length), argument(rule_length, data_length)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(rootcheck) {
    emscripten::function("argumentBuffer", &argument_buffer);
    emscripten::function("loadRules", &load_rules);
    emscripten::function("assess", &assess);
    emscripten::function("next", &next);
    emscripten::function("questionnaire", &questionnaire);
    emscripten::function("info", &info);
    emscripten::function("addLocale", &add_locale);
    emscripten::function("lint", &lint);
    emscripten::function("logic", &logic);
}
