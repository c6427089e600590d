#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on its embedded
# defaults (sample requests analysed with default rules through the wasm2c engine).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/default/tools/eval/warden demo
