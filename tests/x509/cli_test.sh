#!/bin/bash
# ember-x509 behaviour: output shape and exit status (0 valid, 1 verification failed,
# 2 unreadable or unparsable input, with the file named). Usage (from tests/data): cli_test.sh BIN
set -uo pipefail
X=$1
T=2030-06-01T00:00:00Z
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # name expected-rc pattern-in-stdout-or-stderr command...
  local name=$1 want=$2 pattern=$3
  shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL  $name: rc=$rc (want $want), output:"; sed 's/^/      /' <<<"$out"; fails=$((fails + 1))
  else
    echo "ok    $name"
  fi
}

check "show certificate" 0 "subject name +: CN=localhost" $X show pki/p256/server.crt
check "show chain shows two" 0 "Certificate #2" $X show pki/p256/server-chain.crt
check "show CRL" 0 "Revoked certificates" $X show pki/p256/inter.crl
check "show DER certificate" 0 "signed using +: ECDSA with SHA256" $X show ../../fuzz/corpus/der/pki_p256_server.crt.der
check "verify ok" 0 "^flags=0x00000000$" $X verify --cafile pki/p256/ca.crt --host localhost --time $T pki/p256/server-chain.crt
check "verify flags line format" 1 "^flags=0x00000004$" $X verify --cafile pki/p256/ca.crt --host nope.test --time $T pki/p256/server-chain.crt
check "verify explanation" 1 "does not match with the expected CN" $X verify --cafile pki/p256/ca.crt --host nope.test --time $T pki/p256/server-chain.crt
check "verify several flags" 1 "flags=0x00000005" $X verify --cafile pki/p256/ca.crt --host nope.test --time $T pki/p256/broken/expired-chain.crt
check "missing chain file" 2 "nope.pem: cannot load chain" $X verify --cafile pki/p256/ca.crt nope.pem
check "missing CA file" 2 "nope-ca.pem" $X verify --cafile nope-ca.pem pki/p256/server-chain.crt
check "CRL file that is not a CRL" 2 "server.crt: bad CRL file" $X verify --cafile pki/p256/ca.crt --crl pki/p256/server.crt pki/p256/server-chain.crt
check "bad time" 2 "YYYY-MM-DDTHH:MM:SSZ" $X verify --cafile pki/p256/ca.crt --time yesterday pki/p256/server-chain.crt
check "bad profile" 2 "default, next or suiteb" $X verify --cafile pki/p256/ca.crt --profile weak pki/p256/server-chain.crt
check "no CA given" 2 "usage" $X verify pki/p256/server-chain.crt
printf 'garbage' > "$tmp/garbage.pem"
check "garbage chain" 2 "garbage.pem" $X verify --cafile pki/p256/ca.crt "$tmp/garbage.pem"
check "garbage show" 2 "garbage.pem" $X show "$tmp/garbage.pem"
head -c 700 pki/p256/server.crt > "$tmp/truncated.pem"
check "truncated PEM" 2 "truncated.pem" $X show "$tmp/truncated.pem"
{ echo "-----BEGIN CERTIFICATE-----"; head -c 10000000 /dev/zero | tr '\0' 'A' | fold -w 64; echo "-----END CERTIFICATE-----"; } > "$tmp/huge.pem"
check "10 MB PEM" 2 "huge.pem: .*(size limit|invalid)" $X verify --cafile pki/p256/ca.crt "$tmp/huge.pem"
# Certificate policies (tests/data/policy, make-policy-cases.sh): options, policy set, reason.
PA="--cafile policy/root.crt --time $T"
P1=2.16.840.1.101.3.2.1.48.1
check "policy set printed" 0 "^policies: $P1$" $X verify $PA policy/mapping.crt
check "--policy and --explicit-policy" 0 "^policies: $P1$" $X verify $PA --policy 2.5.29.99 --policy $P1 --explicit-policy policy/mapping.crt
check "--policy not on the path" 1 "policy error: no policy of the path is in the acceptable set" $X verify $PA --policy 2.16.840.1.101.3.2.1.48.2 --explicit-policy policy/mapping.crt
check "--inhibit-policy-mapping" 1 "policy mapping inhibited" $X verify $PA --inhibit-policy-mapping --explicit-policy policy/mapping.crt
check "--inhibit-any" 1 "^flags=0x00000100$" $X verify $PA --inhibit-any --explicit-policy policy/any-policy-ca-only.crt
check "--inhibit-any without explicit policy" 0 "^flags=0x00000000$" $X verify $PA --inhibit-any policy/any-policy-ca-only.crt
check "bad --policy" 2 "dotted OID" $X verify $PA --policy not-an-oid policy/mapping.crt
for o in --policy --explicit-policy --inhibit-policy-mapping --inhibit-any; do
  check "usage lists $o" 2 "\[$o" $X verify
done
# Revocation (tests/data/crl, make-crl-cases.sh): strict modes, unusable CRLs in a bundle.
CA="--cafile crl/root.crt --time $T"
check "no CRL: not revoked by default" 0 "^flags=0x00000000$" $X verify $CA crl/good.crt
check "--crl-check leaf without a CRL" 1 "^flags=0x00000010$" $X verify $CA --crl-check leaf crl/good.crt
check "--crl-check leaf explanation" 1 "The CRL is not correctly signed by the trusted CA" $X verify $CA --crl-check leaf crl/good.crt
check "--crl-check leaf with the CA's CRL" 0 "^flags=0x00000000$" $X verify $CA --crl crl/ca.crl --crl-check leaf crl/good.crt
check "--crl-check all needs the root's CRL" 1 "^flags=0x00000010$" $X verify $CA --crl crl/ca.crl --crl-check all crl/good.crt
check "--crl-check all" 0 "^flags=0x00000000$" $X verify $CA --crl crl/ca.crl --crl crl/root.crl --crl-check all crl/good.crt
check "--crl-check all revoked" 1 "^flags=0x00000002$" $X verify $CA --crl crl/ca.crl --crl crl/root.crl --crl-check all crl/revoked.crt
check "--crl-check if-present" 0 "^flags=0x00000000$" $X verify $CA --crl crl/root.crl --crl-check if-present crl/good.crt
check "--crl-check out-of-scope CRL" 1 "^flags=0x00000010$" $X verify $CA --crl crl/ca-idp-other.crl --crl-check leaf crl/revoked.crt
check "show an unusable CRL" 0 "unusable +: unsupported signature algorithm" $X show crl/ca-dsa.crl
check "show a delta CRL" 0 "delta of CRL +: 0A" $X show crl/ca-delta.crl
check "show an IDP scope" 0 "scope +: user certificates" $X show crl/ca-user.crl
check "bad --crl-check" 2 "leaf, all or if-present" $X verify $CA --crl-check sometimes crl/good.crt
check "usage lists --crl-check" 2 "\[--crl-check leaf\|all\|if-present\]" $X verify
check "bundle with unusable CRLs loads" 1 "^flags=0x00000002$" $X verify $CA --crl crl/bundle-mixed.crl crl/revoked.crt
check "only unusable CRLs: not trusted" 1 "^flags=0x00000010$" $X verify $CA --crl crl/bundle-unusable.crl crl/good.crt
check "unknown command" 2 "usage" $X frobnicate
echo "$fails failure(s)"
exit $((fails > 0))
