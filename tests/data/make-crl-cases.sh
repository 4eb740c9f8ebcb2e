#!/bin/bash
# CRL revocation cases for the RFC 5280 §6.3 tests (tests/data/crl/), in the spirit of NIST PKITS
# sections 4.4 (CRL signing), 4.5 (self-issued key rollover), 4.14 (distribution points,
# indirect CRLs) and 4.15 (delta CRLs); our own root and P-256 keys, no PKITS data.
# tests/unit/x509/crl_test.cpp says which PKITS case each one mirrors.
#
# Certificates come from `openssl x509 -req`. CRLs are assembled with `openssl asn1parse
# -genconf` and signed with `openssl dgst -sign`, because `openssl ca` cannot write
# issuingDistributionPoint scopes, certificateIssuer entries, deltaCRLIndicator or unknown
# critical entry extensions. Chain files "<case>.crt" hold the end entity first, then the peer
# certificates; root.crt (and other-root.crt) are the trust anchors. Verification time in the
# tests: 2030-06-01.
set -euo pipefail
cd "$(dirname "$0")"
OUT=crl
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/$1.key"; }
for k in root other-root ca crlkey crlkey2 sub issuer roll-old roll-new ee; do key "$k"; done
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$WORK/dsa.param"
openssl genpkey -paramfile "$WORK/dsa.param" -out "$WORK/dsa.key"

root() {  # root <name> <CN>
  openssl req -x509 -new -key "$WORK/$1.key" -subj "/CN=$2" -days 9000 -set_serial 1 \
    -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$WORK/$1.crt" 2>/dev/null
}
root root "CRL Root"
root other-root "CRL Other Root"
cp "$WORK/root.crt" "$WORK/other-root.crt" "$OUT/"

# cert <name> <CN> <key> <issuer cert> <issuer key> <serial> <kind: ca|ee|crl> [ext lines...]
cert() {
  local name=$1 cn=$2 k=$3 icrt=$4 ikey=$5 serial=$6 kind=$7
  shift 7
  {
    echo "[ x ]"
    case $kind in
      ca) echo "basicConstraints = critical, CA:true"
          echo "keyUsage = critical, keyCertSign, cRLSign" ;;
      crl) echo "basicConstraints = critical, CA:false"
           echo "keyUsage = critical, cRLSign" ;;
      ee) echo "basicConstraints = critical, CA:false"
          echo "keyUsage = critical, digitalSignature" ;;
    esac
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    for line in "$@"; do echo "$line"; done
  } > "$WORK/$name.cnf"
  openssl req -new -key "$WORK/$k.key" -subj "/CN=$cn" -out "$WORK/$name.csr"
  openssl x509 -req -in "$WORK/$name.csr" -CA "$WORK/$icrt.crt" -CAkey "$WORK/$ikey.key" \
    -set_serial "$serial" -extfile "$WORK/$name.cnf" -extensions x -days 9000 -sha256 \
    -out "$WORK/$name.crt" 2>/dev/null
}
chain() {  # chain <case> <ee> <peer certificates>...
  local c=$1
  shift
  : > "$OUT/$c.crt"
  for n in "$@"; do cat "$WORK/$n.crt" >> "$OUT/$c.crt"; done
}

DP="crlDistributionPoints = URI:http://crl.example/ca.crl"
cert ca "CRL CA" ca root root 0x10 ca
cert sub "CRL Sub CA" sub ca ca 0x20 ca
cert ee-good "EE good" ee ca ca 0x101 ee "$DP"
cert ee-revoked "EE revoked" ee ca ca 0x102 ee "$DP"
cert ee-hold "EE on hold" ee ca ca 0x103 ee "$DP"
cert ee-later "EE revoked by the delta" ee ca ca 0x104 ee "$DP"
cert ee-sub "EE under the sub CA" ee sub sub 0x201 ee
# 4.4.19: the CA's CRLs are signed by a second key of the same name (cRLSign only).
cert ca-crl "CRL CA" crlkey root root 0x11 crl
cert ca-crl-other "CRL CA" crlkey2 other-root other-root 0x12 crl
# 4.14 indirect CRLs: the CA's certificates name "CRL Issuer" as their CRL issuer.
cert issuer "CRL Issuer" issuer root root 0x13 crl
INDIRECT_DP=("crlDistributionPoints = dp" "[ dp ]" "fullname = URI:http://crl.example/indirect.crl"
  "CRLissuer = dirName:dpdn" "[ dpdn ]" "CN = CRL Issuer")
cert ee-ind-good "EE indirect good" ee ca ca 0x111 ee "${INDIRECT_DP[@]}"
cert ee-ind-revoked "EE indirect revoked" ee ca ca 0x112 ee "${INDIRECT_DP[@]}"
# A cRLIssuer that names the certificate's own CA: its plain (not indirect) CRL covers it.
cert ee-own-crl-issuer "EE own CRL issuer" ee ca ca 0x121 ee "crlDistributionPoints = dp" \
  "[ dp ]" "fullname = URI:http://crl.example/ca.crl" "CRLissuer = dirName:dpdn" "[ dpdn ]" \
  "CN = CRL CA"
# A DP named relative to the CRL issuer (nameRelativeToCRLIssuer CN=part1: "CN=CRL CA, CN=part1").
cert ee-rel "EE relative DP" ee ca ca 0x131 ee "crlDistributionPoints = dprel" "[ dprel ]" \
  "relativename = dprel_rdn" "[ dprel_rdn ]" "CN = part1"
# 4.5 self-issued key rollover: "Roll CA" moved from roll-old to roll-new; roll-old-with-new is
# the old key certified by the new one; the end entities were issued with the old key, the CRL
# is signed with the new key.
cert roll-new "Roll CA" roll-new root root 0x14 ca
cert roll-old-with-new "Roll CA" roll-old roll-new roll-new 0x15 ca
cert ee-roll-good "EE roll good" ee roll-old-with-new roll-old 0x301 ee
cert ee-roll-revoked "EE roll revoked" ee roll-old-with-new roll-old 0x302 ee

chain good ee-good ca
chain revoked ee-revoked ca
chain hold ee-hold ca
chain later ee-later ca
chain sub-ee ee-sub sub ca
chain sepkey-good ee-good ca ca-crl
chain sepkey-revoked ee-revoked ca ca-crl
chain otherkey-good ee-good ca ca-crl-other
chain ind-good ee-ind-good ca issuer
chain ind-revoked ee-ind-revoked ca issuer
chain ind-no-issuer-cert ee-ind-good ca
chain own-crl-issuer ee-own-crl-issuer ca
chain rel ee-rel ca
chain roll-good ee-roll-good roll-old-with-new roll-new
chain roll-revoked ee-roll-revoked roll-old-with-new roll-new

# --- CRLs ---
THIS=260101000000Z
NEXT=491201000000Z
name_sect() {  # name_sect <section> <CN>
  printf '[%s]\nrdn = SET:%s_rdn\n[%s_rdn]\natv = SEQUENCE:%s_atv\n[%s_atv]\n' "$1" "$1" "$1" "$1" "$1"
  printf 't = OID:commonName\nv = UTF8:%s\n' "$2"
}
# entries "serial:reason[:certificateIssuer CN|-][:crit]" separated by ';' (reason - for none)
entry_sects() {
  local i=0 spec
  echo "[revoked]"
  IFS=';' read -ra specs <<< "$1"
  for spec in "${specs[@]}"; do i=$((i + 1)); echo "e$i = SEQUENCE:e$i"; done
  i=0
  for spec in "${specs[@]}"; do
    i=$((i + 1))
    IFS=':' read -r serial reason ci crit <<< "$spec"
    printf '[e%d]\nserial = INTEGER:%s\ndate = UTCTIME:%s\n' $i "$serial" "$THIS"
    [ "$reason" = - ] && [ -z "${ci:-}" ] && [ -z "${crit:-}" ] && continue
    printf 'exts = SEQUENCE:e%d_x\n[e%d_x]\n' $i $i
    [ "$reason" != - ] && printf 'reason = SEQUENCE:e%d_r\n' $i
    [ -n "${ci:-}" ] && [ "$ci" != - ] && printf 'ci = SEQUENCE:e%d_ci\n' $i
    [ -n "${crit:-}" ] && printf 'crit = SEQUENCE:e%d_crit\n' $i
    printf '[e%d_r]\noid = OID:2.5.29.21\nv = OCTWRAP,ENUMERATED:%s\n' $i "$reason"
    printf '[e%d_ci]\noid = OID:2.5.29.29\nc = BOOLEAN:TRUE\nv = OCTWRAP,SEQUENCE:e%d_gn\n' $i $i
    printf '[e%d_gn]\ndn = EXPLICIT:4,SEQUENCE:e%d_dn\n' $i $i
    name_sect "e${i}_dn" "${ci:--}"
    printf '[e%d_crit]\noid = OID:1.3.6.1.4.1.55555.2\nc = BOOLEAN:TRUE\nv = OCTWRAP,INTEGER:1\n' $i
  done
}
# extensions "number=N;critnumber=N;delta=N;crit;idp=TOKENS" with IDP tokens joined by '+':
# uri:URL rel:CN dirname:CN/CN user ca attr indirect reasons:B.B.B (ReasonFlags bit numbers)
ext_sects() {
  local i=0 spec
  IFS=';' read -ra specs <<< "$1"
  echo "[exts]"
  for spec in "${specs[@]}"; do i=$((i + 1)); echo "x$i = SEQUENCE:x$i"; done
  i=0
  for spec in "${specs[@]}"; do
    i=$((i + 1))
    case $spec in
      critnumber=*) printf '[x%d]\noid = OID:2.5.29.20\nc = BOOLEAN:TRUE\nv = OCTWRAP,INTEGER:%s\n' \
                      $i "${spec#*=}" ;;
      number=*) printf '[x%d]\noid = OID:2.5.29.20\nv = OCTWRAP,INTEGER:%s\n' $i "${spec#*=}" ;;
      delta=*) printf '[x%d]\noid = OID:2.5.29.27\nc = BOOLEAN:TRUE\nv = OCTWRAP,INTEGER:%s\n' \
                 $i "${spec#*=}" ;;
      crit) printf '[x%d]\noid = OID:1.3.6.1.4.1.55555.1\nc = BOOLEAN:TRUE\nv = OCTWRAP,INTEGER:1\n' $i ;;
      idp=*)
        printf '[x%d]\noid = OID:2.5.29.28\nc = BOOLEAN:TRUE\nv = OCTWRAP,SEQUENCE:idp\n[idp]\n' $i
        local tokens uri="" rel="" dir="" t
        IFS='+' read -ra tokens <<< "${spec#*=}"
        for t in "${tokens[@]}"; do
          case $t in
            uri:*) uri=${t#uri:} ;;
            rel:*) rel=${t#rel:} ;;
            dirname:*) dir=${t#dirname:} ;;
          esac
        done
        [ -n "$uri$rel$dir" ] && echo "dp = IMPLICIT:0,SEQUENCE:idp_dpn"
        for t in user ca reasons indirect attr; do
          local tok
          for tok in "${tokens[@]}"; do
            case "$t:$tok" in
              user:user) echo "user = IMPLICIT:1,BOOLEAN:TRUE" ;;
              ca:ca) echo "ca = IMPLICIT:2,BOOLEAN:TRUE" ;;
              reasons:reasons:*) echo "reasons = FORMAT:BITLIST,IMPLICIT:3,BITSTRING:${tok#reasons:}" \
                                   | tr . , ;;
              indirect:indirect) echo "indirect = IMPLICIT:4,BOOLEAN:TRUE" ;;
              attr:attr) echo "attr = IMPLICIT:5,BOOLEAN:TRUE" ;;
            esac
          done
        done
        if [ -n "$uri" ]; then
          printf '[idp_dpn]\nfull = IMPLICIT:0,SEQUENCE:idp_gn\n[idp_gn]\nuri = IMPLICIT:6,IA5STRING:%s\n' "$uri"
        elif [ -n "$rel" ]; then  # nameRelativeToCRLIssuer: one CN
          printf '[idp_dpn]\nrel = IMPLICIT:1,SET:idp_atvs\n[idp_atvs]\natv = SEQUENCE:idp_atv\n'
          printf '[idp_atv]\nt = OID:commonName\nv = UTF8:%s\n' "$rel"
        elif [ -n "$dir" ]; then  # a directoryName of two CNs, "A/B"
          printf '[idp_dpn]\nfull = IMPLICIT:0,SEQUENCE:idp_gn\n[idp_gn]\ndn = EXPLICIT:4,SEQUENCE:idp_dn\n'
          printf '[idp_dn]\nr1 = SET:idp_r1\nr2 = SET:idp_r2\n'
          printf '[idp_r1]\na = SEQUENCE:idp_a1\n[idp_a1]\nt = OID:commonName\nv = UTF8:%s\n' "${dir%%/*}"
          printf '[idp_r2]\na = SEQUENCE:idp_a2\n[idp_a2]\nt = OID:commonName\nv = UTF8:%s\n' "${dir#*/}"
        fi
        ;;
    esac
  done
}
# crl <file> <issuer CN> <signing key> <entries> <extensions> [next update] [alg: ec|dsa]
crl() {
  local file=$1 issuer=$2 k=$3 entries=$4 exts=$5 next=${6:-$NEXT} alg=${7:-ec}
  local algoid=ecdsa-with-SHA256
  [ "$alg" = dsa ] && algoid=2.16.840.1.101.3.4.3.2  # dsa-with-sha256
  {
    printf '[tbs]\nversion = INTEGER:1\nalg = SEQUENCE:alg\nissuer = SEQUENCE:issuer\n'
    printf 'this = UTCTIME:%s\nnext = UTCTIME:%s\n' "$THIS" "$next"
    [ -n "$entries" ] && echo "revoked = SEQUENCE:revoked"
    [ -n "$exts" ] && echo "exts = EXPLICIT:0,SEQUENCE:exts"
    printf '[alg]\noid = OID:%s\n' "$algoid"
    name_sect issuer "$issuer"
    [ -n "$entries" ] && entry_sects "$entries"
    [ -n "$exts" ] && ext_sects "$exts"
  } > "$WORK/body.cnf"
  { echo "asn1 = SEQUENCE:tbs"; cat "$WORK/body.cnf"; } > "$WORK/tbs.cnf"
  openssl asn1parse -genconf "$WORK/tbs.cnf" -noout -out "$WORK/tbs.der"
  openssl dgst -sha256 -sign "$WORK/$k.key" -out "$WORK/sig.bin" "$WORK/tbs.der"
  # CORRUPT=1: one bit of the signature's r flipped (a bad signature, not a malformed one)
  [ "${CORRUPT:-0}" = 1 ] && perl -0777 -pi -e 'substr($_, 10, 1) ^= "\x01"' "$WORK/sig.bin"
  local sig
  sig=$(xxd -p "$WORK/sig.bin" | tr -d '\n')
  { echo "asn1 = SEQUENCE:crl"; printf '[crl]\ntbs = SEQUENCE:tbs\nalg = SEQUENCE:alg\n'
    echo "sig = FORMAT:HEX,BITSTRING:$sig"; cat "$WORK/body.cnf"; } > "$WORK/crl.cnf"
  openssl asn1parse -genconf "$WORK/crl.cnf" -noout -out "$WORK/crl.der"
  openssl crl -inform DER -in "$WORK/crl.der" -out "$OUT/$file"
}

ENTRIES="0x102:1;0x103:6"
crl root.crl "CRL Root" root "" "number=1"
# 4.4.20-style: the root revokes the separate CRL-signing certificate (serial 0x11)
crl root-revokes-crl-signer.crl "CRL Root" root "0x11:1" "number=2"
crl ca.crl "CRL CA" ca "$ENTRIES" "number=10"
# 4.15 delta CRLs: the base is ca.crl (number 10); the delta takes the hold back and revokes
# 0x104; a delta for base 20 does not apply to it.
crl ca-delta.crl "CRL CA" ca "0x103:8;0x104:1" "number=11;delta=10"
crl ca-delta-nobase.crl "CRL CA" ca "0x104:1" "number=21;delta=20"
crl ca-delta-expired.crl "CRL CA" ca "0x103:8" "number=12;delta=10" 270101000000Z
# 4.14 scopes: onlyContainsUserCerts / onlyContainsCACerts / onlyContainsAttributeCerts
crl ca-user.crl "CRL CA" ca "$ENTRIES" "number=30;idp=user"
crl ca-ca.crl "CRL CA" ca "0x102:1;0x20:2" "number=31;idp=ca"
crl ca-attr.crl "CRL CA" ca "0x102:1" "number=32;idp=attr"
# onlySomeReasons: keyCompromise + cACompromise here, the other reasons in the second CRL.
crl ca-reasons-key.crl "CRL CA" ca "0x102:1" "number=33;idp=reasons:1.2"
crl ca-reasons-rest.crl "CRL CA" ca "0x103:6" "number=34;idp=reasons:3.4.5.6.7.8"
# distribution point names: the leaves' DP is http://crl.example/ca.crl
crl ca-idp-name.crl "CRL CA" ca "0x102:1" "number=35;idp=uri:http://crl.example/ca.crl"
crl ca-idp-other.crl "CRL CA" ca "0x102:1" "number=36;idp=uri:http://crl.example/other.crl"
crl ca-idp-rel.crl "CRL CA" ca "0x131:1" "number=37;idp=rel:part1"
crl ca-idp-dirname.crl "CRL CA" ca "0x131:1" "number=38;idp=dirname:CRL CA/part1"
crl ca-idp-rel-other.crl "CRL CA" ca "0x131:1" "number=39;idp=rel:part2"
# indirect: CRL Issuer revokes 0x112 of CRL CA, and 0x111 of another CA (which must not count)
crl indirect.crl "CRL Issuer" issuer "0x111:1:CRL Other CA;0x112:1:CRL CA" \
  "number=40;idp=uri:http://crl.example/indirect.crl+indirect"
crl indirect-not-flagged.crl "CRL Issuer" issuer "0x112:1" \
  "number=41;idp=uri:http://crl.example/indirect.crl"
crl ca-own.crl "CRL CA" ca "0x121:1" "number=42"
# 4.4.19 separate CRL key; the same name but a key certified by another root
crl ca-sepkey.crl "CRL CA" crlkey "0x102:1" "number=50"
crl ca-otherkey.crl "CRL CA" crlkey2 "0x102:1" "number=51"
crl roll.crl "Roll CA" roll-new "0x302:1" "number=60"
# unusable CRLs (RFC 5280 §6.3.3 (f)-(g)): unknown critical CRL / entry extension, DSA, bad
# signature (ca.crl's signature on other contents)
crl ca-crit-ext.crl "CRL CA" ca "$ENTRIES" "number=70;crit"
crl ca-crit-entry.crl "CRL CA" ca "0x102:1;0x105:-:-:crit" "number=71"
crl ca-crit-number.crl "CRL CA" ca "$ENTRIES" "critnumber=74"
crl ca-dsa.crl "CRL CA" dsa "$ENTRIES" "number=72" "$NEXT" dsa
CORRUPT=1 crl ca-badsig.crl "CRL CA" ca "$ENTRIES" "number=73"
cat "$OUT/ca-crit-ext.crl" "$OUT/ca-dsa.crl" "$OUT/ca-badsig.crl" "$OUT/ca-delta-nobase.crl" \
  "$OUT/ca-crit-entry.crl" > "$OUT/bundle-unusable.crl"
cat "$OUT/bundle-unusable.crl" "$OUT/ca.crl" > "$OUT/bundle-mixed.crl"
echo "CRL cases written to $(pwd)/$OUT"
