#!/bin/sh
# Generates the private keys used by the crypto unit tests (every container format the
# provider must read). Re-running replaces them; the committed files are what the tests use.
set -eu
cd "$(dirname "$0")"
PASS=ember-test
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pkcs8.pem
openssl pkey -in rsa2048.pkcs8.pem -traditional -out rsa2048.pkcs1.pem
openssl pkey -in rsa2048.pkcs8.pem -outform DER -out rsa2048.pkcs8.der
openssl rsa -in rsa2048.pkcs8.pem -outform DER -traditional -out rsa2048.pkcs1.der 2>/dev/null
openssl pkcs8 -topk8 -in rsa2048.pkcs8.pem -v2 aes-256-cbc -passout pass:$PASS -out rsa2048.enc.pem
openssl pkcs8 -topk8 -in rsa2048.pkcs8.pem -v2 aes-256-cbc -passout pass:$PASS -outform DER -out rsa2048.enc.der
openssl rsa -in rsa2048.pkcs8.pem -traditional -aes128 -passout pass:$PASS -out rsa2048.legacy-enc.pem 2>/dev/null
openssl pkey -in rsa2048.pkcs8.pem -pubout -out rsa2048.pub.pem
openssl ecparam -name prime256v1 -genkey -out p256.sec1.pem
openssl pkey -in p256.sec1.pem -out p256.pkcs8.pem
openssl ec -in p256.sec1.pem -outform DER -out p256.sec1.der 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.pkcs8.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out p521.pkcs8.pem
openssl genpkey -algorithm ED25519 -out ed25519.pem
openssl genpkey -algorithm ED448 -out ed448.pem
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsapss2048.pem
openssl genpkey -algorithm X25519 -out x25519.pem
openssl genpkey -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out dsa.pem 2>/dev/null || true
