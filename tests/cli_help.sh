#!/bin/bash
# Every CLI explains itself: `PROG --help` exits 0 with an example, and every option the
# program's source accepts (the "--xyz" literals of programs/PROG/*.cpp and of the
# programs/common/ headers it includes) is in its --help output and in its section of
# docs/cli.md. A new option without help and docs fails here.
# Usage: cli_help.sh SOURCE_DIR BUILD_PROGRAMS_DIR
set -uo pipefail
src=$1
bin=$2
doc=$src/docs/cli.md
fails=0
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }

[ -f "$doc" ] || { echo "FAIL  $doc missing"; exit 1; }
for prog in ember-server ember-client ember-x509; do
  [ -x "$bin/$prog" ] || { fail "$bin/$prog not built"; continue; }
  help=$("$bin/$prog" --help 2>&1); rc=$?
  [ "$rc" = 0 ] || fail "$prog --help exits $rc (want 0)"
  grep -q "^Example" <<<"$help" || fail "$prog --help has no example"
  grep -q "default" <<<"$help" || fail "$prog --help gives no defaults"
  # The program's sources: its own files and the common headers they include.
  files=("$src/programs/$prog"/*.cpp)
  for inc in $(grep -ohE '#include "\.\./common/[a-z_]+\.hpp"' "${files[@]}" | sed -E 's/.*common\/([a-z_]+\.hpp)"/\1/' | sort -u); do
    files+=("$src/programs/common/$inc")
  done
  opts=$(grep -ohE -- '--[a-z][a-z0-9-]*' "${files[@]}" | sort -u)
  [ "$(wc -w <<<"$opts")" -ge 5 ] || fail "$prog: found only '$opts' as options in ${files[*]}"
  # This program's section of docs/cli.md: from "## PROG" to the next "## ".
  section=$(awk -v p="## $prog" '$0 == p {on = 1; next} /^## / {on = 0} on' "$doc")
  [ -n "$section" ] || fail "docs/cli.md has no '## $prog' section"
  for o in $opts; do
    re="(^|[^a-z0-9-])$o([^a-z0-9-]|\$)"
    grep -qE -- "$re" <<<"$help" || fail "$prog: $o is accepted but not in --help"
    grep -qE -- "$re" <<<"$section" || fail "$prog: $o is accepted but not in docs/cli.md"
  done
  echo "ok    $prog: --help exit 0, $(wc -w <<<"$opts") options in --help and docs/cli.md"
done
# The subcommand's --help too.
out=$("$bin/ember-x509" verify --help 2>&1); rc=$?
[ "$rc" = 0 ] && grep -q -- "--inhibit-any" <<<"$out" || fail "ember-x509 verify --help: rc=$rc"
# Wrong arguments still fail with the synopsis on stderr.
out=$("$bin/ember-x509" verify 2>&1 >/dev/null); rc=$?
[ "$rc" = 2 ] && grep -q "usage: ember-x509" <<<"$out" || fail "ember-x509 verify without arguments: rc=$rc, stderr: $out"
out=$("$bin/ember-client" --bogus 2>&1); rc=$?
[ "$rc" = 1 ] && grep -q "unknown option --bogus" <<<"$out" || fail "ember-client --bogus: rc=$rc: $out"
echo "$fails failure(s)"
exit $((fails > 0))
