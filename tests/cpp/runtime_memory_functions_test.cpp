// The WebAssembly module's memcmp and memcpy (cpp/runtime/memory_functions.cpp), against byte-at-a-time
// references. Built into the WebAssembly suite only, which links them. Lengths are never compile-time constants
// here, so the compiler calls the functions instead of expanding them inline.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <random>
#include <vector>

namespace {

int reference(const unsigned char* left, const unsigned char* right, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        if (left[i] != right[i]) return left[i] < right[i] ? -1 : 1;
    }
    return 0;
}

int sign(int value) { return (value > 0) - (value < 0); }

// Every length from 0 to 40 at every alignment of both sides: equal; with one byte changed at each position, up or
// down (bytes above 127 included, which must compare as unsigned); and with the next byte changed the other way too,
// which a comparison of whole words as numbers would get wrong.
TEST(RuntimeMemcmp, AgreesWithAByteByByteComparison) {
    std::mt19937 random(7);
    std::vector<unsigned char> left(64), right(64);
    int cases = 0;
    for (std::size_t size = 0; size <= 40; ++size) {
        for (std::size_t left_offset = 0; left_offset < 4; ++left_offset) {
            for (std::size_t right_offset = 0; right_offset < 4; ++right_offset) {
                for (std::size_t i = 0; i < size; ++i) left[left_offset + i] = static_cast<unsigned char>(random());
                std::memmove(&right[right_offset], &left[left_offset], size);
                const unsigned char* l = &left[left_offset];
                unsigned char* r = &right[right_offset];
                ASSERT_EQ(std::memcmp(l, r, size), 0) << "equal, size " << size;
                for (std::size_t at = 0; at < size; ++at) {
                    for (int delta : {1, 128, 255}) {
                        for (bool next_too : {false, true}) {
                            if (next_too && at + 1 == size) continue;
                            const unsigned char kept = r[at];
                            const unsigned char kept_next = r[at + 1];
                            r[at] = static_cast<unsigned char>(kept + delta);
                            if (next_too) r[at + 1] = static_cast<unsigned char>(kept_next - delta);
                            ASSERT_EQ(sign(std::memcmp(l, r, size)), reference(l, r, size))
                                << "size " << size << ", byte " << at << " changed by " << delta
                                << (next_too ? ", the next byte by the opposite" : "");
                            ASSERT_EQ(sign(std::memcmp(r, l, size)), reference(r, l, size));
                            r[at] = kept;
                            r[at + 1] = kept_next;
                            ++cases;
                        }
                    }
                }
            }
        }
    }
    EXPECT_EQ(cases, 16 * 3 * (40 * 41 / 2 + 39 * 40 / 2));
}

// A difference in a later byte of the same word must not decide over an earlier one.
TEST(RuntimeMemcmp, TheFirstDifferenceDecides) {
    const unsigned char left[] = {'a', 'b', 0x01, 0xff, 'e'};
    const unsigned char right[] = {'a', 'b', 0x02, 0x00, 'e'};
    volatile std::size_t all = sizeof left;
    volatile std::size_t before_difference = 2;
    EXPECT_LT(std::memcmp(left, right, all), 0);
    EXPECT_GT(std::memcmp(right, left, all), 0);
    EXPECT_EQ(std::memcmp(left, right, before_difference), 0);
}

// Every length from 0 to 40 between every pair of alignments: the bytes arrive in order, the bytes around the
// destination stay as they were, and the destination comes back.
TEST(RuntimeMemcpy, CopiesExactlyTheBytesAskedForAtAnyAlignment) {
    std::mt19937 random(11);
    std::vector<unsigned char> source(64), destination(64), expected(64);
    for (std::size_t size = 0; size <= 40; ++size) {
        for (std::size_t from = 0; from < 8; ++from) {
            for (std::size_t to = 0; to < 8; ++to) {
                for (auto& byte : source) byte = static_cast<unsigned char>(random());
                for (auto& byte : destination) byte = static_cast<unsigned char>(random());
                expected = destination;
                for (std::size_t i = 0; i < size; ++i) expected[to + i] = source[from + i];
                void* returned = std::memcpy(&destination[to], &source[from], size);
                ASSERT_EQ(returned, &destination[to]);
                ASSERT_EQ(destination, expected) << "size " << size << ", from offset " << from << " to " << to;
            }
        }
    }
}

TEST(RuntimeMemcpy, CopiesLargeBlocks) {
    std::vector<unsigned char> source(100003), destination(100010, 0);
    for (std::size_t i = 0; i < source.size(); ++i) source[i] = static_cast<unsigned char>(i * 7 + i / 256);
    std::memcpy(&destination[3], source.data(), source.size());
    EXPECT_TRUE(std::equal(source.begin(), source.end(), destination.begin() + 3));
    EXPECT_EQ(destination[2], 0);
    EXPECT_EQ(destination[3 + source.size()], 0);
}

// memmove (musl's) hands copies whose regions do not overlap to memcpy; overlapping ones must still come out right.
TEST(RuntimeMemcpy, MemmoveStillHandlesOverlapBothWays) {
    std::vector<unsigned char> bytes(64);
    for (std::size_t size : {std::size_t{5}, std::size_t{17}, std::size_t{40}}) {
        for (std::size_t shift : {std::size_t{1}, std::size_t{3}, std::size_t{8}}) {
            for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i);
            std::memmove(&bytes[shift], &bytes[0], size);
            for (std::size_t i = 0; i < size; ++i) ASSERT_EQ(bytes[shift + i], i) << "forward " << size << "/" << shift;
            for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i);
            std::memmove(&bytes[0], &bytes[shift], size);
            for (std::size_t i = 0; i < size; ++i) ASSERT_EQ(bytes[i], i + shift) << "back " << size << "/" << shift;
        }
    }
}

}  // namespace
