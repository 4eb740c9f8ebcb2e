#!/bin/bash
# The shared library exports the public API and nothing else (cmake/Layers.cmake builds with
# -fvisibility=hidden; include/ember/ marks the API EMBER_API). Every exported ember:: symbol
# must name a class or function declared in include/ember/, and the internals that a program
# must never reach (the TLS state machines, the libcrypto provider) must not be exported.
# Usage: exports.sh LIBEMBERTLS.so INCLUDE_DIR
set -euo pipefail
lib=$1
inc=$2
syms=$(nm -DC --defined-only "$lib" | sed -E 's/^[0-9a-f]+ . //')
ember=$(grep -E '^(ember::|typeinfo for ember::|vtable for ember::)' <<<"$syms" |
        sed -E 's/^(typeinfo|vtable) for //' || true)
count=$(wc -l <<<"$ember")
[ "$count" -ge 100 ] || { echo "FAIL: only $count ember:: symbols exported from $lib"; exit 1; }
bad=0
for forbidden in 'ember::tls::TlsConnection' 'ember::crypto::openssl::' 'ember::tls::Protection' \
                 'ember::tls::CbcProtection' 'ember::x509::CertificateParser'; do
  if grep -q "$forbidden" <<<"$ember"; then
    echo "FAIL: internal symbol exported: $(grep -m1 "$forbidden" <<<"$ember")"
    bad=1
  fi
done
# ember::ns::Name... -> Name must be declared in a public header.
names=$(sed -E 's/\(.*//; s/<.*//' <<<"$ember" | awk -F'::' '{print ($2 ~ /^[a-z0-9_]+$/ && NF > 2) ? $3 : $2}' |
        sed -E 's/\[abi:cxx11\]//' | sort -u)
for n in $names; do
  grep -rqE "(class|struct) (EMBER_API )?$n\b|EMBER_API .*\b$n\(|^$n\(" "$inc" ||
    { echo "FAIL: exported '$n' is not declared EMBER_API in $inc"; bad=1; }
done
# libcrypto must stay behind the provider: its symbols are not re-exported.
if grep -qE '^(EVP_|OPENSSL_|SSL_)' <<<"$syms"; then echo "FAIL: libcrypto symbols exported"; bad=1; fi
[ $bad -eq 0 ] && echo "ok: $count ember:: symbols exported, all public API"
exit $bad
