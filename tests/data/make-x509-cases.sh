#!/bin/bash
# Extra certificates and CRLs for the X.509 tests (tests/data/x509/), issued under the test
# PKI's p256 and rsa2048 chains (run make-pki.sh first). One file per verification flag or
# path-building situation; see x509/README.md.
set -euo pipefail
cd "$(dirname "$0")"
P=pki
OUT=x509
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"

ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1" 2>/dev/null; }

cat > "$WORK/ext.cnf" <<'CNF'
[ leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
authorityKeyIdentifier = keyid
[ leaf_unknown_critical ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
subjectAltName = DNS:localhost
1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:must-understand
[ ca_pathlen0 ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_no_crlsign ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign
subjectKeyIdentifier = hash
[ ca_nc ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
nameConstraints = critical, permitted;DNS:allowed.test, excluded;DNS:bad.allowed.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf_allowed ]
basicConstraints = critical, CA:false
subjectAltName = DNS:www.allowed.test
[ leaf_excluded ]
basicConstraints = critical, CA:false
subjectAltName = DNS:x.bad.allowed.test
[ leaf_outside ]
basicConstraints = critical, CA:false
subjectAltName = DNS:localhost
[ leaf_client_only ]
basicConstraints = critical, CA:false
keyUsage = critical, keyAgreement
extendedKeyUsage = clientAuth
subjectAltName = DNS:localhost
CNF

# sign <csr-subject> <key> <ca.crt> <ca.key> <ext> <out> [days|-] [md]
sign() {
  openssl req -new -key "$2" -subj "$1" -out "$WORK/r.csr"
  openssl x509 -req -in "$WORK/r.csr" -CA "$3" -CAkey "$4" -CAcreateserial -CAserial "$WORK/serial" \
    -extfile "$WORK/ext.cnf" -extensions "$5" -out "$6" -days "${7:-9000}" -"${8:-sha256}" 2>/dev/null
}

# Leaves under the p256 intermediate.
ec "$OUT/leaf.key"
sign "/CN=localhost" "$OUT/leaf.key" $P/p256/inter.crt $P/p256/inter.key leaf "$OUT/sha1.crt" 9000 sha1
sign "/CN=localhost" "$OUT/leaf.key" $P/p256/inter.crt $P/p256/inter.key leaf_unknown_critical "$OUT/unknown-critical.crt"
sign "/CN=localhost" "$OUT/leaf.key" $P/p256/inter.crt $P/p256/inter.key leaf_client_only "$OUT/client-only.crt"
rsa "$WORK/rsa1024.key" 1024
sign "/CN=localhost" "$WORK/rsa1024.key" $P/p256/inter.crt $P/p256/inter.key leaf "$OUT/rsa1024.crt"
for c in sha1 unknown-critical client-only rsa1024; do cat "$OUT/$c.crt" $P/p256/inter.crt > "$OUT/$c-chain.crt"; done

# pathlen: the p256 intermediate has pathlen 0; an intermediate below it is not allowed.
ec "$OUT/inter2.key"
sign "/CN=embertls p256 second intermediate" "$OUT/inter2.key" $P/p256/inter.crt $P/p256/inter.key ca "$OUT/inter2.crt"
sign "/CN=localhost" "$OUT/leaf.key" "$OUT/inter2.crt" "$OUT/inter2.key" leaf "$OUT/deep.crt"
cat "$OUT/deep.crt" "$OUT/inter2.crt" $P/p256/inter.crt > "$OUT/pathlen-chain.crt"
# The same leaf with its intermediates in reverse order.
cat "$OUT/deep.crt" $P/p256/inter.crt "$OUT/inter2.crt" > "$OUT/pathlen-reversed-chain.crt"

# Name constraints: a constrained intermediate directly under the p256 root.
ec "$OUT/nc.key"
sign "/CN=embertls constrained CA" "$OUT/nc.key" $P/p256/root.crt $P/p256/root.key ca_nc "$OUT/nc-inter.crt"
for l in allowed excluded outside; do
  sign "/CN=$l" "$OUT/leaf.key" "$OUT/nc-inter.crt" "$OUT/nc.key" "leaf_$l" "$OUT/nc-$l.crt"
  cat "$OUT/nc-$l.crt" "$OUT/nc-inter.crt" > "$OUT/nc-$l-chain.crt"
done

# Self-signed leaf, trusted directly.
openssl req -x509 -new -key "$OUT/leaf.key" -subj "/CN=localhost" -days 9000 \
  -addext "subjectAltName=DNS:localhost" -out "$OUT/selfsigned.crt" 2>/dev/null

# CRLs for the p256 intermediate: SHA-1 signed, short-lived (expires after a day), and one
# with the intermediate's name but signed by another key.
mkdir -p "$WORK/ca/new"; : > "$WORK/ca/index.txt"; echo 1000 > "$WORK/ca/crlnumber"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = this
[ this ]
database = $WORK/ca/index.txt
crlnumber = $WORK/ca/crlnumber
default_md = sha256
default_crl_days = 9000
CNF
openssl ca -batch -gencrl -config "$WORK/ca.cnf" -cert $P/p256/inter.crt -keyfile $P/p256/inter.key \
  -md sha1 -out "$OUT/crl-sha1.crl" 2>/dev/null
openssl ca -batch -gencrl -config "$WORK/ca.cnf" -cert $P/p256/inter.crt -keyfile $P/p256/inter.key \
  -crldays 1 -out "$OUT/crl-short.crl" 2>/dev/null
ec "$WORK/other.key"
openssl req -x509 -new -key "$WORK/other.key" -subj "/CN=embertls p256 Intermediate CA/O=embertls test/C=NL" \
  -days 9000 -out "$WORK/impostor.crt" 2>/dev/null
openssl ca -batch -gencrl -config "$WORK/ca.cnf" -cert "$WORK/impostor.crt" -keyfile "$WORK/other.key" \
  -out "$OUT/crl-wrong-key.crl" 2>/dev/null
# An RSA-signed CRL for the rsa2048 intermediate (for the suiteb profile).
openssl ca -batch -gencrl -config "$WORK/ca.cnf" -cert $P/rsa2048/inter.crt -keyfile $P/rsa2048/inter.key \
  -out "$OUT/crl-rsa.crl" 2>/dev/null
rm -f "$OUT"/*.srl
echo "x509 cases written to $(pwd)/$OUT"
