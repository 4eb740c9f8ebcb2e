#!/bin/bash
# Conformance runs that need data kept out of the repository (CI runs this after
# scripts/test.sh; see README "X.509"). Today: the x509-limbo path-validation suite, 9,780 cases,
# through build/programs/ember-x509, gated on the number of passing cases.
#
#   scripts/conformance.sh                 data from ../shared/conformance/limbo.json.gz
#   LIMBO=/path/limbo.json.gz scripts/conformance.sh
#   EMBER_BUILD_DIR=build-x scripts/conformance.sh
# Builds ember-x509 first if needed (configures BUILD like scripts/test.sh when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${EMBER_BUILD_DIR:-build}
LIMBO=${LIMBO:-../shared/conformance/limbo.json.gz}
MIN_PASS=9730  # regression gate: raise it when more cases pass
if [ ! -f "$LIMBO" ]; then
  echo "conformance: $LIMBO not found: the x509-limbo data is not in the repository;" \
    "set LIMBO=/path/to/limbo.json.gz (CI has it in ../shared/conformance)" >&2
  exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  echo "conformance: configuring $BUILD"
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMBER_WERROR=ON >/dev/null
fi
echo "conformance: [1/2] building ember-x509 in $BUILD"
cmake --build "$BUILD" -j "$(nproc)" --target ember-x509 >/dev/null
echo "conformance: [2/2] x509-limbo ($LIMBO), gate: at least $MIN_PASS cases pass;" \
  "progress every 1,000 cases (limbo: N/9780 ..., with the time left)"
start=$(date +%s)
python3 tests/x509/limbo.py "$BUILD/programs/ember-x509" "$LIMBO" --no-cn-fallback --min-pass "$MIN_PASS"
echo "conformance: passed in $(( $(date +%s) - start )) s"
