#!/bin/bash
# Installs the Debian 12 packages embertls needs to build, test, benchmark and fuzz, and the
# peers the interoperability tests talk to. Quiet and fast when everything is present.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libssl-dev openssl            # libcrypto 3 (the crypto provider) and the openssl CLI peer
  libgtest-dev libgmock-dev     # unit tests
  libbenchmark-dev              # benchmarks
  libmbedtls-dev                # Mbed TLS 2.28: reference peer, differential tests, benchmarks
  gnutls-bin                    # gnutls-serv / gnutls-cli interop peers
  clang llvm libclang-rt-14-dev # libFuzzer builds
  valgrind python3
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
