#!/bin/bash
# TLS 1.2 interop of ember-client / ember-server with OpenSSL, GnuTLS and real Mbed TLS 2.28
# (tests/interop/tls12/mbed_peer.c, built against Debian's libmbedtls-dev: BUILD_DIR/tests/
# mbed_peer) on 127.0.0.1, one case per line of a cases file. Two files use it:
#   tests/interop/tls12/cases.txt (with --pin12): every key exchange, cipher and extension;
#     both sides are held to TLS 1.2 (ember --max-version tls1.2, openssl -tls1_2);
#   tests/interop/tls12_cases.txt (default): version negotiation 1.2/1.3 both ways, peer-side
#     options, and checks of the Mbed TLS peer itself; each case states both sides' versions.
#
#   tls12_interop.sh BUILD_DIR [--cases FILE] [--pin12]              every case
#   tls12_interop.sh BUILD_DIR [--cases FILE] [--pin12] --case NAME  one case (what CTest runs)
# Servers listen on ports the kernel picks (lib.sh), so any number of runs can share a machine;
# readiness and the end of a case are polled for, never slept for. Placeholders: @P@ = tests/data/pki,
# @PSKFILE@ = a gnutls-serv --pskpasswd file (id1, key 0102030405060708); @RENEG@ in the peer
# args of an openssl s_client makes it send "R" (renegotiate), then, once it has said RENEGOTIATING,
# the GET (it then runs without -ign_eof, which would disable its commands). INTEROP_VERBOSE=1 prints every
# command and its output.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
BUILD=$(cd "${1:?usage: tls12_interop.sh BUILD_DIR [--case NAME]}" 2>/dev/null && pwd) ||
  { echo "FAIL: build dir $1 not found"; exit 1; }
shift
CASES=$HERE/tls12_cases.txt
PIN12=0
while [ $# -gt 0 ] && [ "$1" != --case ]; do
  case $1 in
    --cases) CASES=$2; shift 2 ;;
    --pin12) PIN12=1; shift ;;
    *) echo "FAIL: unknown option $1"; exit 1 ;;
  esac
done
CLIENT=$BUILD/programs/ember-client
SERVER=$BUILD/programs/ember-server
MBED=$BUILD/tests/mbed_peer
PKI=$(cd "$HERE/../data/pki" && pwd)
VERBOSE=${INTEROP_VERBOSE:-0}
for bin in openssl gnutls-serv gnutls-cli timeout; do
  command -v $bin >/dev/null ||
    { echo "FAIL: $bin not found: run scripts/install-deps.sh (openssl, gnutls-bin)"; exit 1; }
done
tmp=$(mktemp -d)
pids=()
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
need() {  # binary...: a missing peer or program is a failure, never a skip
  local b
  for b in "$@"; do
    [ -x "$b" ] || { echo "$b not built"; return 1; }
  done
}
REQ='GET / HTTP/1.0\r\n\r\n'

# dir c/cf: ember-client -> peer server (cf: the client must exit non-zero)
# dir s/sf: peer client -> ember-server (sf: expected text says how it failed)
# dir mc:   mbed_peer client -> openssl s_server -www      (the peer itself, no embertls)
# dir ms:   openssl s_client -> mbed_peer server            (the peer itself, no embertls)
# For mc/ms the "ember args" column holds the openssl arguments.
# "expected" (grep -E, joined by ' && ') is matched against everything both sides printed.
# The client commands name the port as @PORT@: the server picks it (port 0) and it is filled in
# once the server listens.
run_case() {  # dir peer pki eargs pargs expect
  local dir=$1 peer=$2 pki=$3 eargs=$4 pargs=$5 expect=$6
  local P=$PKI/$pki srv cli feed=req port
  printf 'id1:0102030405060708\n' >"$tmp/psk.txt"  # gnutls-serv --pskpasswd
  eargs=${eargs//@P@/$PKI}
  pargs=${pargs//@P@/$PKI}
  pargs=${pargs//@PSKFILE@/$tmp/psk.txt}
  local reneg=0 ign=-ign_eof
  if [[ "$pargs" == *@RENEG@* ]]; then reneg=1 ign=; pargs=${pargs//@RENEG@/}; fi
  local ember12= ossl12=  # --pin12: both sides held to TLS 1.2
  if [ "$PIN12" = 1 ]; then ember12="--max-version tls1.2" ossl12=-tls1_2; fi
  case $dir in
    c | cf)
      need "$CLIENT" || return 1
      case $peer in
        openssl) srv="openssl s_server -accept 0 $ossl12 -www -cert $P/server.crt -cert_chain $P/inter.crt -key $P/server.key -cipher ALL:@SECLEVEL=0 $pargs" ;;
        gnutls) srv="gnutls-serv --port 0 --http --x509certfile $P/server-chain.crt --x509keyfile $P/server.key $pargs" ;;
        mbedtls) need "$MBED" || return 1
                 srv="$MBED server 0 $P/server-chain.crt $P/server.key --count 20 $pargs" ;;
        *) echo "unknown peer $peer"; return 1 ;;
      esac
      cli="$CLIENT --connect 127.0.0.1:@PORT@ --servername localhost --cafile $P/ca.crt $ember12 $eargs" ;;
    s | sf)
      need "$SERVER" || return 1
      srv="$SERVER --accept 0 --cert $P/server-chain.crt --key $P/server.key $ember12 $eargs"
      feed=stdin
      case $peer in
        openssl) cli="openssl s_client -connect 127.0.0.1:@PORT@ -servername localhost -CAfile $P/ca.crt -verify_return_error $ossl12 $ign $pargs" ;;
        gnutls) cli="gnutls-cli --port @PORT@ --x509cafile $P/ca.crt $pargs localhost" ;;
        mbedtls) need "$MBED" || return 1  # the Mbed TLS client sends its own GET
                 cli="$MBED client 127.0.0.1 @PORT@ --ca $P/ca.crt $pargs"; feed=none ;;
        *) echo "unknown peer $peer"; return 1 ;;
      esac ;;
    mc)
      need "$MBED" || return 1
      srv="openssl s_server -accept 0 -www -cert $P/server.crt -cert_chain $P/inter.crt -key $P/server.key -cipher ALL:@SECLEVEL=0 $eargs"
      cli="$MBED client 127.0.0.1 @PORT@ --ca $P/ca.crt $pargs"
      feed=none ;;
    ms)
      need "$MBED" || return 1
      srv="$MBED server 0 $P/server-chain.crt $P/server.key --count 20 $pargs"
      cli="openssl s_client -connect 127.0.0.1:@PORT@ -servername localhost -CAfile $P/ca.crt -verify_return_error -ign_eof $eargs"
      feed=stdin ;;
    *) echo "unknown dir $dir"; return 1 ;;
  esac
  [ "$VERBOSE" = 1 ] && printf '  server: %s\n  client: %s\n' "$srv" "$cli"  >&2
  # shellcheck disable=SC2086
  $srv >"$tmp/server.log" 2>&1 </dev/null &
  local spid=$!
  pids+=("$spid")
  if ! port=$(wait_server "$spid"); then
    echo "server did not start: $(head -c 300 "$tmp/server.log" | tr '\n' ' ')"
    return 1
  fi
  cli=${cli//@PORT@/$port}
  local out rc co=$tmp/client.out
  if [ $feed = none ]; then
    # shellcheck disable=SC2086
    timeout 15 $cli >"$co" 2>&1 </dev/null
  elif [ $reneg = 1 ]; then  # openssl s_client: "R" renegotiates, then the GET
    # shellcheck disable=SC2086
    (printf 'R\n'; wait_output 5000 "$co" '^RENEGOTIATING'; printf 'GET / HTTP/1.0\r\n\r\n'
     wait_output 5000 "$co" '^HTTP/1\.0 |^closed|:error:') | timeout 15 $cli >"$co" 2>&1
  elif [ $feed = req ]; then
    # shellcheck disable=SC2086
    timeout 15 $cli --request "$REQ" >"$co" 2>&1 </dev/null
  else
    # shellcheck disable=SC2086
    printf 'GET / HTTP/1.0\r\n\r\n' | timeout 15 $cli >"$co" 2>&1
  fi
  rc=$?
  out=$(cat "$co")
  # The server may log its last line after the client is done: wait for what is expected there
  # (at most 2 s; a case that fails waits that long).
  local patterns=() rest=$expect
  while [ -n "$rest" ]; do
    patterns+=("${rest%% && *}")
    [ "${rest%% && *}" = "$rest" ] && rest= || rest=${rest#* && }
  done
  wait_output 2000 "$co $tmp/server.log" "${patterns[@]}"
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  local all
  all=$(printf '%s\n' "$out"; cat "$tmp/server.log")
  [ "$VERBOSE" = 1 ] && printf '%s\n' "$all" | sed 's/^/  | /' >&2
  if { [ "$dir" = c ] || [ "$dir" = mc ] || [ "$dir" = ms ]; } && [ $rc != 0 ]; then
    echo "client exit $rc: $(tail -c 300 <<<"$out" | tr '\n' ' ')"
    return 1
  fi
  if [ "$dir" = cf ] && [ $rc = 0 ]; then
    echo "ember-client was expected to fail: $(head -c 300 <<<"$out" | tr '\n' ' ')"
    return 1
  fi
  local pattern
  for pattern in "${patterns[@]}"; do
    if ! grep -qE -- "$pattern" <<<"$all"; then
      echo "expected /$pattern/ not found: $(head -c 600 <<<"$all" | tr '\n' ' ')"
      return 1
    fi
  done
  return 0
}

run_line() {  # line
  IFS='|' read -r name dir peer pki eargs pargs expect <<<"$1"
  local detail
  if detail=$(run_case "$(trim "$dir")" "$(trim "$peer")" "$(trim "$pki")" "$(trim "$eargs")" \
                "$(trim "$pargs")" "$(trim "$expect")"); then
    echo "ok   $(trim "$name")"
    return 0
  fi
  echo "FAIL $(trim "$name"): $detail"
  return 1
}

failed=0
if [ "${1:-}" = --case ]; then
  want=$2
  line=$(grep -v '^ *#' "$CASES" | awk -F'|' -v n="$want" '{ x=$1; gsub(/^ +| +$/, "", x); if (x == n) { print; exit } }')
  [ -n "$line" ] || { echo "FAIL: no case named '$want'"; exit 1; }
  run_line "$line" || exit 1
  exit 0
fi
while IFS= read -r line; do
  [[ "$line" =~ ^[[:space:]]*# ]] || [[ "$line" != *"|"* ]] && continue
  run_line "$line" || failed=1
done <"$CASES"
exit $failed
