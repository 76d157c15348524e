// memcmp for the WebAssembly module, in place of Emscripten's musl one, which compares one byte per loop turn.
// The engine compares strings all the time (map keys, answer values, ids), and that loop took 4.5% of an assess
// call; comparing four bytes at a time made assess 3% faster. Linked with the small-object allocator
// (cpp/CMakeLists.txt), so the WebAssembly tests run on it too.
//
// Contract (C standard): the sign of the difference between the first differing bytes, read as unsigned char; 0
// when the first `size` bytes are equal. Any alignment.
#include <cstddef>
#include <cstdint>

// Out of line: inlined into its callers by link-time optimisation, it made the module 2.8 KB gzip larger for another
// 3% of assess.
extern "C" [[gnu::noinline]] int memcmp(const void* left, const void* right, std::size_t size) {
    auto* l = static_cast<const unsigned char*>(left);
    auto* r = static_cast<const unsigned char*>(right);
    // Four equal bytes at a time (unaligned loads are allowed in WebAssembly); stop at the word that differs.
    while (size >= 4) {
        std::uint32_t l_word;
        std::uint32_t r_word;
        __builtin_memcpy(&l_word, l, 4);
        __builtin_memcpy(&r_word, r, 4);
        if (l_word != r_word) break;
        l += 4;
        r += 4;
        size -= 4;
    }
    // The differing word, or the last few bytes, one at a time: the first difference decides.
    for (; size != 0; --size, ++l, ++r) {
        if (*l != *r) return *l < *r ? -1 : 1;
    }
    return 0;
}
