#!/bin/bash
# Certificate-policy chains for the RFC 5280 §6.1 policy tests (tests/data/policy/), in the
# spirit of NIST PKITS sections 4.8-4.12 (no PKITS data: our own root, P-256 keys, the PKITS
# policy OIDs NIST-test-policy-1..3 = 2.16.840.1.101.3.2.1.48.1..3). Every chain file is
# "<case>.crt": the end entity first, then its CAs up to (not including) root.crt.
# tests/unit/x509/policy_test.cpp says which PKITS case each one mirrors.
set -euo pipefail
cd "$(dirname "$0")"
OUT=policy
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"
P1=2.16.840.1.101.3.2.1.48.1
P2=2.16.840.1.101.3.2.1.48.2
P3=2.16.840.1.101.3.2.1.48.3
ANY=2.5.29.32.0

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT/key.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT/key2.pem"
openssl req -x509 -new -key "$OUT/key.pem" -subj "/CN=policy root" -days 9000 \
  -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash" -out "$OUT/root.crt" 2>/dev/null

# cert <name> <subject CN> <issuer name> <ca|ee> [extension lines...]: writes $WORK/<name>.crt
# signed by $WORK/<issuer>.crt (root: the root); every certificate uses key.pem except the
# self-issued ones, which use key2.pem (<name> ending in -si) so that they are new keys.
cert() {
  local name=$1 cn=$2 issuer=$3 kind=$4
  shift 4
  local key="$OUT/key.pem" ikey="$OUT/key.pem" icrt="$WORK/$issuer.crt"
  [[ $name == *-si ]] && key="$OUT/key2.pem"
  [[ $issuer == *-si ]] && ikey="$OUT/key2.pem"
  [ "$issuer" = root ] && icrt="$OUT/root.crt"
  {
    echo "[ x ]"
    if [ "$kind" = ca ]; then
      echo "basicConstraints = critical, CA:true"
      echo "keyUsage = critical, keyCertSign, cRLSign"
    else
      echo "basicConstraints = critical, CA:false"
      echo "keyUsage = critical, digitalSignature"
    fi
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    for line in "$@"; do echo "$line"; done
    echo "[ notice ]"
    echo "explicitText = \"embertls policy test\""
    echo "[ p1q ]"
    echo "policyIdentifier = $P1"
    echo "CPS.1 = \"http://cps.example/\""
    echo "userNotice.1 = @notice"
  } > "$WORK/$name.cnf"
  openssl req -new -key "$key" -subj "/CN=$cn" -out "$WORK/$name.csr"
  openssl x509 -req -in "$WORK/$name.csr" -CA "$icrt" -CAkey "$ikey" -CAcreateserial \
    -CAserial "$WORK/serial" -extfile "$WORK/$name.cnf" -extensions x -days 9000 -sha256 \
    -out "$WORK/$name.crt" 2>/dev/null
}
# chain <case> <ee> <ca>...: the chain file, end entity first.
chain() {
  local c=$1
  shift
  : > "$OUT/$c.crt"
  for n in "$@"; do cat "$WORK/$n.crt" >> "$OUT/$c.crt"; done
}

# 4.8 certificate policies
cert ca-p1 "CA P1" root ca "certificatePolicies = critical, $P1"
cert ee-p1 "EE P1" ca-p1 ee "certificatePolicies = $P1"
chain same-policy ee-p1 ca-p1
cert ca-none "CA no policies" root ca
cert ee-none "EE no policies" ca-none ee
chain no-policies ee-none ca-none
cert ca-p2 "CA P2" root ca "certificatePolicies = $P2"
cert ee-p1-under-p2 "EE P1" ca-p2 ee "certificatePolicies = $P1"
chain different-policies ee-p1-under-p2 ca-p2
cert sub-p1 "SubCA P1" ca-p1 ca "certificatePolicies = $P1"
cert ee-p2-under-p1 "EE P2" sub-p1 ee "certificatePolicies = $P2"
chain different-policies-deep ee-p2-under-p1 sub-p1 ca-p1
cert ca-p12 "CA P1 P2" root ca "certificatePolicies = $P1, $P2"
cert ee-p12 "EE P1 P2" ca-p12 ee "certificatePolicies = $P1, $P2"
chain same-policies-two ee-p12 ca-p12
cert sub-p1-of-p12 "SubCA P1" ca-p12 ca "certificatePolicies = $P1"
cert ee-p12-deep "EE P1 P2" sub-p1-of-p12 ee "certificatePolicies = $P1, $P2"
chain overlapping-policies ee-p12-deep sub-p1-of-p12 ca-p12
cert ca-any "CA anyPolicy" root ca "certificatePolicies = $ANY"
cert ee-p1-under-any "EE P1" ca-any ee "certificatePolicies = $P1"
chain any-policy ee-p1-under-any ca-any
cert ca-q "CA P1 qualifiers" root ca "certificatePolicies = critical, ia5org, @p1q"
cert ee-q "EE P1 qualifiers" ca-q ee "certificatePolicies = ia5org, @p1q"
chain qualifiers ee-q ca-q

# 4.9 requireExplicitPolicy
cert ca-rep4 "CA rEP 4" root ca "policyConstraints = critical, requireExplicitPolicy:4"
cert ee-rep4 "EE" ca-rep4 ee
chain require-explicit-later ee-rep4 ca-rep4
cert ca-rep0 "CA rEP 0" root ca "certificatePolicies = $P1" \
  "policyConstraints = critical, requireExplicitPolicy:0"
cert sub-none-rep0 "SubCA no policies" ca-rep0 ca
cert ee-none-rep0 "EE" sub-none-rep0 ee
chain require-explicit-now ee-none-rep0 sub-none-rep0 ca-rep0
cert ca-rep2 "CA rEP 2" root ca "policyConstraints = critical, requireExplicitPolicy:2"
cert ca-rep2-si "CA rEP 2" ca-rep2 ca
cert ee-rep2-si "EE" ca-rep2-si ee
chain require-explicit-self-issued ee-rep2-si ca-rep2-si ca-rep2
cert sub-rep2 "SubCA" ca-rep2-si ca
cert ee-rep2-sub "EE" sub-rep2 ee
chain require-explicit-self-issued-deep ee-rep2-sub sub-rep2 ca-rep2-si ca-rep2
cert ee-own-rep0 "EE rEP 0" ca-none ee "policyConstraints = critical, requireExplicitPolicy:0"
chain require-explicit-in-ee ee-own-rep0 ca-none

# 4.10 policy mappings
cert ca-map12 "CA maps P1 to P2" root ca "certificatePolicies = $P1" \
  "policyMappings = critical, $P1:$P2"
cert ee-p2-mapped "EE P2" ca-map12 ee "certificatePolicies = $P2"
chain mapping ee-p2-mapped ca-map12
cert ca-map-any "CA anyPolicy maps P1 to P2" root ca "certificatePolicies = $ANY" \
  "policyMappings = critical, $P1:$P2"
cert ee-p2-mapped-any "EE P2" ca-map-any ee "certificatePolicies = $P2"
chain mapping-through-any ee-p2-mapped-any ca-map-any
cert ca-map123 "CA maps P1 to P2 and P3" root ca "certificatePolicies = $P1" \
  "policyMappings = critical, $P1:$P2, $P1:$P3"
cert ee-p3-mapped "EE P3" ca-map123 ee "certificatePolicies = $P3"
chain mapping-one-to-many ee-p3-mapped ca-map123
cert ca-map-from-any "CA maps anyPolicy to P2" root ca "certificatePolicies = $P1" \
  "policyMappings = critical, $ANY:$P2"
cert ee-from-any "EE P2" ca-map-from-any ee "certificatePolicies = $P2"
chain mapping-from-any ee-from-any ca-map-from-any
cert ca-map-to-any "CA maps P1 to anyPolicy" root ca "certificatePolicies = $P1" \
  "policyMappings = critical, $P1:$ANY"
cert ee-to-any "EE P1" ca-map-to-any ee "certificatePolicies = $P1"
chain mapping-to-any ee-to-any ca-map-to-any

# 4.11 inhibitPolicyMapping
cert ca-ipm0 "CA iPM 0" root ca "certificatePolicies = $P1" \
  "policyConstraints = critical, inhibitPolicyMapping:0"
cert sub-map-ipm0 "SubCA maps P1 to P2" ca-ipm0 ca "certificatePolicies = $P1" \
  "policyMappings = critical, $P1:$P2"
cert ee-ipm0 "EE P2" sub-map-ipm0 ee "certificatePolicies = $P2"
chain inhibit-mapping ee-ipm0 sub-map-ipm0 ca-ipm0
cert ca-ipm1 "CA iPM 1" root ca "certificatePolicies = $P1" \
  "policyConstraints = critical, inhibitPolicyMapping:1"
cert sub-map-ipm1 "SubCA maps P1 to P2" ca-ipm1 ca "certificatePolicies = $P1" \
  "policyMappings = critical, $P1:$P2"
cert ee-ipm1 "EE P2" sub-map-ipm1 ee "certificatePolicies = $P2"
chain inhibit-mapping-later ee-ipm1 sub-map-ipm1 ca-ipm1
cert sub2-map-ipm1 "SubCA2 maps P2 to P3" sub-map-ipm1 ca "certificatePolicies = $P2" \
  "policyMappings = critical, $P2:$P3"
cert ee-ipm1-deep "EE P3" sub2-map-ipm1 ee "certificatePolicies = $P3"
chain inhibit-mapping-later-deep ee-ipm1-deep sub2-map-ipm1 sub-map-ipm1 ca-ipm1

# 4.12 inhibitAnyPolicy
cert ca-iap0 "CA iAP 0" root ca "certificatePolicies = $ANY" "inhibitAnyPolicy = critical, 0"
cert sub-any-iap0 "SubCA anyPolicy" ca-iap0 ca "certificatePolicies = $ANY"
cert ee-iap0 "EE P1" sub-any-iap0 ee "certificatePolicies = $P1"
chain inhibit-any ee-iap0 sub-any-iap0 ca-iap0
cert ca-iap1 "CA iAP 1" root ca "certificatePolicies = $ANY" "inhibitAnyPolicy = critical, 1"
cert sub-any-iap1 "SubCA anyPolicy" ca-iap1 ca "certificatePolicies = $ANY"
cert ee-iap1 "EE P1" sub-any-iap1 ee "certificatePolicies = $P1"
chain inhibit-any-later ee-iap1 sub-any-iap1 ca-iap1
cert ee-iap1-any "EE anyPolicy" sub-any-iap1 ee "certificatePolicies = $ANY"
chain inhibit-any-later-ee-any ee-iap1-any sub-any-iap1 ca-iap1
cert ca-iap1-si "CA iAP 1" ca-iap1 ca "certificatePolicies = $ANY"
cert sub-any-after-si "SubCA anyPolicy" ca-iap1-si ca "certificatePolicies = $ANY"
cert ee-iap1-si "EE P1" sub-any-after-si ee "certificatePolicies = $P1"
chain inhibit-any-self-issued ee-iap1-si sub-any-after-si ca-iap1-si ca-iap1
chain any-policy-ca-only ee-p1-under-any ca-any

rm -f "$OUT/key.pem" "$OUT/key2.pem"
echo "policy cases written to $(pwd)/$OUT"
