#!/bin/bash
# Builds and runs the consumer against an installed embertls exactly as the README tells users
# (find_package; pkg-config with -Wl,-rpath), from a non-system prefix and WITHOUT
# LD_LIBRARY_PATH: every program built here, and the installed ember-* programs, must start.
# A build without the rpath must not start (proves the prefix is not on the loader's path, so
# the runs above prove the recipe). Usage: tests/consumer/run.sh PREFIX
set -euo pipefail
prefix=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset LD_LIBRARY_PATH
run() {  # runs a built program; fails naming it when it does not start or fails
  echo "-- $*" >&2
  "$@" || { echo "consumer: FAIL: $* exited $?"; exit 1; }
}

echo "== installed programs from $prefix/bin (RUNPATH \$ORIGIN/../lib)"
for prog in ember-client ember-server ember-x509; do
  run "$prefix/bin/$prog" --help >/dev/null
done

echo "== find_package(embertls) from $prefix"
cmake -S "$here/cmake" -B "$work/cmake" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
run "$work/cmake/consumer_shared"
run "$work/cmake/consumer_static"

echo "== pkg-config embertls (README: -Wl,-rpath,\$(pkg-config --variable=libdir embertls))"
pcdir=$(dirname "$(find "$prefix" -name embertls.pc | head -n1)")
export PKG_CONFIG_PATH="$pcdir"
libdir=$(pkg-config --variable=libdir embertls)
c++ -std=c++20 "$here/consumer.cpp" -o "$work/consumer_pc" $(pkg-config --cflags --libs embertls) \
  -Wl,-rpath,"$libdir"
run "$work/consumer_pc"
c++ -std=c++20 "$here/consumer.cpp" -o "$work/consumer_pc_static" -static-libstdc++ \
  $(pkg-config --cflags embertls) "$libdir/libembertls.a" \
  $(pkg-config --libs --static libcrypto) -lpthread
run "$work/consumer_pc_static"

echo "== without the rpath the loader must not find libembertls (the prefix is not a system one)"
c++ -std=c++20 "$here/consumer.cpp" -o "$work/consumer_norpath" $(pkg-config --cflags --libs embertls)
if out=$("$work/consumer_norpath" 2>&1); then
  echo "consumer: FAIL: a build without -Wl,-rpath started, so $prefix is on the loader's path"
  echo "          and this test proves nothing: $out"
  exit 1
fi
grep -q "libembertls.so.0: cannot open shared object file" <<<"$out" ||
  { echo "consumer: FAIL: unexpected failure without rpath: $out"; exit 1; }
echo "-- without rpath: $out (as expected)"

echo "== the Mbed TLS 2.28 C API: programs/compat/ssl_client1.c against openssl s_server"
src=$here/../../programs/compat/ssl_client1.c
pki=$here/../data/pki/rsa2048
mlibdir=$(pkg-config --variable=libdir mbedtls)
cc -std=c99 -Wall -Werror "$src" -o "$work/client1_pc" $(pkg-config --cflags --libs mbedtls) \
  -Wl,-rpath,"$mlibdir"
cc -std=c99 -Wall -Werror "$src" -o "$work/client1_l" -I"$prefix/include" \
  -L"$mlibdir" -lmbedtls -lmbedx509 -lmbedcrypto -Wl,-rpath,"$mlibdir"
# shellcheck source=../interop/lib.sh
source "$here/../interop/lib.sh"
for prog in "$work/client1_pc" "$work/client1_l"; do
  openssl s_server -accept 0 -naccept 1 -www -cert "$pki/server.crt" -cert_chain "$pki/inter.crt" \
    -key "$pki/server.key" >"$work/server.log" 2>&1 &
  srv=$!
  port=$(wait_server "$srv") || { echo "consumer: openssl s_server did not start"; exit 1; }
  "$prog" server_port="$port" \
    ca_file="$pki/ca.crt" >"$work/client1.log" 2>&1 || { cat "$work/client1.log"; exit 1; }
  wait "$srv" 2>/dev/null || true
  grep -q '^    \[ Protocol is TLSv1\.3 \]$' "$work/client1.log" ||
    { cat "$work/client1.log"; echo "consumer: ssl_client1 did not connect"; exit 1; }
  # Linked with embertls, not with Debian's Mbed TLS.
  ldd "$prog" | grep 'libembertls-mbedtls' | grep -qv 'not found' ||
    { echo "consumer: $prog is not linked with the installed libembertls-mbedtls"; exit 1; }
  echo "consumer: $(basename "$prog") connected (TLSv1.3)"
done
echo "consumer: all builds ran"
