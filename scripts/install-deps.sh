#!/bin/bash
# Installs the Debian 12 packages embertls needs to build, test, benchmark and fuzz, and the
# peers the interoperability tests talk to. Quiet and fast when everything is present; apt's
# output goes to a log that is printed only when the install fails.
# Usage: scripts/install-deps.sh            (the packages below)
#        scripts/install-deps.sh PKG...     (only these, e.g. python3-matplotlib for bench-chart.sh)
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
[ $# -gt 0 ] && PACKAGES=("$@")
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${#missing[@]} Debian package(s): ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/install-deps.XXXXXX.log)
start=$SECONDS
run() {  # runs an apt command into the log; on failure shows the log and stops
  if ! "$@" >>"$log" 2>&1; then
    echo "install-deps: FAILED: $* (output below, also in $log)" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}
echo "install-deps: apt-get update ..."
run "${SUDO[@]}" apt-get update -q
echo "install-deps: apt-get install ..."
run "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
rm -f "$log"
echo "install-deps: done in $((SECONDS - start)) s"
