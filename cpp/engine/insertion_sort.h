// A stable sort for the short lists the engine orders: findings by score, evidence, the keys of one object. None
// holds more than a few dozen items (the rule set's roots, mechanisms and evidence), where insertion is as quick as
// std::sort and std::stable_sort. The reason to have it is size: each use of the library's sorts instantiates
// introsort or merge sort, 1.5-6 KB of WebAssembly apiece (23 KB for the six uses, 8 KB of the gzipped module);
// this is about 0.1 KB apiece.
#pragma once

#include <functional>
#include <iterator>
#include <utility>

namespace rootcheck {

// Sorts [first, last) by `less`, keeping the order of items that compare equal (as std::stable_sort does).
template <typename Iterator, typename Less = std::less<>>
void insertion_sort(Iterator first, Iterator last, Less less = {}) {
    if (first == last) return;
    for (Iterator next = std::next(first); next != last; ++next) {
        auto item = std::move(*next);
        Iterator hole = next;
        for (Iterator before = std::prev(hole); less(item, *before); --before) {
            *hole = std::move(*before);
            hole = before;
            if (before == first) break;
        }
        *hole = std::move(item);
    }
}

}  // namespace rootcheck
