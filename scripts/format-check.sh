#!/bin/bash
# Fails when a tracked C/C++ file is not formatted with the repository's .clang-format
# (Debian 12's clang-format 14, installed when missing). CI runs it first; to fix a tree:
#   git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null; then
  echo "format-check: installing clang-format"
  SUDO=()
  [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q >/dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends clang-format >/dev/null
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c' '*.cc')
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/format-check.$$; then
  grep -o '^[^:]*:[0-9]*' /tmp/format-check.$$ | sort -u | head -40 >&2
  rm -f /tmp/format-check.$$
  echo "format-check: the files above are not clang-formatted (see the command at the top)" >&2
  exit 1
fi
rm -f /tmp/format-check.$$
echo "format-check: ${#files[@]} files formatted"
