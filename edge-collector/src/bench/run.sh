#!/usr/bin/env bash
# Edge collector benchmark (run as root from anywhere):  edge-collector/src/bench/run.sh [ITERATIONS]
#
# An open+close loop in C (src/bench/c/openloop.c) runs as a daemon (re-parented to init, like a service) with no
# probe, with a C libbpf consumer of the same BPF object (src/bench/c/floor.c, the floor), and with the Java
# collector shipping to Kafka (capture -> enrich -> encode -> Kafka). Reports the load's CPU ns per iteration
# (slowdown), consumer CPU per million events, and kernel losses at paced rates. CPU time, not wall time, is the
# measure: the machines are shared.
set -euo pipefail
N=${1:-1000000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MOD=$(cd "$HERE/../.." && pwd)
ROOT=$(cd "$MOD/.." && pwd)
OUT=$MOD/target/bench
KPORT=${EYRIE_KAFKA_PORT:-19092}
MPORT=${EYRIE_BENCH_METRICS_PORT:-19464}
RATES=${EYRIE_BENCH_RATES-"50000 100000 200000 300000"}
# optional: a producer properties file (e.g. compression.type=zstd) and a JFR recording (from JVM start to exit)
PRODUCER=${EYRIE_BENCH_PRODUCER_CONFIG:-}
JFR=${EYRIE_BENCH_JFR:-}
# a private local repository (worktrees) when there is one; never install the bench build into ~/.m2 by surprise
M2=${EYRIE_M2_REPO:-$ROOT/.m2repo}
MVN=(mvn -q -B -o)
[ -d "$M2" ] && MVN+=("-Dmaven.repo.local=$M2")
mkdir -p "$OUT"

[ "$(id -u)" = 0 ] || { echo "bench: run as root (eBPF)" >&2; exit 1; }
command -v gcc >/dev/null || { echo "bench: gcc missing: apt-get install -y gcc" >&2; exit 1; }
[ -f /usr/include/bpf/libbpf.h ] || { echo "bench: libbpf headers missing: apt-get install -y libbpf-dev" >&2; exit 1; }

echo "bench: building"
(cd "$ROOT" && "${MVN[@]}" -pl edge-collector -am install -DskipTests)
(cd "$MOD" && "${MVN[@]}" dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
gcc -O2 -o "$OUT/openloop" "$HERE/c/openloop.c"
gcc -O2 -I"$MOD/src/main/bpf" -o "$OUT/floor" "$HERE/c/floor.c" -lbpf
OBJ=$MOD/target/classes/dev/eyrie/collector/bpf/collector.bpf.o
echo x > "$OUT/file"
# the broker is shared (one per machine, started by whoever owns it): use it, never start or stop it here
(exec 3<>"/dev/tcp/127.0.0.1/$KPORT") 2>/dev/null || {
  echo "bench: no Kafka on 127.0.0.1:$KPORT (start one: EYRIE_KAFKA_PORT=$KPORT scripts/kafka.sh start)" >&2; exit 1; }

# run_load ITER RATE -> prints openloop's result line; the loop's parent exits at once so init adopts it
run_load() {
  rm -f "$OUT/load.out" "$OUT/load.done"
  sh -c "( '$OUT/openloop' '$OUT/file' $1 $2 > '$OUT/load.out'; touch '$OUT/load.done' ) &"
  while [ ! -f "$OUT/load.done" ]; do sleep 0.1; done
  cat "$OUT/load.out"
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
metric() { curl -s "127.0.0.1:$MPORT/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
proc_cpu() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; } # clock ticks (1/100 s); comm may hold spaces
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
# per-thread CPU ticks of a process as "name<TAB>total<TAB>system", threads of one kind (GC workers, compilers)
# summed
thread_cpu() {
  local t
  for t in /proc/$1/task/*; do
    printf '%s\t%s\n' "$(tr -d '\n' < "$t/comm" | sed 's/#[0-9]*$//; s/[0-9]*$//')" \
      "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print ($12 + $13) "\t" $13}' || printf '0\t0')"
  done | awk -F'\t' '{s[$1] += $2; k[$1] += $3} END {for (n in s) print n "\t" s[n] "\t" k[n]}' | sort
}

LOAD0=$(load_avg)
echo "bench: load average before: $LOAD0"
if [ -n "${EYRIE_BENCH_QUICK:-}" ]; then # iterating on the collector: skip the no-probe and floor runs
  base_ns=0; floor_ns=0; floor_cpu=0; floor_recs=0; floor_drop=0
else
  run_load 200000 0 >/dev/null # warm caches
  BASE=$(run_load "$N" 0)
  base_ns=$(echo "$BASE" | field cpu_ns_per_iter)
  echo "bench: no probe: $BASE"

  "$OUT/floor" "$OBJ" > "$OUT/floor.out" 2> "$OUT/floor.err" &
  FPID=$!
  until grep -q attached "$OUT/floor.err" 2>/dev/null; do sleep 0.1; done
  FLOOR_LOAD=$(run_load "$N" 0)
  kill -INT $FPID; wait $FPID || true
  floor_ns=$(echo "$FLOOR_LOAD" | field cpu_ns_per_iter)
  floor_cpu=$(field cpu_s < "$OUT/floor.out")
  floor_recs=$(field records < "$OUT/floor.out")
  floor_drop=$(field dropped < "$OUT/floor.out")
  echo "bench: C floor: $FLOOR_LOAD / $(cat "$OUT/floor.out")"
fi

JOPTS=(-Xmx512m -Djna.tmpdir="$OUT/jna")
# shellcheck disable=SC2206 # extra JVM flags to compare (e.g. a GC), split on spaces
JOPTS+=(${EYRIE_BENCH_JAVA_OPTS:-})
if [ -n "$JFR" ]; then
  # recorded from JVM start: attaching JFR later (jcmd) invalidates compiled code and distorts what it measures.
  # The profile settings, sampling Java stacks every 1 ms instead of 10.
  sed 's|\(method-sampling-java-interval">\)[^<]*|\11 ms|' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$OUT/cpu.jfc"
  JOPTS+=("-XX:StartFlightRecording=settings=$OUT/cpu.jfc,filename=$JFR,dumponexit=true")
fi
PROPTS=()
[ -n "$PRODUCER" ] && PROPTS=(--producer-config "$PRODUCER")
# EYRIE_BENCH_CLASSES: another build of the collector (e.g. the previous commit) for an A/B under the same load
java "${JOPTS[@]}" -cp "${EYRIE_BENCH_CLASSES:-$MOD/target/classes}:$(cat "$OUT/cp.txt")" \
  dev.eyrie.collector.CollectorCommand --kafka "127.0.0.1:$KPORT" --topic eyrie.bench.events --syscalls openat \
  --state-dir "$OUT/state" --metrics-port "$MPORT" "${PROPTS[@]}" > "$OUT/collector.log" 2>&1 &
JPID=$!
trap 'kill $JPID 2>/dev/null || true' EXIT
until grep -q "capturing" "$OUT/collector.log" 2>/dev/null; do
  kill -0 $JPID 2>/dev/null || { cat "$OUT/collector.log"; exit 1; }
  sleep 0.2
done
run_load 1500000 150000 >/dev/null # JIT warm-up
sleep 2
settle() { # until the collector has caught up: ring drained and Kafka acknowledged nearly all (other processes
  # on the machine keep opening files, so the counters never stand still)
  local i
  for i in $(seq 1 120); do
    local lag cap sent
    lag=$(metric eyrie_collector_ring_lag_bytes); cap=$(metric eyrie_collector_captured_total)
    sent=$(metric eyrie_collector_sent_total)
    [ "$lag" -lt 65536 ] && [ $((cap - sent)) -lt 2000 ] && return 0
    sleep 0.5
  done
}
settle
c0=$(proc_cpu $JPID); e0=$(metric eyrie_collector_captured_total); k0=$(metric eyrie_collector_kernel_dropped_total)
b0=$(metric eyrie_collector_encoded_bytes_total)
thread_cpu $JPID > "$OUT/threads0.tsv"
JAVA_LOAD=$(run_load "$N" 0)
settle
c1=$(proc_cpu $JPID); e1=$(metric eyrie_collector_captured_total); k1=$(metric eyrie_collector_kernel_dropped_total)
b1=$(metric eyrie_collector_encoded_bytes_total)
thread_cpu $JPID > "$OUT/threads1.tsv"
java_ns=$(echo "$JAVA_LOAD" | field cpu_ns_per_iter)
java_events=$((e1 - e0))
java_cpu_s=$(awk -v t=$((c1 - c0)) 'BEGIN {printf "%.2f", t / 100}')
java_drop=$((k1 - k0))
bytes_per_event=$(( (b1 - b0) / (java_events > 0 ? java_events : 1) ))
echo "bench: Java collector: $JAVA_LOAD / events $java_events, cpu ${java_cpu_s}s, kernel dropped $java_drop"
# where the collector's CPU went, by thread kind, in µs per event
THREAD_ROWS=$(join -t $'\t' -a 2 -e 0 -o '0,1.2,1.3,2.2,2.3' "$OUT/threads0.tsv" "$OUT/threads1.tsv" |
  awk -F'\t' -v n="$java_events" '$4 - $2 > 0 {d = (n ? n : 1) / 10000
    printf "| %s | %.3f | %.3f |\n", $1, ($4 - $2) / d, ($5 - $3) / d}' | sort -t'|' -k3 -gr)
echo "$THREAD_ROWS"
# the JIT compilers still work after the warm-up; a long-running collector stops paying that
jit_us=$(echo "$THREAD_ROWS" | awk -F'|' '$2 ~ /Compiler/ {s += $3} END {printf "%.3f", s}')

RATE_ROWS=""
best=0
for r in $RATES; do
  settle
  k0=$(metric eyrie_collector_kernel_dropped_total); e0=$(metric eyrie_collector_captured_total); c0=$(proc_cpu $JPID)
  L=$(run_load $((r * 5)) "$r")
  settle
  k1=$(metric eyrie_collector_kernel_dropped_total); e1=$(metric eyrie_collector_captured_total); c1=$(proc_cpu $JPID)
  achieved=$(echo "$L" | awk '{for (i=1;i<=NF;i++) if ($i ~ /^elapsed_s=/) {split($i,a,"="); e=a[2]} } END {print e}')
  achieved=$(awk -v n=$((r * 5)) -v e="$achieved" 'BEGIN {printf "%d", n / e}')
  us=$(awk -v t=$((c1 - c0)) -v n=$((e1 - e0)) 'BEGIN {printf "%.2f", n ? t * 10000 / n : 0}')
  RATE_ROWS+="| $r | $achieved | $((e1 - e0)) | $((k1 - k0)) | $us |"$'\n'
  [ $((k1 - k0)) -eq 0 ] && [ "$achieved" -ge $((r * 9 / 10)) ] && best=$r
  echo "bench: paced $r/s: achieved $achieved/s, captured $((e1 - e0)), kernel dropped $((k1 - k0)), ${us} us CPU/event"
done
kill -TERM $JPID; wait $JPID 2>/dev/null || true
trap - EXIT

awk_ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b ? a / b : 0}'; }
floor_us=$(awk -v c="$floor_cpu" -v n="$floor_recs" 'BEGIN {printf "%.3f", n ? c * 1e6 / n : 0}')
java_us=$(awk -v c="$java_cpu_s" -v n="$java_events" 'BEGIN {printf "%.3f", n ? c * 1e6 / n : 0}')
cat > "$OUT/result.md" <<EOF
Command: \`edge-collector/src/bench/run.sh $N\` (root). Load average before: $LOAD0; after: $(load_avg) on $(nproc) CPUs.
Producer config: ${PRODUCER:-defaults}.

| configuration | load CPU ns / open+close | slowdown | consumer CPU per 1M events | kernel drops |
|---|---|---|---|---|
| no probe | $base_ns | 1.00 | – | – |
| C libbpf consumer (floor) | $floor_ns | $(awk_ratio "$floor_ns" "$base_ns") | $(awk -v u="$floor_us" 'BEGIN {print u}') s | $floor_drop |
| Java collector → Kafka | $java_ns | $(awk_ratio "$java_ns" "$base_ns") | $(awk -v u="$java_us" 'BEGIN {print u}') s ($java_events events, ${bytes_per_event} B/event) | $java_drop |

Java / floor CPU per event: $(awk_ratio "$java_us" "$floor_us")×; without the JIT compiler threads
$(awk -v a="$java_us" -v j="$jit_us" 'BEGIN {printf "%.3f", a - j}') µs/event, $(awk -v a="$java_us" -v j="$jit_us" -v f="$floor_us" 'BEGIN {printf "%.2f", f ? (a - j) / f : 0}')×. The unpaced run's collector CPU by thread:

| thread | µs CPU / event | of which in the kernel |
|---|---|---|
$THREAD_ROWS

Unpaced loops outrun any consumer; the paced runs
below are the loss measure (5 s each, Java collector to Kafka):

| target opens/s | achieved/s | captured | kernel drops | collector µs CPU / event |
|---|---|---|---|---|
$RATE_ROWS
Highest paced rate with 0 loss: ${best}/s.
EOF
cat "$OUT/result.md"
