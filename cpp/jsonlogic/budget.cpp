// The budget's accounting (jsonlogic.h, Budget): measuring values, and copying and assembling them at their cost.
#include <utility>
#include <vector>

#include "internal.h"

namespace rootcheck::jsonlogic::detail {

bool Ctx::exhausted() {
    steps_left = 0;
    over_budget = true;
    return fail(kBudgetExceeded);
}

std::size_t path_cost(const std::vector<json>& segments) {
    std::size_t bytes = 0;
    for (const json& segment : segments) bytes += string_length(segment);
    return segments.size() / kSegmentsPerStep + bytes / kScanBytesPerStep;
}

namespace {

// One container's members and elements, without what nests inside them: their bytes and steps are added to `out`,
// and the structured ones are left in `nested` with their depth.
void add_children(const json& container, std::size_t depth, Measure& out, std::size_t& string_bytes,
                  std::vector<std::pair<const json*, std::size_t>>& nested) {
    const auto add = [&](const json& child) {
        out.bytes += kValueBytes;
        string_bytes += string_length(child);
        if (child.is_structured()) nested.emplace_back(&child, depth + 1);
    };
    if (container.is_object()) {
        for (const auto& [key, member] : container.get_ref<const json::object_t&>()) {
            out.bytes += kValueBytes;  // the member itself (its node in the map)
            string_bytes += key.size();
            add(member);
        }
    } else {
        for (const json& element : container.get_ref<const json::array_t&>()) add(element);
    }
}

}  // namespace

bool measure(const json& value, Ctx& ctx, Measure& out) {
    out = Measure{kValueBytes, 1};
    std::size_t string_bytes = string_length(value);
    if (!value.is_structured()) {
        out.bytes += string_bytes;
        out.steps += string_bytes / kScanBytesPerStep;
        return ctx.spend_steps(out.steps);
    }
    if (!ctx.spend_steps(1)) return false;
    // Containers still to walk, with their depth: most values are flat (a list of region ids) and never use it.
    std::vector<std::pair<const json*, std::size_t>> nested;
    const json* container = &value;
    std::size_t depth = 1;
    for (;;) {
        if (depth > kMaxValueDepth) return ctx.fail(kInvalidArguments);
        // Paid before the walk, so that a huge container stops it at once.
        if (!ctx.spend_steps(container->size())) return false;
        out.steps += container->size();
        string_bytes = 0;
        add_children(*container, depth, out, string_bytes, nested);
        if (!ctx.spend_scan(string_bytes)) return false;
        out.steps += string_bytes / kScanBytesPerStep;
        out.bytes += string_bytes;
        if (nested.empty()) return true;
        container = nested.back().first;
        depth = nested.back().second;
        nested.pop_back();
    }
}

bool copy_bounded(const json& source, Ctx& ctx, json& out) {
    Measure size;
    if (!measure(source, ctx, size) || !ctx.spend_bytes(size.bytes)) return false;
    out = source;
    return true;
}

bool take(Value& value, Ctx& ctx, json& out) {
    if (value.borrowed()) return copy_bounded(value.get(), ctx, out);
    out = value.release();
    return true;
}

bool own(Value& value, Ctx& ctx) {
    if (!value.borrowed()) return true;
    json copy;
    if (!copy_bounded(value.get(), ctx, copy)) return false;
    value.set(std::move(copy));
    return true;
}

bool push_element(json& array, json item, Ctx& ctx) {
    if (!ctx.spend_bytes(kValueBytes)) return false;
    array.push_back(std::move(item));
    return true;
}

}  // namespace rootcheck::jsonlogic::detail
