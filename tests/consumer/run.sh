#!/bin/bash
# Builds and runs the consumer against an installed embertls: once with find_package (shared and
# static targets) and once with pkg-config. Usage: tests/consumer/run.sh PREFIX
set -euo pipefail
prefix=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== find_package(embertls) from $prefix"
cmake -S "$here/cmake" -B "$work/cmake" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" "$work/cmake/consumer_shared"
"$work/cmake/consumer_static"

echo "== pkg-config embertls"
pcdir=$(dirname "$(find "$prefix" -name embertls.pc | head -n1)")
export PKG_CONFIG_PATH="$pcdir"
c++ -std=c++20 "$here/consumer.cpp" -o "$work/consumer_pc" $(pkg-config --cflags --libs embertls)
LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" "$work/consumer_pc"
c++ -std=c++20 "$here/consumer.cpp" -o "$work/consumer_pc_static" -static-libstdc++ \
  $(pkg-config --cflags embertls) "$(pkg-config --variable=libdir embertls)/libembertls.a" \
  $(pkg-config --libs --static libcrypto) -lpthread
"$work/consumer_pc_static"
echo "consumer: all builds ran"
