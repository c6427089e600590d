#!/bin/sh
# Prints how much the bot tables add to warden_analyzer.wasm: builds the module a second time
# with tables compiled from an empty pattern list and overlay, and compares with the module of
# an existing build directory.
#   tools/botc/measure_wasm_size.sh <build-dir> [<scratch-build-dir>]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
scratch=${2:-/tmp/warden-bot-size}
ninja -C "$build" -j2 warden_analyzer_module >/dev/null
cmake -S "$src" -B "$scratch" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DWARDEN_BUILD_NODE=OFF \
  -DWARDEN_BUILD_TESTS=OFF -DWARDEN_BUILD_BENCHMARKS=OFF \
  -DWARDEN_BOT_TABLES_CUA="$src/test/core/bot/fixtures/empty_cua.json" \
  -DWARDEN_BOT_TABLES_OVERLAY="$src/test/core/bot/fixtures/empty_overlay.json" >/dev/null
ninja -C "$scratch" -j2 warden_analyzer_module >/dev/null
with=$(stat -c %s "$build/core/warden_analyzer.wasm")
without=$(stat -c %s "$scratch/core/warden_analyzer.wasm")
echo "warden_analyzer.wasm with bot tables: $with bytes; with empty tables: $without bytes;" \
  "tables add $((with - without)) bytes ($(( (with - without) / 1024 )) KiB; budget 400 KiB)"
