#!/bin/bash
# Fails when clang-tidy (the repository's .clang-tidy, Debian 12's clang-tidy 14, installed when
# missing) reports anything in the library sources (src/). Needs build/compile_commands.json,
# which scripts/test.sh's build writes; CI runs this after the test suite. Local use:
#   scripts/tidy-check.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
if ! command -v run-clang-tidy >/dev/null || ! command -v clang-tidy >/dev/null; then
  echo "tidy-check: installing clang-tidy"
  SUDO=()
  [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q >/dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends clang-tidy >/dev/null
fi
if [ ! -f "$BUILD/compile_commands.json" ]; then
  echo "tidy-check: $BUILD/compile_commands.json missing (run scripts/test.sh first)" >&2
  exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Only the library: tests and programs follow the same style but gtest macros trip checks.
# run-clang-tidy 14 has no warnings-as-errors switch: any "warning:" or "error:" line fails.
run-clang-tidy -quiet -p "$BUILD" -j "$(nproc)" "$PWD/src/" >"$log" 2>&1 || true
if grep -qE "(warning|error):" "$log"; then
  grep -E "(warning|error):" "$log" | sort -u | head -40 >&2
  echo "tidy-check: clang-tidy findings above (see .clang-tidy)" >&2
  exit 1
fi
echo "tidy-check: $(grep -c "$PWD/src/" "$BUILD/compile_commands.json") files under src/, no findings"
