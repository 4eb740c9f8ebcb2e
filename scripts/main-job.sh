#!/bin/bash
# The main job (README command 1). Until the TLS 1.3 client and server land (issue 4) it builds
# embertls and runs the crypto layer's known-answer tests; it then becomes a real TLS exchange
# between ember-server and ember-client on 127.0.0.1 with the bundled test PKI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD=${EMBER_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMBER_WERROR=ON >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target test_crypto test_rng test_asn1
"$BUILD/tests/test_crypto" --gtest_brief=1
"$BUILD/tests/test_rng" --gtest_brief=1
"$BUILD/tests/test_asn1" --gtest_brief=1
