#!/bin/bash
# Generates the test PKI under tests/data/pki/ with the openssl CLI. The repository keeps the
# output; re-running replaces every file (new keys and serials, same names and properties).
# See pki/README.md for the layout.
#   make-pki.sh              every set
#   make-pki.sh rsapss ...   only the named sets (the others keep their keys)
set -euo pipefail
cd "$(dirname "$0")"
OUT=pki
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Keep pki/README.md (hand-written); everything else is regenerated.
mkdir -p "$OUT"
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(p256 p384 rsa2048 rsa3072 ed25519 ed448 rsapss)
for t in "${SETS[@]}"; do rm -rf "${OUT:?}/$t"; done
rm -f "$OUT"/all-roots.crt

START=20250101000000Z   # all good certificates: 2025-01-01 .. 2050-01-01
END=20500101000000Z

genkey() {  # type file
  case "$1" in
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$2" ;;
    rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null ;;
    rsa3072) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$2" 2>/dev/null ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$2" ;;
    ed448) openssl genpkey -algorithm ED448 -out "$2" ;;
    # RSASSA-PSS keys (id-RSASSA-PSS SubjectPublicKeyInfo): TLS 1.3 rsa_pss_pss_* schemes.
    rsapss) openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null ;;
  esac
}

# A CA directory for `openssl ca` (explicit dates, extensions, CRLs).
mkca() {  # dir
  mkdir -p "$1/new"
  : > "$1/index.txt"
  openssl rand -hex 16 | sed 's/^./1/' > "$1/serial"
  echo 1000 > "$1/crlnumber"
  cat > "$1/ca.cnf" <<CNF
[ ca ]
default_ca = this
[ this ]
dir = $1
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = default
policy = any
unique_subject = no
copy_extensions = none
default_crl_days = 9000
[ any ]
commonName = supplied
organizationName = optional
countryName = optional
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server_ec ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:server.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_wronghost ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.test
authorityKeyIdentifier = keyid
[ v3_client ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.test
authorityKeyIdentifier = keyid
CNF
}

# issue <ca-dir> <ca-cert> <ca-key> <subject-CN> <key> <ext> <out> [start] [end]
issue() {
  local csr="$WORK/req.csr"
  openssl req -new -key "$5" -subj "/C=NL/O=embertls test/CN=$4" -out "$csr"
  local selfsign=()
  if [ "$2" = self ]; then selfsign=(-selfsign -keyfile "$5"); else selfsign=(-cert "$2" -keyfile "$3"); fi
  openssl ca -batch -notext -config "$1/ca.cnf" "${selfsign[@]}" -in "$csr" -out "$7" \
    -extensions "$6" -startdate "${8:-$START}" -enddate "${9:-$END}" 2>/dev/null
}

for t in "${SETS[@]}"; do
  d="$OUT/$t"
  mkdir -p "$d"
  leaf_ext=v3_server_ec
  case $t in rsa2048 | rsa3072) leaf_ext=v3_server ;; esac  # PSS keys: no keyEncipherment
  rootca="$WORK/$t-root"; interca="$WORK/$t-inter"
  mkca "$rootca"; mkca "$interca"
  genkey $t "$d/root.key"; genkey $t "$d/inter.key"; genkey $t "$d/server.key"; genkey $t "$d/client.key"
  issue "$rootca" self "" "embertls $t Root CA" "$d/root.key" v3_root "$d/root.crt"
  issue "$rootca" "$d/root.crt" "$d/root.key" "embertls $t Intermediate CA" "$d/inter.key" v3_inter "$d/inter.crt"
  issue "$interca" "$d/inter.crt" "$d/inter.key" "localhost" "$d/server.key" $leaf_ext "$d/server.crt"
  issue "$interca" "$d/inter.crt" "$d/inter.key" "client.test" "$d/client.key" v3_client "$d/client.crt"
  cat "$d/server.crt" "$d/inter.crt" > "$d/server-chain.crt"
  cat "$d/client.crt" "$d/inter.crt" > "$d/client-chain.crt"
  cp "$d/root.crt" "$d/ca.crt"

  if [ $t = p256 ]; then
    # Broken variants, all under the same p256 intermediate unless said otherwise.
    b="$OUT/p256/broken"; mkdir -p "$b"
    for v in expired notyet wronghost revoked; do genkey p256 "$b/$v.key"; done
    issue "$interca" "$d/inter.crt" "$d/inter.key" "localhost" "$b/expired.key" v3_server_ec "$b/expired.crt" 20200101000000Z 20210101000000Z
    issue "$interca" "$d/inter.crt" "$d/inter.key" "localhost" "$b/notyet.key" v3_server_ec "$b/notyet.crt" 20450101000000Z 20500101000000Z
    issue "$interca" "$d/inter.crt" "$d/inter.key" "other.test" "$b/wronghost.key" v3_wronghost "$b/wronghost.crt"
    issue "$interca" "$d/inter.crt" "$d/inter.key" "localhost" "$b/revoked.key" v3_server_ec "$b/revoked.crt"
    openssl ca -batch -config "$interca/ca.cnf" -cert "$d/inter.crt" -keyfile "$d/inter.key" \
      -revoke "$b/revoked.crt" -crl_reason keyCompromise 2>/dev/null
    openssl ca -batch -gencrl -config "$interca/ca.cnf" -cert "$d/inter.crt" -keyfile "$d/inter.key" \
      -out "$d/inter.crl" 2>/dev/null
    openssl ca -batch -gencrl -config "$rootca/ca.cnf" -cert "$d/root.crt" -keyfile "$d/root.key" \
      -out "$d/root.crl" 2>/dev/null
    for v in expired notyet wronghost revoked; do cat "$b/$v.crt" "$d/inter.crt" > "$b/$v-chain.crt"; done
    # A complete, valid-looking chain from a root nobody trusts.
    uroot="$WORK/untrusted-root"; uinter="$WORK/untrusted-inter"; mkca "$uroot"; mkca "$uinter"
    for k in untrusted-root untrusted-inter untrusted-server; do genkey p256 "$b/$k.key"; done
    issue "$uroot" self "" "embertls untrusted Root CA" "$b/untrusted-root.key" v3_root "$b/untrusted-root.crt"
    issue "$uroot" "$b/untrusted-root.crt" "$b/untrusted-root.key" "embertls untrusted Intermediate CA" "$b/untrusted-inter.key" v3_inter "$b/untrusted-inter.crt"
    issue "$uinter" "$b/untrusted-inter.crt" "$b/untrusted-inter.key" "localhost" "$b/untrusted-server.key" v3_server_ec "$b/untrusted-server.crt"
    cat "$b/untrusted-server.crt" "$b/untrusted-inter.crt" > "$b/untrusted-chain.crt"
  fi
done

# Every trusted root in one file.
cat "$OUT"/*/root.crt > "$OUT/all-roots.crt"
echo "test PKI written to $(pwd)/$OUT"
