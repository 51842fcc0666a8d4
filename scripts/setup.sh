#!/usr/bin/env bash
# Prerequisites of the build and its tests, shared by ./eyrie test and .ci/run.
# Sourced: defines eyrie_setup and the functions below. Executed: `scripts/setup.sh` runs eyrie_setup.
#
# eyrie_setup = install missing Debian packages (as root, or with password-less sudo), mount tracefs/debugfs
# (eBPF tracepoints attach through them), then require JDK 17+ and Maven.

# Packages the build and tests need. The collector compiles and loads eBPF programs (clang, llvm-strip, bpftool
# for vmlinux.h, libbpf headers and libbpf.so.1); the server scripts use curl, ss, runuser/setsid/flock.
EYRIE_APT_PACKAGES=(clang llvm libbpf-dev libbpf1 bpftool make curl iproute2 procps util-linux passwd ca-certificates)

eyrie_privileged() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 126
  fi
}

eyrie_can_escalate() {
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

eyrie_missing_packages() {
  local p
  for p in "${EYRIE_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
  command -v javac >/dev/null 2>&1 || echo openjdk-17-jdk-headless
  command -v mvn >/dev/null 2>&1 || echo maven
}

eyrie_install_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; make sure these are installed: ${EYRIE_APT_PACKAGES[*]}, a JDK 17+ and Maven" >&2
    return 0
  fi
  local missing
  missing=$(eyrie_missing_packages | tr '\n' ' ')
  [ -n "${missing// /}" ] || return 0
  if ! eyrie_can_escalate; then
    echo "setup: missing packages: $missing— install them: sudo apt-get install -y $missing" >&2
    return 0
  fi
  echo "setup: installing $missing"
  # shellcheck disable=SC2086  # word splitting of the package list is intended
  if ! { eyrie_privileged env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    eyrie_privileged env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >/tmp/eyrie-apt.log 2>&1; then
    tail -n 30 /tmp/eyrie-apt.log >&2
    echo "setup: apt-get install failed (log: /tmp/eyrie-apt.log)" >&2
    return 1
  fi
}

eyrie_mount_one() {
  local type=$1 dir=$2
  if mountpoint -q "$dir" 2>/dev/null; then
    return 0
  fi
  if ! eyrie_can_escalate; then
    echo "setup: $type is not mounted at $dir and this user cannot mount it; eBPF tests will fail (run: sudo mount -t $type nodev $dir)" >&2
    return 0
  fi
  if eyrie_privileged mount -t "$type" nodev "$dir" 2>/tmp/eyrie-mount.log; then
    echo "setup: mounted $type at $dir"
  else
    echo "setup: could not mount $type at $dir: $(cat /tmp/eyrie-mount.log); eBPF tracepoints may not attach" >&2
  fi
}

# libbpf 1.1 reads tracepoint ids from tracefs (either location).
eyrie_mount_tracing() {
  eyrie_mount_one tracefs /sys/kernel/tracing
  eyrie_mount_one debugfs /sys/kernel/debug
}

eyrie_require_java() {
  local java version major
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if ! command -v "$java" >/dev/null 2>&1; then
    echo "error: no java found (JAVA_HOME=${JAVA_HOME:-unset}): install a JDK 17+ (apt-get install openjdk-17-jdk-headless)" >&2
    return 1
  fi
  version=$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  major=${version%%.*}
  [ "$major" = 1 ] && major=$(echo "$version" | cut -d. -f2)
  if ! [ "${major:-0}" -ge 17 ] 2>/dev/null; then
    echo "error: Java $version found ($(command -v "$java")); Eyrie needs JDK 17 or newer (set JAVA_HOME)" >&2
    return 1
  fi
  if ! command -v "${JAVA_HOME:+$JAVA_HOME/bin/}javac" >/dev/null 2>&1; then
    echo "error: Java $version is a runtime without javac; install a JDK 17+ (apt-get install openjdk-17-jdk-headless)" >&2
    return 1
  fi
}

eyrie_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven (mvn) not found: install Maven 3.8+ (apt-get install maven)" >&2
    return 1
  fi
}

eyrie_setup() {
  eyrie_install_packages || return 1
  eyrie_mount_tracing
  eyrie_require_java && eyrie_require_maven
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  eyrie_setup
fi
