#!/usr/bin/env bash
# Installs the Debian packages RootCheck builds and tests with, when any is missing (used by `npm start` and
# .ci/run). Node.js 20 and npm are expected to be there already (they run this project's scripts).
set -euo pipefail

packages=(
  cmake ninja-build g++              # native build
  emscripten                         # em++ for the WebAssembly build (brings clang, lld, binaryen)
  nlohmann-json3-dev libgtest-dev    # JSON library; GoogleTest (also built from source for WebAssembly)
  clang libclang-rt-14-dev           # the fuzz targets (tests/fuzz/): clang with libFuzzer and the sanitizers
  chromium-headless-shell            # browser tests and page benchmarks (tests/browser/chromium.mjs)
  fonts-dejavu-core fonts-liberation # the fonts those pages render with: DejaVu Sans is what Debian's fontconfig
                                     # gives for sans-serif and system-ui; with Liberation alone it gives Liberation
                                     # Mono, and a fresh machine drew the widget monospaced (its print took 2 pages)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: not root; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
