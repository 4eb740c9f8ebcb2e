#!/usr/bin/env bash
# x509_diff.sh REAL OURS PKI_DIR: runs x509_facts.c built against Debian's Mbed TLS 2.28 (REAL)
# and against embertls (OURS) over the bundled PKI and compares the outputs line by line.
# Inputs Mbed TLS 2.28 cannot parse (Ed25519/Ed448/RSASSA-PSS certificates) are left out: embertls
# parses them. mbedtls_x509_crt_info differs where embertls prints more (docs/capi.md): iPAddress
# SANs (2.28: "<unsupported>") and the key identifiers; those lines and the info lengths are
# reported, not compared. Not diffed either: an IP address as the expected name (embertls
# matches iPAddress SANs, 2.28 reports CN_MISMATCH; docs/capi.md).
set -uo pipefail
real=$1
ours=$2
P=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=(crt:$P/rsa2048/server-chain.crt crt:$P/rsa2048/client-chain.crt crt:$P/p256/server-chain.crt
  crt:$P/p384/ca.crt crt:$P/rsa3072/server.crt
  crt:$P/p256/broken/expired-chain.crt crt:$P/p256/broken/wronghost.crt
  crt:/nonexistent/file.crt crt:$P/README.md der:$P/README.md
  key:$P/rsa2048/server.key key:$P/p256/server.key key:$P/p384/server.key key:$P/rsa3072/server.key
  key:$P/README.md key:/nonexistent/file.key
  pair:$P/rsa2048/server.crt,$P/rsa2048/server.key pair:$P/rsa2048/server.crt,$P/rsa2048/client.key
  pair:$P/p256/server.crt,$P/p256/server.key pair:$P/p256/server.crt,$P/p256/client.key
  pair:$P/rsa2048/server.crt,$P/p256/server.key pair:$P/p256/server.crt,$P/rsa2048/server.key
  crl:$P/p256/inter.crl crl:$P/p256/root.crl crl:/nonexistent/file.crl
  path:$P/rsa2048 path:$P/p256 path:/nonexistent/dir
  verify:$P/rsa2048/server-chain.crt,$P/rsa2048/ca.crt
  verify:$P/rsa2048/server-chain.crt,$P/rsa2048/ca.crt,localhost
  verify:$P/rsa2048/server-chain.crt,$P/rsa2048/ca.crt,other.test
  verify:$P/rsa2048/server-chain.crt,$P/rsa2048/ca.crt,localhost,,cb
  verify:$P/rsa2048/client-chain.crt,$P/rsa2048/ca.crt,client.test
  verify:$P/rsa2048/server-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/server-chain.crt,$P/p256/ca.crt,server.test,$P/p256/inter.crl
  verify:$P/p256/broken/revoked-chain.crt,$P/p256/ca.crt,localhost,$P/p256/inter.crl
  verify:$P/p256/broken/revoked-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/broken/expired-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/broken/expired-chain.crt,$P/p256/ca.crt,localhost,,cb
  verify:$P/p256/broken/notyet-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/broken/wronghost-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/broken/untrusted-chain.crt,$P/p256/ca.crt,localhost
  verify:$P/p256/broken/untrusted-chain.crt,$P/p256/ca.crt,localhost,,cb
  verify:$P/p384/server-chain.crt,$P/p384/ca.crt,localhost
  verify:$P/p384/server-chain.crt,$P/all-roots.crt,localhost)
"$real" "${args[@]}" >"$tmp/real" 2>&1 || { echo "FAIL: $real exited with $?"; exit 1; }
"$ours" "${args[@]}" >"$tmp/ours" 2>&1 || { echo "FAIL: $ours exited with $?"; exit 1; }
tolerated='^  info [0-9-]+$|^        (<unsupported>|iPAddress : .*)$|^    (subject|authority) key id +: '
for side in real ours; do
  grep -Ev "$tolerated" "$tmp/$side" >"$tmp/$side.cmp"
  grep -Ec "$tolerated" "$tmp/$side" >"$tmp/$side.tolerated"
done
echo "info lines not compared: real $(cat "$tmp/real.tolerated"), ours $(cat "$tmp/ours.tolerated")"
if ! diff -u "$tmp/real.cmp" "$tmp/ours.cmp" >"$tmp/diff"; then
  echo "--- Mbed TLS 2.28 (-) vs embertls (+):"
  cat "$tmp/diff"
  echo "FAIL: x509 facts differ"
  exit 1
fi
echo "identical: $(wc -l <"$tmp/ours.cmp") lines over ${#args[@]} inputs"
