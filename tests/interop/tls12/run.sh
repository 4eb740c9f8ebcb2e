#!/bin/bash
# TLS 1.2 interop of ember-client / ember-server with OpenSSL, GnuTLS and real Mbed TLS 2.28
# (mbed_peer.c, built against Debian's libmbedtls-dev) on 127.0.0.1, driven by cases.txt.
#
#   run.sh BUILD_DIR                    every case (ports from 26000)
#   run.sh BUILD_DIR --case NAME PORT   one case on one port (what CTest runs)
# INTEROP_VERBOSE=1 prints every command and its output.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:?usage: run.sh BUILD_DIR [--case NAME PORT]}" 2>/dev/null && pwd) ||
  { echo "FAIL: build dir $1 not found"; exit 1; }
shift
CLIENT=$BUILD/programs/ember-client
SERVER=$BUILD/programs/ember-server
MBED=$BUILD/tests/mbed_peer
PKI=$(cd "$HERE/../../data/pki" && pwd)
VERBOSE=${INTEROP_VERBOSE:-0}
for bin in "$CLIENT" "$SERVER" "$MBED"; do
  [ -x "$bin" ] || { echo "FAIL: $bin not built"; exit 1; }
done
for bin in openssl gnutls-serv gnutls-cli timeout; do
  command -v $bin >/dev/null ||
    { echo "FAIL: $bin not found: run scripts/install-deps.sh (openssl, gnutls-bin)"; exit 1; }
done
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

listening() {  # port: reads /proc so that probing never opens a connection
  local hex
  hex=$(printf '%04X' "$1")
  grep -qE "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:0000 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
wait_listening() {  # port pid
  for _ in $(seq 100); do
    listening "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
REQ='GET / HTTP/1.0\r\n\r\n'

# dir c: ember-client -> peer server; dir s: peer client -> ember-server.
# "expected" (grep -E) is matched against everything both sides printed.
run_case() {  # port dir peer pki eargs pargs expect
  local port=$1 dir=$2 peer=$3 pki=$4 eargs=$5 pargs=$6 expect=$7
  local P=$PKI/$pki srv cli
  eargs=${eargs//@P@/$PKI}
  pargs=${pargs//@P@/$PKI}
  if [ "$dir" = c ] || [ "$dir" = cf ]; then
    case $peer in
      openssl) srv="openssl s_server -accept $port -tls1_2 -www -cert $P/server.crt -cert_chain $P/inter.crt -key $P/server.key -cipher ALL:@SECLEVEL=0 $pargs" ;;
      gnutls) srv="gnutls-serv --port $port --http --x509certfile $P/server-chain.crt --x509keyfile $P/server.key $pargs" ;;
      mbedtls) srv="$MBED server $port $P/server-chain.crt $P/server.key --count 20 $pargs" ;;
    esac
    cli="$CLIENT --connect 127.0.0.1:$port --servername localhost --cafile $P/ca.crt --max-version tls1.2 $eargs"
  else
    srv="$SERVER --accept $port --cert $P/server-chain.crt --key $P/server.key --max-version tls1.2 $eargs"
    case $peer in
      openssl) cli="openssl s_client -connect 127.0.0.1:$port -servername localhost -CAfile $P/ca.crt -verify_return_error -tls1_2 -ign_eof $pargs" ;;
      gnutls) cli="gnutls-cli --port $port --x509cafile $P/ca.crt $pargs localhost" ;;
      mbedtls) cli="$MBED client 127.0.0.1 $port --ca $P/ca.crt $pargs" ;;
    esac
  fi
  [ "$VERBOSE" = 1 ] && printf '  server: %s\n  client: %s\n' "$srv" "$cli"
  # shellcheck disable=SC2086
  $srv >"$tmp/server.log" 2>&1 </dev/null &
  local spid=$!
  pids+=("$spid")
  if ! wait_listening "$port" "$spid"; then
    echo "server did not start: $(head -c 300 "$tmp/server.log" | tr '\n' ' ')"
    return 1
  fi
  local out rc
  if [ "$dir" != s ]; then
    # shellcheck disable=SC2086
    out=$(timeout 15 $cli --request "$REQ" 2>&1)
  else
    # shellcheck disable=SC2086
    out=$(printf 'GET / HTTP/1.0\r\n\r\n' | timeout 15 $cli 2>&1)
  fi
  rc=$?
  sleep 0.2
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  local all
  all=$(printf '%s\n' "$out"; cat "$tmp/server.log")
  [ "$VERBOSE" = 1 ] && printf '%s\n' "$all" | sed 's/^/  | /'
  if [ "$dir" = c ] && [ $rc != 0 ]; then
    echo "ember-client exit $rc: $(grep -m1 '^ember-client:' <<<"$out")"
    return 1
  fi
  if [ "$dir" = cf ] && [ $rc = 0 ]; then
    echo "ember-client was expected to fail: $(head -c 300 <<<"$out" | tr '\n' ' ')"
    return 1
  fi
  local pattern rest=$expect
  while [ -n "$rest" ]; do
    pattern=${rest%% && *}
    [ "$pattern" = "$rest" ] && rest= || rest=${rest#* && }
    if ! grep -qE -- "$pattern" <<<"$all"; then
      echo "expected /$pattern/ not found: $(head -c 400 <<<"$all" | tr '\n' ' ')"
      return 1
    fi
  done
  return 0
}

run_line() {  # port line
  IFS='|' read -r name dir peer pki eargs pargs expect <<<"$2"
  local detail
  if detail=$(run_case "$1" "$(trim "$dir")" "$(trim "$peer")" "$(trim "$pki")" "$(trim "$eargs")" \
                "$(trim "$pargs")" "$(trim "$expect")"); then
    echo "ok   $(trim "$name")"
    return 0
  fi
  echo "FAIL $(trim "$name"): $detail"
  return 1
}

failed=0
port=${PORT:-26000}
if [ "${1:-}" = --case ]; then
  want=$2
  line=$(grep -v '^ *#' "$HERE/cases.txt" | awk -F'|' -v n="$want" '{ x=$1; gsub(/^ +| +$/, "", x); if (x == n) { print; exit } }')
  [ -n "$line" ] || { echo "FAIL: no case named '$want'"; exit 1; }
  run_line "$3" "$line" || exit 1
  exit 0
fi
while IFS= read -r line; do
  [[ "$line" =~ ^[[:space:]]*# ]] || [[ "$line" != *"|"* ]] && continue
  run_line "$port" "$line" || failed=1
  port=$((port + 1))
done <"$HERE/cases.txt"
exit $failed
