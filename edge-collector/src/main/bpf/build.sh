#!/usr/bin/env bash
# Compiles the collector's BPF object for the Maven build (generate-resources).
# usage: build.sh <src dir> <work dir> <output .o>
set -euo pipefail
src=$1 work=$2 out=$3

need() { # tool, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "eyrie edge-collector build: '$1' not found. Install the BPF toolchain: apt-get install -y $2 (full set: clang llvm libbpf-dev bpftool)" >&2
    exit 1
  fi
}
need clang clang
need llvm-strip llvm
need bpftool bpftool
if [ ! -f /usr/include/bpf/bpf_helpers.h ]; then
  echo "eyrie edge-collector build: /usr/include/bpf/bpf_helpers.h missing. Install libbpf headers: apt-get install -y libbpf-dev" >&2
  exit 1
fi
btf=${EYRIE_VMLINUX_BTF:-/sys/kernel/btf/vmlinux}
if [ ! -r "$btf" ]; then
  echo "eyrie edge-collector build: kernel BTF $btf not readable (needs CONFIG_DEBUG_INFO_BTF; set EYRIE_VMLINUX_BTF to another BTF file)" >&2
  exit 1
fi
mkdir -p "$work" "$(dirname "$out")"
# CO-RE: vmlinux.h only supplies type names/layouts at compile time; field offsets are relocated at load time.
if [ ! -s "$work/vmlinux.h" ]; then
  bpftool btf dump file "$btf" format c > "$work/vmlinux.h.tmp"
  mv "$work/vmlinux.h.tmp" "$work/vmlinux.h"
fi
clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -Wall -Wno-unused-function \
  -I"$work" -I"$src" -c "$src/collector.bpf.c" -o "$work/collector.bpf.o"
llvm-strip -g "$work/collector.bpf.o" -o "$out"
