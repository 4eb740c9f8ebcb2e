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
echo "== the Mbed TLS 2.28 C API: programs/compat/ssl_client1.c against openssl s_server"
src=$here/../../programs/compat/ssl_client1.c
pki=$here/../data/pki/rsa2048
cc -std=c99 -Wall -Werror "$src" -o "$work/client1_pc" $(pkg-config --cflags --libs mbedtls)
cc -std=c99 -Wall -Werror "$src" -o "$work/client1_l" -I"$prefix/include" \
  -L"$(pkg-config --variable=libdir mbedtls)" -lmbedtls -lmbedx509 -lmbedcrypto
# shellcheck source=../interop/lib.sh
source "$here/../interop/lib.sh"
for prog in "$work/client1_pc" "$work/client1_l"; do
  openssl s_server -accept 0 -naccept 1 -www -cert "$pki/server.crt" -cert_chain "$pki/inter.crt" \
    -key "$pki/server.key" >"$work/server.log" 2>&1 &
  srv=$!
  port=$(wait_server "$srv") || { echo "consumer: openssl s_server did not start"; exit 1; }
  LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" "$prog" server_port="$port" \
    ca_file="$pki/ca.crt" >"$work/client1.log" 2>&1 || { cat "$work/client1.log"; exit 1; }
  wait "$srv" 2>/dev/null || true
  grep -q '^    \[ Protocol is TLSv1\.3 \]$' "$work/client1.log" ||
    { cat "$work/client1.log"; echo "consumer: ssl_client1 did not connect"; exit 1; }
  # Linked with embertls, not with Debian's Mbed TLS.
  LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" ldd "$prog" | grep -q 'libembertls-mbedtls' ||
    { echo "consumer: $prog is not linked with libembertls-mbedtls"; exit 1; }
  echo "consumer: $(basename "$prog") connected (TLSv1.3)"
done
echo "consumer: all builds ran"
