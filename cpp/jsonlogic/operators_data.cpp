// Data access: var, val, exists, missing, missing_some, preserve.
#include <vector>

#include "coercion.h"
#include "internal.h"
#include "paths.h"

namespace rootcheck::jsonlogic::detail {
namespace {

// The operand as one json: a written array evaluates element by element, anything else evaluates as itself.
bool evaluate_operand(const Node& node, Ctx& ctx, Value& out) {
    if (node.args_is_array) return evaluate_array(node, ctx, out);
    return eval(node.args[0], ctx, out);
}

// var: classic dotted path with an optional default ("var": ["a.q", 9]); the path itself may be computed
// (compatible.json {"var": [{"?:": ...}]}). A missing or null value takes the default.
bool op_var(const Node& node, Ctx& ctx, Value& out) {
    const json& data = *ctx.top->data;
    const json* found = nullptr;
    if (node.static_path) {
        if (!ctx.spend_steps(node.path_steps)) return false;
        if (ctx.index != nullptr && &data == ctx.index->data && node.key_number != kNoKeyNumber) {
            // A path from the indexed data: its first step through the index, the rest as usual.
            found = ctx.index->find(node.path[0].get_ref<const std::string&>(), node.key_number);
            for (std::size_t i = 1; found != nullptr && i < node.path.size(); ++i)
                found = step_into(*found, node.path[i]);
        } else {
            found = follow(data, node.path);
        }
    } else {
        Value path;
        if (!eval(node.args[0], ctx, path)) return false;
        std::vector<json> segments;
        if (var_segments(path.get(), segments)) {
            if (!ctx.spend_steps(path_cost(segments))) return false;
            found = follow(data, segments);
        }
    }
    if (found != nullptr && !found->is_null()) {
        out.refer(*found);
        return true;
    }
    if (node.args_is_array && node.args.size() > 1) return eval(node.args[1], ctx, out);
    out.set(nullptr);
    return true;
}

// Resolves a val/exists operand: the scope it climbs to, then the segments. `meta` holds an iteration's
// {"index": i} when the path starts there. nullptr when absent.
bool resolve(const Node& node, Ctx& ctx, json& meta, const json*& found) {
    std::size_t level = node.scope_level;
    std::vector<json> computed;
    const std::vector<json>* segments = &node.path;
    if (node.static_path) {
        if (!ctx.spend_steps(node.path_steps)) return false;
    } else {
        Value operand;
        if (!evaluate_operand(node, ctx, operand)) return false;
        if (!val_segments(operand.get(), level, computed)) {
            found = nullptr;
            return true;
        }
        if (!ctx.spend_steps(path_cost(computed))) return false;
        segments = &computed;
    }
    // Each scope is two levels: its data (even) and its iteration's index object (odd).
    const Frame* frame = ctx.top;
    while (level >= 2 && frame->parent != nullptr) {
        frame = frame->parent;
        level -= 2;
    }
    if (level >= 2) level = 0;  // climbing past the outermost scope stops at the data
    if (level == 1) {
        meta = json();
        if (frame->iterating) meta["index"] = frame->index;
        found = follow(meta, *segments);
        return true;
    }
    found = follow(*frame->data, *segments);
    return true;
}

// val: path segments without dot splitting (val.json); [[n], ...] climbs scopes (scopes.json).
bool op_val(const Node& node, Ctx& ctx, Value& out) {
    json meta;
    const json* found = nullptr;
    if (!resolve(node, ctx, meta, found)) return false;
    if (found == nullptr) {
        out.set(nullptr);
    } else if (found == &meta || !meta.is_null()) {  // points into the local index object: copy it out
        out.set(*found);
    } else {
        out.refer(*found);
    }
    return true;
}

// exists: whether the path is present, even with a null value (exists.json "Checks if a null value exists").
bool op_exists(const Node& node, Ctx& ctx, Value& out) {
    json meta;
    const json* found = nullptr;
    if (!resolve(node, ctx, meta, found)) return false;
    out.set(found != nullptr);
    return true;
}

// Whether `key` is missing from `data`: absent, null or "" (as json-logic-js, which the classic suite follows).
// False when the budget ran out.
bool key_missing(const json& data, const json& key, Ctx& ctx, bool& missing) {
    std::vector<json> segments;
    if (!var_segments(key, segments)) {
        missing = true;
        return true;
    }
    if (!ctx.spend_steps(path_cost(segments))) return false;
    const json* found = follow(data, segments);
    missing = found == nullptr || found->is_null() ||
              (found->is_string() && found->get_ref<const std::string&>().empty());
    return true;
}

// Appends a copy of a missing key to `result`.
bool list_missing(const json& key, Ctx& ctx, json& result) {
    json copy;
    return copy_bounded(key, ctx, copy) && push_element(result, std::move(copy), ctx);
}

// missing: the keys, of those given, that are missing. An array operand is a list of keys
// ("missing": {"merge": [...]} in compatible.json).
bool op_missing(const Node& node, Ctx& ctx, Value& out) {
    const json& data = *ctx.top->data;
    json result = json::array();
    const auto check = [&](const json& key) {
        bool missing = false;
        if (!key_missing(data, key, ctx, missing)) return false;
        return !missing || list_missing(key, ctx, result);
    };
    if (!for_each_operand(node, ctx, [&](const json& operand) {
            if (!operand.is_array()) return check(operand);
            if (!ctx.spend_steps(operand.size())) return false;
            for (const json& key : operand)
                if (!check(key)) return false;
            return true;
        }))
        return false;
    out.set(std::move(result));
    return true;
}

// missing_some: [need, keys]: [] when at least `need` keys are present, else the missing keys.
bool op_missing_some(const Node& node, Ctx& ctx, Value& out) {
    if (!node.args_is_array || node.args.size() < 2) return ctx.fail(kInvalidArguments);
    Value need_value;
    Value keys;
    if (!eval(node.args[0], ctx, need_value) || !eval(node.args[1], ctx, keys)) return false;
    double need = 0;
    if (!to_number(need_value.get(), need)) return ctx.fail(kNaN);
    if (!keys.get().is_array()) return ctx.fail(kInvalidArguments);
    const json& data = *ctx.top->data;
    if (!ctx.spend_steps(keys.get().size())) return false;
    json missing = json::array();
    for (const json& key : keys.get()) {
        bool absent = false;
        if (!key_missing(data, key, ctx, absent)) return false;
        if (absent && !list_missing(key, ctx, missing)) return false;
    }
    const double present = static_cast<double>(keys.get().size() - missing.size());
    out.set(present >= need ? json::array() : std::move(missing));
    return true;
}

constexpr OperatorEntry kOperators[] = {
    {"var", op_var, OperatorKind::var},
    {"val", op_val, OperatorKind::val},
    {"exists", op_exists, OperatorKind::exists},
    {"missing", op_missing, OperatorKind::missing},
    {"missing_some", op_missing_some, OperatorKind::missing_some},
    // The compiler turns preserve into a literal node; the entry only names it.
    {"preserve", evaluate_literal, OperatorKind::preserve},
};

}  // namespace

OperatorTable data_operators() {
    return {kOperators, sizeof kOperators / sizeof kOperators[0]};
}

}  // namespace rootcheck::jsonlogic::detail
