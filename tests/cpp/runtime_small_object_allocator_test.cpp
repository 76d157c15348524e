// The WebAssembly module's operator new and delete (cpp/runtime/small_object_allocator.h). Built into the
// WebAssembly suite only, which links that allocator; the rest of the suite runs on it as well.
#include "runtime/small_object_allocator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using rootcheck::runtime::small_object_pool_owns;

bool aligned_16(const void* pointer) { return reinterpret_cast<std::uintptr_t>(pointer) % 16 == 0; }

TEST(SmallObjectAllocator, ServesUpTo256BytesFromItsClassesAndLargerFromMalloc) {
    for (std::size_t size : {std::size_t{1}, std::size_t{16}, std::size_t{17}, std::size_t{255}, std::size_t{256}}) {
        void* block = ::operator new(size);
        EXPECT_TRUE(small_object_pool_owns(block)) << size << " bytes";
        EXPECT_TRUE(aligned_16(block)) << size << " bytes";
        ::operator delete(block);
    }
    for (std::size_t size : {std::size_t{0}, std::size_t{257}, std::size_t{70000}}) {
        void* block = ::operator new(size);
        EXPECT_NE(block, nullptr);
        EXPECT_FALSE(small_object_pool_owns(block)) << size << " bytes";
        ::operator delete(block);
    }
    EXPECT_FALSE(small_object_pool_owns(nullptr));
}

TEST(SmallObjectAllocator, GivesAFreedBlockToTheNextRequestOfItsClass) {
    void* first = ::operator new(40);  // the 48-byte class
    ::operator delete(first);
    void* second = ::operator new(33);  // the same class
    EXPECT_EQ(second, first);
    ::operator delete(second);
}

TEST(SmallObjectAllocator, EveryFormOfNewAndDeletePairs) {
    auto* array = new std::uint64_t[20];
    EXPECT_TRUE(small_object_pool_owns(array));
    delete[] array;
    auto* object = new (std::nothrow) std::string(100, 'x');
    ASSERT_NE(object, nullptr);
    delete object;
    ::operator delete(::operator new(24), std::size_t{24});  // sized delete
    ::operator delete[](::operator new[](300), std::size_t{300});
}

TEST(SmallObjectAllocator, ReportsExhaustionWithoutCorruptingItsState) {
    const std::size_t impossible = std::numeric_limits<std::size_t>::max() - 64;
    EXPECT_EQ(::operator new(impossible, std::nothrow), nullptr);
    EXPECT_THROW(static_cast<void>(::operator new(impossible)), std::bad_alloc);
    auto after = std::make_unique<int>(7);
    EXPECT_EQ(*after, 7);
}

// Many live blocks of mixed sizes, each filled with its own byte, freed and allocated in random order: any two
// blocks that overlapped, or a free list that handed a block out twice, would overwrite another block's bytes.
TEST(SmallObjectAllocator, LiveBlocksNeverOverlap) {
    struct Live {
        unsigned char* bytes;
        std::size_t size;
        unsigned char fill;
    };
    std::mt19937 random(20261126);
    std::uniform_int_distribution<std::size_t> size_of(1, 320);  // both sides of the 256-byte limit
    std::vector<Live> live;
    unsigned char next_fill = 1;
    auto check = [](const Live& block) {
        for (std::size_t i = 0; i < block.size; ++i) {
            if (block.bytes[i] != block.fill) return false;
        }
        return true;
    };
    for (int step = 0; step < 60000; ++step) {
        if (!live.empty() && random() % 5 < 2) {
            const std::size_t victim = random() % live.size();
            ASSERT_TRUE(check(live[victim])) << "block of " << live[victim].size << " bytes overwritten, step " << step;
            ::operator delete(live[victim].bytes);
            live[victim] = live.back();
            live.pop_back();
        } else {
            const std::size_t size = size_of(random);
            auto* bytes = static_cast<unsigned char*>(::operator new(size));
            ASSERT_TRUE(aligned_16(bytes) || !small_object_pool_owns(bytes));
            next_fill = static_cast<unsigned char>(next_fill % 255 + 1);
            std::fill(bytes, bytes + size, next_fill);
            live.push_back({bytes, size, next_fill});
        }
    }
    std::set<const void*> distinct;
    for (const Live& block : live) {
        EXPECT_TRUE(check(block)) << "block of " << block.size << " bytes overwritten at the end";
        distinct.insert(block.bytes);
        ::operator delete(block.bytes);
    }
    EXPECT_EQ(distinct.size(), live.size());
}

// The same work twice: the second time takes every block from the free lists, so the memory does not grow.
TEST(SmallObjectAllocator, RepeatedWorkReusesItsBlocks) {
    auto work = [] {
        std::vector<std::unique_ptr<std::string>> strings;
        for (int i = 0; i < 20000; ++i) strings.push_back(std::make_unique<std::string>(40 + i % 200, 'y'));
    };
    work();
    const std::size_t pages_before = __builtin_wasm_memory_size(0);
    for (int round = 0; round < 5; ++round) work();
    EXPECT_EQ(__builtin_wasm_memory_size(0), pages_before);
}

}  // namespace
