// rootcheck_bench: times Engine::assess natively on one answers document, for comparison with the WebAssembly
// figures of `npm run bench` (tests/bench/native.bench.mjs runs this program and shows its lines).
//
// Usage: rootcheck_bench ANSWERS.json [RUNS]   (RUNS defaults to 20000, after a warm-up of RUNS / 10 calls)
// Prints two lines: `assess median: <µs> µs` and `assess p99: <µs> µs (<RUNS> runs)`. Exit 1 on a bad argument or
// when the engine refuses the document (timing error replies would measure the wrong path).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace {

bool read_file(const char* path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream content;
    content << in.rdbuf();
    text = content.str();
    return true;
}

// Nearest-rank quantile of sorted values.
double quantile(const std::vector<double>& sorted, double q) {
    auto rank = static_cast<std::size_t>(q * static_cast<double>(sorted.size()) + 0.999999);
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: rootcheck_bench ANSWERS.json [RUNS]\n";
        return 1;
    }
    std::string document;
    if (!read_file(argv[1], document)) {
        std::cerr << "rootcheck_bench: cannot read " << argv[1] << "\n";
        return 1;
    }
    const long runs = argc == 3 ? std::atol(argv[2]) : 20000;
    if (runs <= 0) {
        std::cerr << "rootcheck_bench: RUNS must be a positive number\n";
        return 1;
    }

    rootcheck::Engine engine;
    const std::string first = engine.assess(document);
    if (first.rfind("{\"error\"", 0) == 0) {
        std::cerr << "rootcheck_bench: the engine refuses " << argv[1] << ": " << first << "\n";
        return 1;
    }
    // The result's size feeds the output so the optimiser cannot drop the calls.
    std::size_t checksum = 0;
    for (long i = 0; i < runs / 10; ++i) checksum += engine.assess(document).size();

    std::vector<double> micros(static_cast<std::size_t>(runs));
    for (auto& elapsed : micros) {
        const auto start = std::chrono::steady_clock::now();
        checksum += engine.assess(document).size();
        elapsed = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    }
    std::sort(micros.begin(), micros.end());
    std::printf("assess median: %.1f µs\n", quantile(micros, 0.5));
    std::printf("assess p99: %.1f µs (%ld runs, %zu result bytes)\n", quantile(micros, 0.99), runs,
                checksum / static_cast<std::size_t>(runs + runs / 10));
    return 0;
}
