#!/bin/bash
# The C++ examples in the documents are the files of docs/examples/, which CMake builds with
# -Wall -Wextra -Werror (targets example_<name>): every
#   <!-- example: docs/examples/NAME.cpp -->   (or NAME.c: a ```c block)
# line of README.md and docs/*.md must be followed by a ```cpp block identical to that file, every
# file must be shown somewhere, and each example must get the page of an ember-server on
# 127.0.0.1 and fail against a CA that did not sign the server.
# Usage: docs_examples.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1
build=$2
fails=0
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

shown=()
for doc in "$src/README.md" "$src"/docs/*.md; do
  while IFS= read -r ref; do
    file=$src/$ref
    shown+=("$ref")
    [ -f "$file" ] || { fail "${doc#"$src"/} shows $ref, which does not exist"; continue; }
    # The fenced block after the marker line.
    lang=cpp
    [[ $ref == *.c ]] && lang=c
    awk -v m="<!-- example: $ref -->" -v fence="\`\`\`$lang" '
      $0 == m {state = 1; next}
      state == 1 && $0 == fence {state = 2; next}
      state == 1 {exit}
      state == 2 && /^```$/ {exit}
      state == 2 {print}' "$doc" >"$tmp/block.cpp"
    if diff -u "$file" "$tmp/block.cpp" >"$tmp/diff"; then
      echo "ok    ${doc#"$src"/} shows $ref verbatim"
    else
      fail "${doc#"$src"/}: the block after the $ref marker differs from the file:"
      sed 's/^/      /' "$tmp/diff" | head -40
    fi
  done < <(sed -n 's/^<!-- example: \(docs\/examples\/[A-Za-z0-9_]*\.c\(pp\)\{0,1\}\) -->$/\1/p' "$doc")
done
for file in "$src"/docs/examples/*.cpp "$src"/docs/examples/*.c; do
  ref=docs/examples/$(basename "$file")
  [[ " ${shown[*]} " == *" $ref "* ]] || fail "$ref is shown in no document"
done

# Each example works against a real server.
data=$src/tests/data/pki/p256
"$build/programs/ember-server" --accept 0 --cert "$data/server-chain.crt" --key "$data/server.key" \
  >"$tmp/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/server.log")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { fail "ember-server did not start: $(cat "$tmp/server.log")"; exit 1; }
for file in "$src"/docs/examples/*.cpp "$src"/docs/examples/*.c; do
  name=$(basename "$file")
  name=${name%.*}
  bin=$build/docs_examples/example_$name
  [ -x "$bin" ] || { fail "$bin not built"; continue; }
  out=$("$bin" localhost "$port" "$data/ca.crt" 2>&1); rc=$?
  if [ $rc = 0 ] && grep -q "^embertls server" <<<"$out"; then
    echo "ok    example_$name gets the page"
  else
    fail "example_$name: rc=$rc: $(head -c 300 <<<"$out")"
  fi
  out=$("$bin" localhost "$port" "$src/tests/data/pki/rsa2048/ca.crt" 2>&1); rc=$?
  if [ $rc = 1 ] && grep -q "handshake" <<<"$out"; then
    echo "ok    example_$name refuses a server its CA did not sign"
  else
    fail "example_$name with the wrong CA: rc=$rc: $(head -c 300 <<<"$out")"
  fi
done
echo "$fails failure(s)"
exit $((fails > 0))
