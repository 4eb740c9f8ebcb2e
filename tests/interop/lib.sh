# Helpers shared by tls13_interop.sh and tls12_interop.sh (sourced, not run).
#
# Ports: every server under test is started on port 0 (the kernel picks a free one) and its
# port is read back from the process's own listening socket in /proc, so two checkouts (or two
# `ctest -j`) on one machine never race for a port, and readiness is "the process listens",
# polled, never a fixed sleep.

# server_port PID: prints the TCP port PID listens on (IPv4 first, then IPv6); fails when it
# does not listen (yet). Matches the socket inodes of /proc/PID/fd against /proc/net/tcp*.
server_port() {
  local inodes
  inodes=$(find "/proc/$1/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n')
  [ -n "$inodes" ] || return 1
  local hex
  hex=$(awk -v inodes="$inodes" '
    BEGIN { n = split(inodes, list, "\n"); for (i = 1; i <= n; i++) want[list[i]] = 1 }
    $4 == "0A" && ($10 in want) { split($2, local_addr, ":"); print local_addr[2]; exit }
  ' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  [ -n "$hex" ] || return 1
  echo $((16#$hex))
}

# wait_server PID: polls until PID listens (prints its port) or dies, 10 s at most.
wait_server() {
  local i
  for ((i = 0; i < 500; i++)); do
    server_port "$1" && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

# wait_output MS "FILE..." PATTERN...: polls until every extended regex PATTERN matches a line of
# one of the FILEs (0), or MS milliseconds passed (1). FILEs: a space-separated list.
wait_output() {
  local ms=$1 files=$2 i p ok
  shift 2
  for ((i = 0; i * 20 < ms; i++)); do
    ok=1
    for p in "$@"; do
      # shellcheck disable=SC2086  # the file list splits on spaces
      grep -qsE -- "$p" $files || { ok=0; break; }
    done
    [ $ok = 1 ] && return 0
    sleep 0.02
  done
  return 1
}

# wait_exit PID MS: polls until PID exited (0) or MS milliseconds passed (1).
wait_exit() {
  local i
  for ((i = 0; i * 20 < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.02
  done
  return 1
}
