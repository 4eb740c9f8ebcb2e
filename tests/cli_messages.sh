#!/bin/bash
# ember-server / ember-client failures say why, with real processes on 127.0.0.1: which address
# and port and the OS's error text (busy port, refused port), the names a certificate has when
# the host name does not match it, alerts by name in the server's log, and verify flags by name
# with --no-verify. Usage (from tests/data): cli_messages.sh BUILD_PROGRAMS_DIR
set -uo pipefail
bin=$1
S=$bin/ember-server
C=$bin/ember-client
P=pki/p256
fails=0
tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

check() {  # name expected-rc pattern command...
  local name=$1 want=$2 pattern=$3
  shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL  $name: rc=$rc (want $want; /$pattern/), output:"; sed 's/^/      /' <<<"$out"
    fails=$((fails + 1))
  else
    echo "ok    $name"
  fi
}

# Starts ember-server ARGS... on a free port; sets $port, $server_pid, log in $tmp/server.log.
start_server() {
  "$S" --accept 0 "$@" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/server.log")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "FAIL  ember-server did not start: $(cat "$tmp/server.log")"; exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=; }
# Waits until the server's log has the line for connection N.
server_logged() {
  for _ in $(seq 100); do
    grep -q "^connection $1: " "$tmp/server.log" && return 0
    sleep 0.05
  done
  return 1
}

start_server --cert $P/server-chain.crt --key $P/server.key

# A busy port: the server above holds it.
check "busy port: address, port and OS error" 1 \
  "^ember-server: listen: cannot bind 127\.0\.0\.1:$port: Address already in use$" \
  "$S" --accept "$port" --cert $P/server-chain.crt --key $P/server.key

# The limits (issue 17) take a number from 0 (no limit) to 2^32 - 1, nothing else.
for bad in 12x -1 4294967296 ""; do
  check "a limit refuses '$bad'" 1 \
    "^ember-client: --max-key-updates wants a number from 0 to 4294967295 \(0 = no limit\)$" \
    "$C" --connect 127.0.0.1:"$port" --max-key-updates "$bad"
done
check "server: a limit refuses a bad number" 1 "^ember-server: --max-pending-output wants a number" \
  "$S" --accept 0 --cert $P/server-chain.crt --key $P/server.key --max-pending-output 1e6
check "server: --client-renegotiation wants on or off" 1 "--client-renegotiation wants on or off" \
  "$S" --accept 0 --cert $P/server-chain.crt --key $P/server.key --client-renegotiation yes

# Host-name mismatch: the names the certificate has (its SAN).
check "host name mismatch names the SAN" 1 \
  "host name nope\.test does not match the certificate \(SAN: DNS:localhost, DNS:server\.test, IP:127\.0\.0\.1\)" \
  "$C" --connect 127.0.0.1:"$port" --cafile $P/ca.crt --servername nope.test
check "host name mismatch: flags named" 1 "verify flags 0x00000004 \(CN_MISMATCH\): " \
  "$C" --connect 127.0.0.1:"$port" --cafile $P/ca.crt --servername nope.test
check "client names the alert it sent" 1 "sent alert 42 \(bad_certificate\)" \
  "$C" --connect 127.0.0.1:"$port" --cafile $P/ca.crt --servername nope.test
server_logged 3
check "server log names the alert received" 0 \
  "^connection 1: failed: .*alert 42 \(bad_certificate\)$" cat "$tmp/server.log"
check "untrusted chain: alert and flag named" 1 \
  "sent alert 48 \(unknown_ca\).*0x00000008 \(NOT_TRUSTED\)" \
  "$C" --connect 127.0.0.1:"$port" --cafile pki/rsa2048/ca.crt
server_logged 4
check "server log: unknown_ca by name" 0 "^connection 4: failed: .*alert 48 \(unknown_ca\)$" \
  cat "$tmp/server.log"
check "--debug trace names the alert sent" 1 "sending fatal alert 48 \(unknown_ca\)" \
  "$C" --connect 127.0.0.1:"$port" --cafile pki/rsa2048/ca.crt --debug 1

# --no-verify: the flags with their names beside the hex.
check "--no-verify names the flags" 0 "^handshake: .* verify=0x00000080 \(SKIP_VERIFY\) alpn=-$" \
  "$C" --connect 127.0.0.1:"$port" --no-verify
check "--no-verify TLS 1.2 too" 0 "^handshake: version=TLSv1\.2 .* verify=0x00000080 \(SKIP_VERIFY\) " \
  "$C" --connect 127.0.0.1:"$port" --no-verify --max-version tls1.2
stop_server

# A leaf without subjectAltName: the message gives its CN.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=cn-only.test \
  -keyout "$tmp/cn.key" -out "$tmp/cn.crt" 2>/dev/null || { echo "FAIL  openssl req"; exit 1; }
start_server --cert "$tmp/cn.crt" --key "$tmp/cn.key"
check "no SAN: the CN is named" 1 \
  "host name nope\.test does not match the certificate \(no SAN; CN: cn-only\.test\)" \
  "$C" --connect 127.0.0.1:"$port" --cafile "$tmp/cn.crt" --servername nope.test
check "no SAN: the CN matches" 0 "verify=ok" \
  "$C" --connect 127.0.0.1:"$port" --cafile "$tmp/cn.crt" --servername cn-only.test
stop_server

# A refused port: one nobody listens on (the server that had it is gone).
check "refused port: address, port and OS error" 1 \
  "^ember-client: cannot connect to 127\.0\.0\.1 port $port: Connection refused$" \
  "$C" --connect 127.0.0.1:"$port" --no-verify
check "unknown host named" 1 "^ember-client: cannot resolve host no-such-host\.invalid: " \
  "$C" --connect no-such-host.invalid:443 --no-verify

echo "$fails failure(s)"
exit $((fails > 0))
