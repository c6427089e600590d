#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build, and run every default test.
# Long soaks, big fuzz runs and big benchmarks are opt-in (see docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --preset default -j 2
