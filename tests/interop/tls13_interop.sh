#!/bin/bash
# TLS 1.3 interop of ember-client / ember-server with OpenSSL (s_server, s_client) and GnuTLS
# (gnutls-serv, gnutls-cli) on 127.0.0.1, driven by the table in cases.txt (see its header).
# Prints one "ok" / "FAIL" line per case and exits 1 if any case failed.
#
#   tls13_interop.sh BUILD_DIR                     every case
#   tls13_interop.sh BUILD_DIR REGEX               the cases whose name matches REGEX
#   tls13_interop.sh BUILD_DIR --case NAME         one case (what CTest runs)
# Servers listen on ports the kernel picks (lib.sh), so any number of runs can share a machine.
# Set INTEROP_VERBOSE=1 to see every command and its full output.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [REGEX | --case NAME]"; exit 2; }
# shellcheck source=lib.sh
. "$HERE/lib.sh"
BUILD=$(cd "$1" 2>/dev/null && pwd) || { echo "FAIL: build dir $1 not found"; exit 1; }
shift
CLIENT=$BUILD/programs/ember-client
SERVER=$BUILD/programs/ember-server
PKI=$(cd "$HERE/../data/pki" && pwd)
REQ='GET / HTTP/1.0\r\n\r\n'
VERBOSE=${INTEROP_VERBOSE:-0}

for bin in "$CLIENT" "$SERVER"; do
  [ -x "$bin" ] || { echo "FAIL: $bin not built (ninja ember-client ember-server)"; exit 1; }
done
for bin in openssl gnutls-serv gnutls-cli timeout; do
  command -v $bin >/dev/null ||
    { echo "FAIL: $bin not found: run scripts/install-deps.sh (needs openssl and gnutls-bin)"; exit 1; }
done

tmp=$(mktemp -d)
peer_pid=
server_pid=
cleanup() {
  [ -n "$peer_pid" ] && kill "$peer_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }

stop() {  # pid
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# Runs one case; returns 0 when it passed. Sets $detail on failure.
run_case() {  # name dir peer pki eargs pargs expect
  local name=$1 dir=$2 peer=$3 pki=$4 eargs=$5 pargs=$6 expect=$7
  local P=$PKI/$pki out rc port
  eargs=${eargs//@P@/$PKI}
  pargs=${pargs//@P@/$PKI}
  detail=
  case "$dir" in
    c | cf)
      local srv
      if [ "$peer" = openssl ]; then
        srv="openssl s_server -accept 0 -tls1_3 -www -cert $P/server.crt -cert_chain $P/inter.crt -key $P/server.key $pargs"
      else
        srv="gnutls-serv --port 0 --http --x509certfile $P/server-chain.crt --x509keyfile $P/server.key $pargs"
      fi
      [ "$VERBOSE" = 1 ] && echo "  peer: $srv"
      # shellcheck disable=SC2086
      $srv >"$tmp/peer.log" 2>&1 </dev/null &
      peer_pid=$!
      if ! port=$(wait_server "$peer_pid"); then
        detail="$peer server did not start: $(head -c 300 "$tmp/peer.log" | tr '\n' ' ')"
        stop "$peer_pid"; peer_pid=
        return 1
      fi
      local args=(--connect "127.0.0.1:$port" --servername localhost --request "$REQ")
      case " $eargs " in
        *" --cafile "* | *" --capath "* | *" --no-verify "*) ;;
        *) args+=(--cafile "$P/ca.crt") ;;
      esac
      # shellcheck disable=SC2206
      args+=($eargs)
      [ "$VERBOSE" = 1 ] && echo "  ember-client ${args[*]}"
      out=$(timeout 15 "$CLIENT" "${args[@]}" 2>&1)
      rc=$?
      stop "$peer_pid"; peer_pid=
      [ "$VERBOSE" = 1 ] && printf '%s\n' "$out" | sed 's/^/  | /'
      if [ "$dir" = c ]; then
        [ $rc = 0 ] || { detail="exit $rc: $(printf '%s' "$out" | grep -m1 '^ember-client:' || printf '%s' "$out" | head -c 300)"; return 1; }
        local line='^handshake: version=TLSv1\.3 suite=TLS_[A-Z0-9_]+ group=[a-z0-9]+ sigalg=([a-z0-9_]+|-) resumed=(yes|no) verify=(ok|0x[0-9a-f]{8} \([A-Z0-9_|x]+\)) alpn=[^ ]+$'
        grep -qE "$line" <<<"$out" || { detail="no well-formed handshake line: $(head -c 300 <<<"$out")"; return 1; }
      else
        [ $rc = 1 ] || { detail="expected exit 1, got $rc: $(head -c 300 <<<"$out" | tr '\n' ' ')"; return 1; }
        [ "$(grep -c '^ember-client: ' <<<"$out")" = 1 ] || { detail="expected one 'ember-client: <reason>' line: $(head -c 300 <<<"$out" | tr '\n' ' ')"; return 1; }
      fi
      ;;
    s | s2 | sf | se)
      local count=1
      [ "$dir" = s2 ] && count=2
      local sargs=(--accept 0 --cert "$P/server-chain.crt" --key "$P/server.key" --count "$count")
      # shellcheck disable=SC2206
      sargs+=($eargs)
      [ "$VERBOSE" = 1 ] && echo "  ember-server ${sargs[*]}"
      "$SERVER" "${sargs[@]}" >"$tmp/ember.log" 2>&1 </dev/null &
      server_pid=$!
      if ! port=$(wait_server "$server_pid"); then
        detail="ember-server did not start: $(head -c 300 "$tmp/ember.log" | tr '\n' ' ')"
        stop "$server_pid"; server_pid=
        return 1
      fi
      local cli1 cli2=
      if [ "$peer" = openssl ]; then
        local base="openssl s_client -connect 127.0.0.1:$port -servername localhost -tls1_3 -CAfile $P/ca.crt -verify_hostname localhost -verify_return_error $pargs"
        [ "$dir" = se ] || base+=" -ign_eof"  # wait for the server's reply and close
        cli1=$base
        [ "$dir" = s2 ] && { cli1="$base -sess_out $tmp/sess"; cli2="$base -sess_in $tmp/sess"; }
      else
        cli1="gnutls-cli --port $port --x509cafile $P/ca.crt $pargs localhost"
        [ "$dir" = s2 ] && cli1="gnutls-cli --resume --port $port --x509cafile $P/ca.crt $pargs localhost"
      fi
      out=
      for cli in "$cli1" "$cli2"; do
        [ -n "$cli" ] || continue
        [ "$VERBOSE" = 1 ] && echo "  peer: $cli"
        # shellcheck disable=SC2086
        if [ "$dir" = se ]; then  # a line to echo; stdin stays open until it came back
          (printf 'echo me, ember\n'; wait_output 5000 "$tmp/echo.out" '^echo me, ember') |
            timeout 10 $cli >"$tmp/echo.out" 2>&1
          out+=$(cat "$tmp/echo.out")$'\n'
        else
          out+=$(printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 $cli 2>&1)$'\n'
        fi
      done
      # ember-server exits after --count connections, once it has logged the last one.
      wait_exit "$server_pid" 2000
      stop "$server_pid"; server_pid=
      out+=$(cat "$tmp/ember.log")
      [ "$VERBOSE" = 1 ] && printf '%s\n' "$out" | sed 's/^/  | /'
      ;;
    *)
      detail="bad direction '$dir' in cases.txt"
      return 1
      ;;
  esac
  if ! grep -zqE -- "$expect" <<<"$out"; then
    detail="output does not match /$expect/: $(grep -E '^(handshake:|ember-client:|connection [0-9]+:)' <<<"$out" | head -3 | tr '\n' ' ')"
    [ -n "$detail" ] || detail="output does not match /$expect/"
    return 1
  fi
  return 0
}

mode=all
filter=
one_name=
if [ "${1:-}" = --case ]; then
  mode=one
  one_name=${2:?case name}
elif [ $# -ge 1 ]; then
  filter=$1
fi

total=0
fails=0
while IFS='|' read -r name dir peer pki eargs pargs expect; do
  name=$(trim "$name")
  [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
  if [ $mode = one ]; then
    [ "$name" = "$one_name" ] || continue
  else
    [ -z "$filter" ] || [[ "$name" =~ $filter ]] || continue
  fi
  total=$((total + 1))
  start=$(date +%s%N)
  if run_case "$name" "$(trim "$dir")" "$(trim "$peer")" "$(trim "$pki")" \
    "$(trim "$eargs")" "$(trim "$pargs")" "$(trim "$expect")"; then
    printf 'ok    %-28s (%d ms)\n' "$name" $((($(date +%s%N) - start) / 1000000))
  else
    printf 'FAIL  %-28s %s\n' "$name" "$detail"
    fails=$((fails + 1))
  fi
done <"$HERE/cases.txt"

if [ $total = 0 ]; then
  echo "FAIL: no case matched (${one_name:-$filter})"
  exit 1
fi
[ $mode = one ] || echo "$total cases, $fails failed"
exit $((fails > 0))
