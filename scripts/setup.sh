#!/usr/bin/env bash
# Installs whatever is missing on a Debian 12 machine (apt packages, the pinned npm packages),
# then configures and builds warden with the default preset. Safe to run again: it installs
# only what is missing and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build pkg-config
  clang-19 lld-19 libclang-rt-19-dev
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32 wasi-libc wabt
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  libc-ares-dev dnsmasq-base unicode-data publicsuffix libcurl4-openssl-dev
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The pinned npm packages (jco and data lists); the lockfile is committed.
if [ ! -d bindings/node/node_modules ] || [ bindings/node/package-lock.json -nt bindings/node/node_modules ]; then
  (cd bindings/node && npm ci --no-audit --no-fund)
fi

cmake --preset default
cmake --build --preset default -j "$(nproc)"
