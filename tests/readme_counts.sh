#!/bin/bash
# The README's interop counts are the registered tests: "N interop cases (A TLS 1.3 ..., B TLS
# 1.2 ...)" and the "# TLS 1.3: A cases" / "# TLS 1.2: B cases" comments of its ctest commands
# must equal `ctest -N` with those labels. Usage: readme_counts.sh README CTEST BUILD_DIR
set -uo pipefail
readme=$1 ctest=$2 build=$3
count() { "$ctest" --test-dir "$build" -N -L "$1" | grep -c 'Test *#'; }
t13=$(count '^interop$')
t12=$(count '^(interop12|mbedpeer)$')
fails=0
expect() {  # what pattern
  if grep -qE -- "$2" "$readme"; then echo "ok    $1"; else echo "FAIL  $1: README has no /$2/"; fails=$((fails + 1)); fi
}
expect "total" "the $((t13 + t12)) interop cases \\($t13 TLS 1\\.3 against OpenSSL"
expect "TLS 1.2 in the total" "^and GnuTLS, $t12 TLS 1\\.2 also against Mbed TLS 2\\.28\\)"
expect "TLS 1.3 command" "-L '\\^interop\\$' .*# TLS 1\\.3: $t13 cases"
expect "TLS 1.2 command" "-L '\\^\\(interop12\\|mbedpeer\\)\\$' .*# TLS 1\\.2: $t12 cases"
# No other count of interop cases may linger.
others=$(grep -oE "[0-9]+ (TLS 1\\.[23] )?(interop )?cases" "$readme" | grep -vE "^($t13|$t12|$((t13 + t12))) " | grep -v "9,780\|780 cases" || true)
[ -z "$others" ] || { echo "FAIL  other case counts in the README: $others"; fails=$((fails + 1)); }
echo "registered: $t13 TLS 1.3, $t12 TLS 1.2; $fails failure(s)"
exit $((fails > 0))
