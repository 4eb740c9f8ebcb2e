#!/usr/bin/env bash
# client1.sh OURS REAL CASE: runs programs/compat/ssl_client1.c, built against embertls (OURS)
# and against Debian's Mbed TLS 2.28 (REAL), against `openssl s_server -www` on 127.0.0.1 with
# the bundled PKI (tests/data/pki/). Servers listen on a port the kernel picks.
#   ours.<name>: embertls alone, with the expected results written below;
#   diff.<name>: both programs, TLS 1.2 (max_version=tls12): the observable results (every
#     progress line, return codes, strerror and verify texts, version, suite name, states
#     walked by handshake_step, the HTTP status line, the exit status) must be identical.
# openssl missing is a failure, never a skip.
set -uo pipefail
ours=$1
real=$2
case_name=$3
here=$(cd "$(dirname "$0")" && pwd)
pki=$here/../data/pki
# shellcheck source=../interop/lib.sh
source "$here/../interop/lib.sh"
command -v openssl >/dev/null || { echo "FAIL: openssl not installed (scripts/install-deps.sh)"; exit 1; }
[ -x "$ours" ] || { echo "FAIL: $ours not built"; exit 1; }
[ -x "$real" ] || { echo "FAIL: $real not built"; exit 1; }
tmp=$(mktemp -d)
srv_pid=
cleanup() {
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  exit 1
}

# run PROG OUT CERT CHAIN KEY CAFILE CLIENT_ARGS...: one s_server, one client run
# ($server_args: more s_server options).
server_args=()
naccept=1
run() {
  local prog=$1 out=$2 cert=$3 chain=$4 key=$5 ca=$6
  shift 6
  openssl s_server -accept 0 -naccept "$naccept" -www -cert "$cert" -cert_chain "$chain" -key "$key" \
    "${server_args[@]}" >"$tmp/server.log" 2>&1 &
  srv_pid=$!
  local port
  port=$(wait_server "$srv_pid") || fail "openssl s_server did not start: $(cat "$tmp/server.log")"
  timeout 30 "$prog" server_port="$port" ca_file="$ca" "$@" >"$out" 2>&1
  echo "exit status $?" >>"$out"
  kill "$srv_pid" 2>/dev/null
  wait "$srv_pid" 2>/dev/null
  srv_pid=
}

# The observable results of a run (what the differential compares; the port is the kernel's).
observable() {
  grep -E '^  [.!>] |^    \[|^HTTP/1\.0 |^exit status ' "$1" |
    sed -E 's@^(  \. (Re)?[Cc]onnecting to tcp/127\.0\.0\.1/)[0-9]+@\1PORT@'
  sessions "$1"
}

# The "New, TLSv1.x" / "Reused, TLSv1.x" lines of s_server -www's pages, whichever reads
# split them (the " N bytes read" a read prints is taken out first).
sessions() {
  perl -0pe 's/ \d+ bytes read\n\n//g' "$1" | grep -oE '^(New|Reused), TLSv1\.[0-9]'
}

expect() {
  local out=$1
  shift
  for pattern in "$@"; do
    grep -qE -- "$pattern" "$out" || { echo "--- output:"; cat "$out"; fail "no line matches: $pattern"; }
  done
}

R=$pki/rsa2048
E=$pki/p256
rsa=("$R/server.crt" "$R/inter.crt" "$R/server.key")
ec=("$E/server.crt" "$E/inter.crt" "$E/server.key")

case $case_name in
  ours.tls13 | ours.tls13_nbio | ours.tls13_step)
    extra=()
    [ "$case_name" = ours.tls13_nbio ] && extra=(nbio=1)
    [ "$case_name" = ours.tls13_step ] && extra=(step=1)
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" "${extra[@]}"
    expect "$tmp/out" '^    \[ Protocol is TLSv1\.3 \]$' \
      '^    \[ Ciphersuite is TLS1-3-AES-256-GCM-SHA384 \]$' \
      '^  \. Verifying peer X\.509 certificate\.\.\. ok$' '^  \. Verification flags: 0x00000000$' \
      '^  > Write to server: 18 bytes written$' '^HTTP/1\.0 200 ok' \
      '^  \. The server sent close_notify$' '^exit status 0$'
    if [ "$case_name" = ours.tls13_step ]; then
      expect "$tmp/out" '^    \[ states: 0 1 .* 16 \]$'
    fi
    ;;
  ours.tls13_reconnect | ours.tls12_reconnect | ours.tls12_reconnect_id)
    # reconnect=1: get_session after the exchange, set_session on a new connection; s_server
    # -www says in its page whether the session was "New" or "Reused".
    naccept=2
    args=(reconnect=1)
    version=1.3
    [ "$case_name" != ours.tls13_reconnect ] && args+=(max_version=tls12) && version=1.2
    [ "$case_name" = ours.tls12_reconnect_id ] && server_args=(-no_ticket)
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" "${args[@]}"
    [ "$(sessions "$tmp/out" | tr '\n' ' ')" = "New, TLSv$version Reused, TLSv$version " ] ||
      fail "not New then Reused: $(cat "$tmp/out")"
    expect "$tmp/out" '^  \. Saving the session\.\.\. ok$' \
      '^  \. Reconnecting to tcp/127\.0\.0\.1/[0-9]+ with the saved session\.\.\. ok$' '^exit status 0$'
    [ "$(grep -c '^  \. Verification flags: 0x00000000$' "$tmp/out")" = 2 ] ||
      fail "the resumed session lost its verification result: $(cat "$tmp/out")"
    ;;
  ours.tls13_verify_clear | ours.tls13_verify_fail)
    # The verification callback over TLS 1.3: each certificate top to leaf; clear makes a
    # chain from the wrong CA acceptable, fail (set_verify) ends the handshake with its code.
    if [ "$case_name" = ours.tls13_verify_clear ]; then
      run "$ours" "$tmp/out" "${rsa[@]}" "$E/ca.crt" verify_cb=clear
      expect "$tmp/out" '^  \. Performing the SSL/TLS handshake\.\.\.    \[ verify depth 1: CN=embertls rsa2048 Intermediate CA, O=embertls test, C=NL, flags 0x00000008 \]$' \
        '^    \[ verify depth 0: CN=localhost, O=embertls test, C=NL, flags 0x00000000 \]$' \
        '^    \[ Protocol is TLSv1\.3 \]$' '^  \. Verification flags: 0x00000000$' '^exit status 0$'
    else
      run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" verify_cb=fail
      expect "$tmp/out" '\[ verify depth 2: CN=embertls rsa2048 Root CA, O=embertls test, C=NL, flags 0x00000000 \]$' \
        '^    \[ verify depth 0: CN=localhost, O=embertls test, C=NL, flags 0x00000000 \]$' \
        '^  ! mbedtls_ssl_handshake returned -0x3000$' '^exit status 1$'
    fi
    ;;
  ours.debug)
    # conf_dbg + mbedtls_debug_set_threshold: the core's trace reaches the callback.
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" debug_level=2
    expect "$tmp/out" '^embertls:0000: \|[12]\| .+' '^exit status 0$'
    ;;
  ours.tls13_alpn)
    server_args=(-alpn http/1.1)
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" alpn=h2,http/1.1
    expect "$tmp/out" '^    \[ Protocol is TLSv1\.3 \]$' '^    \[ ALPN is http/1\.1 \]$' '^exit status 0$'
    ;;
  ours.tls13_revoked)
    run "$ours" "$tmp/out" "$E/broken/revoked.crt" "$E/inter.crt" "$E/broken/revoked.key" \
      "$E/ca.crt" crl_file="$E/inter.crl"
    expect "$tmp/out" '^  ! mbedtls_ssl_handshake returned -0x2700$' \
      '^  \. Verification flags: 0x00000002$' \
      '^  ! The certificate has been revoked \(is on a CRL\)$' '^exit status 1$'
    ;;
  ours.tls12)
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" max_version=tls12
    expect "$tmp/out" '^    \[ Protocol is TLSv1\.2 \]$' \
      '^    \[ Ciphersuite is TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256 \]$' \
      '^  \. Verification flags: 0x00000000$' '^HTTP/1\.0 200 ok' '^exit status 0$'
    ;;
  ours.tls12_step_nbio)
    # Mbed TLS 2.28 shows state 17 (SERVER_NEW_SESSION_TICKET) while a non-blocking step waits
    # for the NewSessionTicket; embertls stays in 12 (docs/capi.md): asserted here, not diffed.
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" max_version=tls12 step=1 nbio=1
    expect "$tmp/out" '^    \[ states: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 \]$' \
      '^    \[ Protocol is TLSv1\.2 \]$' '^HTTP/1\.0 200 ok' '^exit status 0$'
    ;;
  ours.wrong_ca)
    run "$ours" "$tmp/out" "${rsa[@]}" "$E/ca.crt"
    expect "$tmp/out" '^  ! mbedtls_ssl_handshake returned -0x2700$' \
      '^  ! Last error was: -0x2700 - X509 - Certificate verification failed, e\.g\. CRL, CA or signature check failed$' \
      '^  \. Verification flags: 0x00000008$' \
      '^  ! The certificate is not correctly signed by the trusted CA$' '^exit status 1$'
    ;;
  ours.min_tls1)
    # conf_min_version(3, 1) is met by TLS 1.2: setup succeeds and TLS 1.3 is negotiated; a
    # server that speaks only TLS 1.0 refuses us (its protocol_version alert), never TLS 1.0.
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" min_version=tls1
    expect "$tmp/out" '^    \[ Protocol is TLSv1\.3 \]$' '^exit status 0$'
    server_args=(-tls1 -cipher 'DEFAULT@SECLEVEL=0')
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" min_version=tls1
    expect "$tmp/out" '^  ! mbedtls_ssl_handshake returned -0x7780$' '^exit status 1$'
    if grep -q 'Protocol is TLSv1\.0' "$tmp/out"; then fail "TLS 1.0 negotiated"; fi
    ;;
  ours.hostname_null)
    # mbedtls_ssl_set_hostname(ssl, NULL): verification without the name check.
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" server_name=NULL
    expect "$tmp/out" '^    \[ Protocol is TLSv1\.3 \]$' '^  \. Verification flags: 0x00000000$' \
      '^exit status 0$'
    ;;
  ours.hostname_unset)
    # Verification without ever setting a host name is refused (Mbed TLS 2.28.10 / 3.6).
    run "$ours" "$tmp/out" "${rsa[@]}" "$R/ca.crt" server_name=UNSET
    expect "$tmp/out" '^  ! mbedtls_ssl_handshake returned -0x5d80$' \
      '^  ! Last error was: -0x5d80 - SSL - Attempt to verify a certificate without an expected host name' \
      '^exit status 1$'
    ;;
  diff.*)
    variant=${case_name#diff.}
    args=(max_version=tls12)
    server=("${rsa[@]}")
    ca=$R/ca.crt
    case $variant in
      rsa) ;;
      rsa_step) args+=(step=1) ;;
      rsa_nbio) args+=(nbio=1) ;;
      ecdsa) server=("${ec[@]}") ca=$E/ca.crt ;;
      wrong_ca) ca=$E/ca.crt ;;
      wrong_host) args+=(server_name=other.test) ;;
      expired) server=("$E/broken/expired.crt" "$E/inter.crt" "$E/broken/expired.key") ca=$E/ca.crt ;;
      revoked) server=("$E/broken/revoked.crt" "$E/inter.crt" "$E/broken/revoked.key") ca=$E/ca.crt
        args+=(crl_file="$E/inter.crl") ;;
      crl_ok) server=("${ec[@]}") ca=$E/ca.crt args+=(crl_file="$E/inter.crl") ;;
      alpn) server_args=(-alpn http/1.1) args+=(alpn=h2,http/1.1) ;;
      alpn_none) args+=(alpn=h2) ;;
      reconnect) naccept=2 args+=(reconnect=1) ;;
      verify_print) args+=(verify_cb=print) ;;
      verify_clear_wrong_ca) ca=$E/ca.crt args+=(verify_cb=clear) ;;
      verify_print_expired) server=("$E/broken/expired.crt" "$E/inter.crt" "$E/broken/expired.key")
        ca=$E/ca.crt args+=(verify_cb=print) ;;
      verify_fail) args+=(verify_cb=fail) ;;
      reconnect_id) naccept=2 server_args=(-no_ticket) args+=(reconnect=1) ;;
      untrusted) server=("$E/broken/untrusted-server.crt" "$E/broken/untrusted-inter.crt"
        "$E/broken/untrusted-server.key") ca=$E/ca.crt ;;
      *) fail "unknown variant $variant" ;;
    esac
    run "$real" "$tmp/real" "${server[@]}" "$ca" "${args[@]}"
    run "$ours" "$tmp/ours" "${server[@]}" "$ca" "${args[@]}"
    observable "$tmp/real" >"$tmp/real.obs"
    observable "$tmp/ours" >"$tmp/ours.obs"
    [ -s "$tmp/real.obs" ] || fail "the Mbed TLS run printed nothing: $(cat "$tmp/real")"
    if ! diff -u "$tmp/real.obs" "$tmp/ours.obs" >"$tmp/diff"; then
      echo "--- real Mbed TLS (-) vs embertls (+):"
      cat "$tmp/diff"
      fail "observable results differ"
    fi
    echo "identical observable results ($(wc -l <"$tmp/ours.obs") lines):"
    cat "$tmp/ours.obs"
    ;;
  *) fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
