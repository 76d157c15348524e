// Shared by the fuzz targets: a broken property prints what broke and aborts, which libFuzzer reports as a crash
// (and saves the input as crash-<sha1>), exactly as it does for a sanitizer report.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rootcheck::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz property broken: %s\n", what.c_str());
    std::abort();
}

// Whether `object` is an object whose member `key` is the string `text`; false for anything else, never a throw
// (a JsonLogic error's members can hold any JSON a rule threw).
inline bool member_is(const nlohmann::json& object, const char* key, std::string_view text) {
    if (!object.is_object()) return false;
    const auto member = object.find(key);
    return member != object.end() && member->is_string() && member->get_ref<const std::string&>() == text;
}

// The text an engine call returned (engine.h: every call returns JSON text and never reports internal_error, which
// means something threw: a bug), parsed. `call` names the call in the failure message.
inline nlohmann::json engine_output(std::string_view call, const std::string& text) {
    nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) fail(std::string(call) + " returned text that is not JSON: " + text);
    if (!document.is_object()) fail(std::string(call) + " returned JSON that is not an object: " + text);
    const auto error = document.find("error");
    if (error != document.end() && member_is(*error, "code", "internal_error")) {
        fail(std::string(call) + " reported an internal error: " + text);
    }
    return document;
}

}  // namespace rootcheck::fuzz
