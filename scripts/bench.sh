#!/bin/bash
# Runs the benchmark that compares embertls with OpenSSL 3 and Mbed TLS 2.28 side by side
# (bench/tls12_bench: TLS 1.2 full and resumed handshakes, TLS 1.3 resumption, bulk records,
# memory per connection) and regenerates the README's figures from it: docs/bench/tls12_bench.txt
# (the raw output, with the machine it ran on), docs/bench/tls12_handshakes.png and the table
# between the bench-table markers of README.md (scripts/bench-chart.sh). Builds build-bench/
# (Release, -DEMBER_BUILD_BENCH=ON) first. Progress goes to stderr.
# Usage: scripts/bench.sh [--quick]     (--quick: 0.15 s per cell instead of 1 s, for a try-out)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
[ "${1:-}" = --quick ] && quick=(--quick)
scripts/install-deps.sh
out=docs/bench/tls12_bench.txt
start=$SECONDS
echo "bench: [1/3] configuring and building build-bench (Release; the first time takes minutes) ..." >&2
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBER_BUILD_BENCH=ON \
  -DEMBER_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target tls12_bench
echo "bench: [2/3] running tls12_bench ${quick[*]} (about a minute; its own progress follows) ..." >&2
mkdir -p docs/bench
{
  echo "# $(git describe --always --dirty 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ)," \
    "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores (load $(cut -d' ' -f1 /proc/loadavg) at the start)," \
    "$(openssl version | cut -d' ' -f1-2), Mbed TLS $(dpkg-query -W -f='${Version}' libmbedtls-dev 2>/dev/null || echo '?')"
  build-bench/bench/tls12_bench "${quick[@]}"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "bench: [3/3] chart and README table from $out ..." >&2
scripts/bench-chart.sh "$out"
echo "bench: done in $((SECONDS - start)) s: $out, docs/bench/tls12_handshakes.png, README.md table" >&2
