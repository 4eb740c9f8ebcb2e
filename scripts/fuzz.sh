#!/bin/bash
# Real fuzzing with libFuzzer + ASan/UBSan (clang). Usage: scripts/fuzz.sh TARGET [SECONDS]
# TARGET is a fuzz/<TARGET>.cpp name (der, pem, private_key, ...). New inputs that increase
# coverage go to build-fuzz/corpus/TARGET (seeded from fuzz/corpus/TARGET); crashes to
# build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-600}
scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DEMBER_BUILD_FUZZ=ON -DEMBER_FUZZ_ENGINE=libfuzzer -DEMBER_BUILD_TESTS=OFF \
  -DEMBER_BUILD_PROGRAMS=OFF \
  -DCMAKE_CXX_FLAGS="-fno-sanitize-recover=all" -UCMAKE_EXE_LINKER_FLAGS >/dev/null
echo "fuzz: [1/2] building fuzz_$target in build-fuzz (clang, libFuzzer + ASan/UBSan) ..." >&2
cmake --build build-fuzz --target "fuzz_$target"
mkdir -p "build-fuzz/corpus/$target" build-fuzz/artifacts
cp -n fuzz/corpus/"$target"/* "build-fuzz/corpus/$target/" 2>/dev/null || true
echo "fuzz: [2/2] fuzzing $target for $seconds s from $(find "build-fuzz/corpus/$target" -type f | wc -l)" \
  "corpus inputs; libFuzzer reports as it goes (#runs, cov = edges covered, exec/s), ends with" \
  "'Done N runs'; crashes go to build-fuzz/artifacts/" >&2
exec "build-fuzz/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/artifacts/ "build-fuzz/corpus/$target"
