#!/bin/bash
# Differential test: every case is verified by ember-x509 and by the same options on real
# Mbed TLS 2.28 (mbedtls_checker). Output (flags line + explanation lines) and exit status
# must be identical, except for the deliberate differences listed with their expected
# results on both sides (docs/x509.md explains each one).
# Usage (from tests/data): differential.sh EMBER_X509 MBEDTLS_CHECKER
set -uo pipefail
EMBER=$1
MBED=$2
T=2030-06-01T00:00:00Z  # a fixed "now" inside every good certificate's validity
P=pki
CA="--cafile $P/p256/ca.crt"

# name | arguments | "same" or "ember=FLAGS/RC mbed=FLAGS/RC" (FLAGS "-" for a parse error)
CASES=(
  "p256 chain|$CA --host localhost --time $T $P/p256/server-chain.crt|same"
  "p384 chain|--cafile $P/p384/ca.crt --host localhost --time $T $P/p384/server-chain.crt|same"
  "rsa2048 chain|--cafile $P/rsa2048/ca.crt --host localhost --time $T $P/rsa2048/server-chain.crt|same"
  "rsa3072 chain|--cafile $P/rsa3072/ca.crt --host localhost --time $T $P/rsa3072/server-chain.crt|same"
  "client chain|$CA --time $T $P/p256/client-chain.crt|same"
  "several ca files|$CA --cafile $P/rsa2048/ca.crt --cafile $P/rsa3072/ca.crt --host server.test --time $T $P/rsa3072/server-chain.crt|same"
  "capath|--capath $P/p384 --host localhost --time $T $P/p384/server-chain.crt|same"
  "host uppercase|$CA --host LOCALHOST --time $T $P/p256/server-chain.crt|same"
  "host mismatch|$CA --host other.test --time $T $P/p256/server-chain.crt|same"
  "wrong host cert|$CA --host localhost --time $T $P/p256/broken/wronghost-chain.crt|same"
  "expired|$CA --time $T $P/p256/broken/expired-chain.crt|same"
  "not yet valid|$CA --time $T $P/p256/broken/notyet-chain.crt|same"
  "everything expired|$CA --time 2051-01-01T00:00:00Z $P/p256/server-chain.crt|same"
  "before validity|$CA --time 2024-01-01T00:00:00Z $P/p256/server-chain.crt|same"
  "untrusted root|$CA --time $T $P/p256/broken/untrusted-chain.crt|same"
  "wrong trust anchor|--cafile $P/p384/ca.crt --time $T $P/p256/server-chain.crt|same"
  "missing intermediate|$CA --time $T $P/p256/server.crt|same"
  "revoked|$CA --crl $P/p256/inter.crl --time $T $P/p256/broken/revoked-chain.crt|same"
  "not revoked|$CA --crl $P/p256/inter.crl --crl $P/p256/root.crl --time $T $P/p256/server-chain.crt|same"
  "crl from the future|$CA --crl $P/p256/inter.crl --time 2025-06-01T00:00:00Z $P/p256/server-chain.crt|same"
  "crl expired|$CA --crl x509/crl-short.crl --time $T $P/p256/server-chain.crt|same"
  "crl wrong key|$CA --crl x509/crl-wrong-key.crl --time $T $P/p256/server-chain.crt|same"
  "crl sha1|$CA --crl x509/crl-sha1.crl --time $T $P/p256/server-chain.crt|same"
  "sha1 certificate|$CA --time $T x509/sha1-chain.crt|same"
  "rsa1024 leaf|$CA --time $T x509/rsa1024-chain.crt|same"
  "profile next|--cafile $P/rsa2048/ca.crt --profile next --time $T $P/rsa2048/server-chain.crt|same"
  "profile suiteb ec|--cafile $P/p384/ca.crt --profile suiteb --time $T $P/p384/server-chain.crt|same"
  "profile suiteb rsa|--cafile $P/rsa2048/ca.crt --profile suiteb --time $T $P/rsa2048/server-chain.crt|same"
  "suiteb rsa crl|--cafile $P/rsa2048/ca.crt --crl x509/crl-rsa.crl --profile suiteb --time $T $P/rsa2048/server-chain.crt|same"
  "pathlen exceeded|$CA --time $T x509/pathlen-chain.crt|same"
  "pathlen reversed|$CA --time $T x509/pathlen-reversed-chain.crt|same"
  "self-signed trusted|--cafile x509/selfsigned.crt --host localhost --time $T x509/selfsigned.crt|same"
  "self-signed untrusted|$CA --time $T x509/selfsigned.crt|same"
  # Deliberate differences.
  "ed25519 chain|--cafile $P/ed25519/ca.crt --host localhost --time $T $P/ed25519/server-chain.crt|ember=0x00000000/0 mbed=-/2"
  "roots file with an Ed25519 root|--cafile $P/all-roots.crt --host server.test --time $T $P/rsa3072/server-chain.crt|same"
  "ip literal (iPAddress SAN)|$CA --host 127.0.0.1 --time $T $P/p256/server-chain.crt|ember=0x00000000/0 mbed=0x00000004/1"
  "unknown critical extension|$CA --time $T x509/unknown-critical-chain.crt|ember=0x00000100/1 mbed=-/2"
  "name constraints permitted|$CA --time $T x509/nc-allowed-chain.crt|ember=0x00000000/0 mbed=-/2"
  "name constraints excluded|$CA --time $T x509/nc-excluded-chain.crt|ember=0x00000008/1 mbed=-/2"
  "name constraints outside|$CA --time $T x509/nc-outside-chain.crt|ember=0x00000008/1 mbed=-/2"
)

fail=0
for c in "${CASES[@]}"; do
  IFS='|' read -r name args mode <<<"$c"
  # shellcheck disable=SC2086
  e_out=$("$EMBER" verify $args 2>/dev/null); e_rc=$?
  # shellcheck disable=SC2086
  m_out=$("$MBED" $args 2>/dev/null); m_rc=$?
  e_flags=$(head -n1 <<<"$e_out" | sed -n 's/^flags=//p'); [ -z "$e_flags" ] && e_flags=-
  m_flags=$(head -n1 <<<"$m_out" | sed -n 's/^flags=//p'); [ -z "$m_flags" ] && m_flags=-
  if [ "$mode" = same ]; then
    if [ "$e_out" = "$m_out" ] && [ $e_rc = $m_rc ]; then
      echo "ok    $name: $e_flags (rc $e_rc) on both"
    else
      echo "FAIL  $name: embertls $e_flags rc $e_rc / Mbed TLS $m_flags rc $m_rc"
      diff <(echo "$e_out") <(echo "$m_out") | sed 's/^/      /'
      fail=1
    fi
  else
    want="ember=$e_flags/$e_rc mbed=$m_flags/$m_rc"
    if [ "$want" = "$mode" ]; then
      echo "ok    $name (deliberate difference): $want"
    else
      echo "FAIL  $name: got $want, expected $mode"
      fail=1
    fi
  fi
done
echo "${#CASES[@]} cases, $([ $fail = 0 ] && echo all passed || echo FAILURES)"
exit $fail
