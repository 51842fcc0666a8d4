# Shared helpers for scripts/*.sh. Sourced, not executed.
# shellcheck shell=bash

EYRIE_ROOT="${EYRIE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
EYRIE_STATE="$EYRIE_ROOT/.eyrie"
EYRIE_INFRA_POM="$EYRIE_ROOT/scripts/infra/pom.xml"

die() {
  echo "error: $*" >&2
  exit 1
}

# Prints the last lines of a log under a header, for failure messages.
log_tail() {
  local file=$1 lines=${2:-40}
  if [ -s "$file" ]; then
    echo "---- last $lines lines of $file ----" >&2
    tail -n "$lines" "$file" >&2
    echo "----" >&2
  else
    echo "(no log at $file)" >&2
  fi
}

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "no java found: install a JDK 17+ or set JAVA_HOME"
  fi
}

# JDK home derived from the java binary actually used (ES needs ES_JAVA_HOME; it has no bundled JDK).
java_home() {
  local bin
  bin=$(readlink -f "$(java_bin)")
  dirname "$(dirname "$bin")"
}

port_open() {
  # bash's /dev/tcp: no dependency on nc/curl; a refused connect fails fast
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Who listens on a port: "pid/command line", or a hint when no tool can tell.
port_holder() {
  local port=$1 out=""
  if command -v ss >/dev/null 2>&1; then
    out=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(.*)' | head -n 1)
  fi
  if [ -z "$out" ] && command -v lsof >/dev/null 2>&1; then
    out=$(lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | awk 'NR==2 {print $1 " pid " $2}')
  fi
  local pid
  pid=$(printf '%s' "$out" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ]; then
    out="pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-200)"
  fi
  echo "${out:-unknown process (install iproute2 or lsof to see which)}"
}

require_port_free() {
  local port=$1 what=$2
  if port_open "$port"; then
    die "port $port ($what) on 127.0.0.1 is already in use by $(port_holder "$port"). Stop it or choose another port (${3:-})."
  fi
}

# True when the pid in a pid file is alive and its command line contains a marker (guards against pid reuse).
pid_alive() {
  local pidfile=$1 marker=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(tr -dc '0-9' <"$pidfile")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker"
}

# Sends TERM, waits up to $3 seconds, then KILL.
stop_pid() {
  local pid=$1 what=$2 grace=${3:-30} i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "$what (pid $pid) did not stop within ${grace}s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
  sleep 0.5
}

# Runs the fetch pom with a log; prints the log tail on failure.
infra_mvn() {
  local log=$1
  shift
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven 3.8+ (apt-get install maven)"
  mkdir -p "$(dirname "$log")"
  if ! mvn -B -f "$EYRIE_INFRA_POM" "$@" >"$log" 2>&1; then
    log_tail "$log" 30
    die "fetching server artifacts with Maven failed (mvn -f $EYRIE_INFRA_POM $*); see $log"
  fi
}

# Serializes start/stop of one server across concurrent callers (test JVMs, CI, a developer).
with_lock() {
  local lockfile=$1
  shift
  mkdir -p "$(dirname "$lockfile")"
  exec 9>"$lockfile"
  flock -w 300 9 || die "could not lock $lockfile within 300s"
  "$@"
}
