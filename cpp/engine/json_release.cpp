#include "json_release.h"

namespace rootcheck {

namespace {

void release(nlohmann::json& value, int depth) {
    if (value.is_object()) {
        auto& members = value.get_ref<nlohmann::json::object_t&>();
        if (depth < kReleaseDepth) {
            for (auto& member : members) release(member.second, depth + 1);
        }
        members.clear();
    } else if (value.is_array()) {
        auto& elements = value.get_ref<nlohmann::json::array_t&>();
        if (depth < kReleaseDepth) {
            for (auto& element : elements) release(element, depth + 1);
        }
        elements.clear();
    }
}

}  // namespace

void release_shallow(nlohmann::json& value) {
    release(value, 0);
}

}  // namespace rootcheck
