#!/bin/bash
# The main job (README command 1): builds embertls and runs real TLS exchanges on 127.0.0.1 —
# ember-server with the bundled test PKI (P-256 chain) on a free port, ember-client verifying
# the chain and the host name, printing the handshake line and the server's page: first TLS 1.3,
# then TLS 1.2 (ECDHE-ECDSA-AES128-GCM) resumed once by session ID.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD=${EMBER_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMBER_WERROR=ON >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target ember-server ember-client
PKI=tests/data/pki/p256
log=$(mktemp)
"$BUILD/programs/ember-server" --accept 0 --cert "$PKI/server-chain.crt" --key "$PKI/server.key" \
  --count 3 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do
  port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { echo "main-job: ember-server did not start:"; cat "$log"; exit 1; }
echo "main-job: ember-server listening on 127.0.0.1:$port (chain: $PKI/server-chain.crt)"
"$BUILD/programs/ember-client" --connect "localhost:$port" --cafile "$PKI/ca.crt" \
  --request 'GET / HTTP/1.0\r\n\r\n'
echo "main-job: now TLS 1.2, then a session-ID resumption"
"$BUILD/programs/ember-client" --connect "localhost:$port" --cafile "$PKI/ca.crt" \
  --max-version tls1.2 --ciphersuites TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 --tickets off \
  --reconnect 1
wait $server
echo "main-job: server side:"
grep '^connection' "$log"
