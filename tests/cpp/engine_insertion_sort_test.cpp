// engine/insertion_sort.h: the same order as std::stable_sort, equal items kept in their order.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/insertion_sort.h"

namespace {

using rootcheck::insertion_sort;

TEST(InsertionSort, EmptyAndSingle) {
    std::vector<int> none;
    insertion_sort(none.begin(), none.end());
    EXPECT_TRUE(none.empty());
    std::vector<int> one{7};
    insertion_sort(one.begin(), one.end());
    EXPECT_EQ(one, std::vector<int>{7});
}

TEST(InsertionSort, OrdersAsStableSortDoes) {
    std::mt19937 random(5);
    for (int round = 0; round < 2000; ++round) {
        // Scores with many ties (as findings have), each tagged with its original position.
        std::vector<std::pair<int, std::string>> items(random() % 40);
        for (std::size_t i = 0; i < items.size(); ++i) items[i] = {static_cast<int>(random() % 6), std::to_string(i)};
        auto expected = items;
        const auto by_score_descending = [](const auto& a, const auto& b) { return a.first > b.first; };
        std::stable_sort(expected.begin(), expected.end(), by_score_descending);
        insertion_sort(items.begin(), items.end(), by_score_descending);
        ASSERT_EQ(items, expected) << "round " << round;
    }
}

TEST(InsertionSort, DefaultsToLess) {
    std::vector<std::pair<std::string, int>> keys{{"text", 0}, {"classification", 1}, {"evidence", 2}, {"central", 3}};
    insertion_sort(keys.begin(), keys.end());
    const std::vector<std::pair<std::string, int>> expected{
        {"central", 3}, {"classification", 1}, {"evidence", 2}, {"text", 0}};
    EXPECT_EQ(keys, expected);
}

}  // namespace
