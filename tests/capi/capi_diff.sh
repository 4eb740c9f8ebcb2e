#!/usr/bin/env bash
# capi_diff.sh REAL_PROGRAM OURS_PROGRAM: runs the facts program built against Debian's
# Mbed TLS 2.28 and the one built against embertls (gen_facts.sh) and compares them key by key.
# - a key both define with different values: FAIL, except the version macros (Debian ships
#   an older 2.28.x than the 2.28.9 we implement: reported);
# - a key only ours defines (a macro 2.28.N lacks, a suite Debian's build leaves out): reported;
# - a key only the real program prints: FAIL (the list comes from our headers, so only when ours
#   was built without the functions, before src/compat/ existed).
set -uo pipefail
real_prog=$1
ours_prog=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$real_prog" >"$tmp/real" || { echo "FAIL: $real_prog exited with $?"; exit 1; }
"$ours_prog" >"$tmp/ours" || { echo "FAIL: $ours_prog exited with $?"; exit 1; }
# The real program must really be Mbed TLS, ours must be embertls.
grep -q $'^macro MBEDTLS_EMBERTLS\t<undefined>$' "$tmp/real" ||
  { echo "FAIL: the reference program was not built against Mbed TLS"; exit 1; }
grep -q $'^macro MBEDTLS_EMBERTLS\t1$' "$tmp/ours" ||
  { echo "FAIL: our program was not built against embertls"; exit 1; }
awk -F'\t' '
  NR == FNR { real[$1] = $2; order[++nreal] = $1; next }
  {
    key = $1; ours = $2; total++; seen[key] = 1
    if (key ~ /^strerror /) functions = 1
    if (!(key in real)) { only_ours++; notes = notes "  only ours: " key "\n"; next }
    r = real[key]
    if (r == ours) { same++; next }
    split(key, k, " ")
    if (r == "<undefined>") { only_ours++; notes = notes "  only ours: " key "\n"; next }
    if (k[1] == "macro" && k[2] ~ /^MBEDTLS_VERSION_(NUMBER|PATCH|STRING|STRING_FULL)$/) {
      notes = notes "  version: " key " real " r " ours " ours "\n"; next
    }
    if ((k[1] == "suite" && r == "unknown") ||
        (k[1] == "suite_id" && real["suite " k[2]] == "unknown" && r == "0")) {
      absent++; next
    }
    bad++
    printf "FAIL: %s\n  real: %s\n  ours: %s\n", key, r, ours
  }
  END {
    for (i = 1; i <= nreal; i++) {
      if (order[i] in seen) continue
      if (functions) { bad++; printf "FAIL: %s only in the real program\n", order[i] }
      else real_only++
    }
    if (real_only) notes = notes "  " real_only " keys only in the real program: ours was built without the functions\n"
    printf "%s", notes
    printf "%d keys: %d identical, %d only ours, %d suites absent from Debian'"'"'s build, %d different\n",
           total, same, only_ours, absent, bad
    exit bad > 0
  }' "$tmp/real" "$tmp/ours"
