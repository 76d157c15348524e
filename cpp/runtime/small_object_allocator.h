// The WebAssembly module's allocator for small objects (small_object_allocator.cpp), which replaces the global
// operator new and delete in the programs that link it: the module and the WebAssembly test suite (cpp/CMakeLists.txt).
//
// Why: an assessment allocates and frees about 300 small objects (the answers document as a JSON tree, strings,
// evidence lists). Emscripten's malloc (emmalloc, chosen for start-up: cpp/CMakeLists.txt) spends about a tenth of
// an assess call on them; these free lists take a few instructions per call.
//
// Contract, on top of the standard one for operator new and delete:
// - Requests of 1 to 256 bytes are served from a free list per 16-byte size class; each class carves its blocks
//   from 64 KB slabs it takes from malloc. Every block is 16-byte aligned. Larger requests go to malloc.
// - Memory a class has taken is never given back to malloc: freed blocks wait on their class's list for the next
//   request of that class. A run of identical calls therefore allocates nothing new after the first.
// - Single-threaded: the module is built without threads.
// - wasm32 only: a slab is found from a block's address through a table with one byte per 64 KB of the 4 GB address
//   space, which only a 32-bit address space allows.
#pragma once

namespace rootcheck::runtime {

// Whether `pointer` lies in a slab of the small-object classes (as opposed to memory from malloc). For tests.
bool small_object_pool_owns(const void* pointer);

}  // namespace rootcheck::runtime
