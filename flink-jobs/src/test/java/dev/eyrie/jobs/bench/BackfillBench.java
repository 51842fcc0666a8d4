package dev.eyrie.jobs.bench;

import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveSchema;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.archive.ArchiveWriter;
import dev.eyrie.jobs.backfill.ArchiveEvents;
import dev.eyrie.jobs.backfill.ArchiveScan;
import dev.eyrie.jobs.backfill.BackfillJob;
import dev.eyrie.jobs.backfill.ReadPath;
import dev.eyrie.jobs.backfill.RulesetSpec;
import dev.eyrie.jobs.backfill.TimeRange;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.iceberg.Table;

/**
 * Backfill benchmark (BENCHMARKS.md "Backfill"): generates an archive of N events (once; reused while it holds
 * N), then in the same run measures the raw scan (archive → Event, no rules) and the backfill with the three
 * official Falco files, both BATCH jobs at the same parallelism on an embedded MiniCluster.
 * Each for the read paths named (default both): the event-bytes column alone, and all columns.
 * Args: [events=20000000] [parallelism=2] [warehouse=target/bench-warehouse] [paths=bytes,columns|none].
 */
public final class BackfillBench {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long DAY_NS = 86_400_000_000_000L;
  private static final long HOUR_NS = 3_600_000_000_000L;

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
    int p = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String wh = args.length > 2 ? args[2] : "target/bench-warehouse";
    // "none": only generate (or check) the archive
    String pathArg = args.length > 3 ? args[3] : "bytes,columns";
    List<String> paths = pathArg.equals("none") ? List.of() : List.of(pathArg.split(","));
    ArchiveConfig cfg = ArchiveConfig.load(null, Map.of("archive.warehouse", wh, "job.parallelism",
        Integer.toString(p), "elasticsearch.enabled", "false"), "backfill-bench");
    Table t = ArchiveTables.ensure(cfg.archive(), ArchiveSchema.current());
    long have = t.currentSnapshot() == null ? 0 : Long.parseLong(t.currentSnapshot().summary().get("total-records"));
    if (have != n) {
      if (have != 0) {
        throw new IllegalStateException("warehouse " + wh + " holds " + have + " events, not " + n + ": remove it");
      }
      long g = System.nanoTime();
      generate(t, n, p);
      System.out.printf(Locale.ROOT, "generated %d events in %.1f s%n", n, (System.nanoTime() - g) / 1e9);
      t.refresh();
    }
    TimeRange all = new TimeRange(Instant.ofEpochSecond(0, T0), Instant.ofEpochSecond(0, T0 + DAY_NS));
    ArchiveScan.Plan plan = ArchiveScan.plan(t, all);
    long bytesColumn = columnBytes(t, ArchiveSchema.EVENT_AVRO);
    System.out.printf(Locale.ROOT, "archive: %d events, %d files (%d with event bytes), %.1f MB = %.1f MB per 1M "
            + "events, of which the %s column %.1f MB (without it: %.1f MB per 1M events), %d partitions%n",
        plan.records(), plan.files(), plan.filesWithEventBytes(), plan.bytes() / 1e6,
        plan.bytes() / 1e6 / (plan.records() / 1e6), ArchiveSchema.EVENT_AVRO, bytesColumn / 1e6,
        (plan.bytes() - bytesColumn) / 1e6 / (plan.records() / 1e6), plan.partitions().size());

    RulesetSpec falco = RulesetSpec.of(RulesPublisher.read(officialFalcoRules()), null, RuleMatching.FIRST,
        List.of());
    for (String name : paths) {
      ReadPath.Mode mode = ReadPath.Mode.parse(name);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setRuntimeMode(RuntimeExecutionMode.BATCH);
      env.setParallelism(p);
      env.getConfig().enableObjectReuse();
      ArchiveEvents.read(env, cfg.archive(), t, plan, all, ReadPath.choose(mode, plan)).sinkTo(new DiscardingSink<>());
      long s = System.nanoTime();
      env.execute("raw scan");
      double raw = plan.records() / ((System.nanoTime() - s) / 1e9);

      BackfillJob.Result r = BackfillJob.run(new BackfillJob.Request(cfg.job(), cfg.archive(), all, falco, null,
          "bench", 0, false, mode), x -> { }, x -> { });
      double rules = r.scanned() / (r.elapsed().toNanos() / 1e9);
      System.out.printf(Locale.ROOT, "[%s] read path: %s%n", name, r.readPath().reason());
      System.out.printf(Locale.ROOT, "[%s] raw scan:  %.2fM events/s = %.2fM events/s/core (p=%d)%n", name, raw / 1e6,
          raw / 1e6 / p, p);
      System.out.printf(Locale.ROOT, "[%s] backfill:  %.2fM events/s = %.2fM events/s/core (p=%d), %d alerts%n", name,
          rules / 1e6, rules / 1e6 / p, p, r.eventAlerts() + r.sequenceAlerts());
      System.out.printf(Locale.ROOT, "[%s] backfill / raw scan = %.0f%%%n", name, 100 * rules / raw);
    }
  }

  /** The compressed size of one top-level column over all current files, from the files' column metrics. */
  static long columnBytes(Table t, String column) throws java.io.IOException {
    var field = t.schema().findField(column);
    long sum = 0;
    try (var tasks = t.newScan().includeColumnStats().planFiles()) {
      for (var task : tasks) {
        Long size = task.file().columnSizes() == null ? null : task.file().columnSizes().get(field.fieldId());
        sum += size == null ? 0 : size;
      }
    }
    return sum;
  }

  /** The three official files in Falco's load order, from ../shared/falco-rules next to the project root. */
  static List<java.nio.file.Path> officialFalcoRules() {
    java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("eyrie.root", ".."))
        .resolve("../shared/falco-rules").normalize();
    return List.of(dir.resolve("falco_rules.yaml"), dir.resolve("falco-incubating_rules.yaml"),
        dir.resolve("falco-sandbox_rules.yaml"));
  }

  /**
   * Writes the archive directly with the archive's own writer ({@link ArchiveWriter}: same conversion, Parquet
   * files and partitioning as the job) in {@code p} threads, each taking whole hours: events are generated in
   * time order, so a writer holds only one hour's host-bucket files open and every (hour, bucket) partition gets
   * one file, as the job's hash distribution gives. One commit per thread.
   */
  static void generate(Table table, long n, int p) throws Exception {
    long step = DAY_NS / n;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < p; w++) {
      int worker = w;
      Thread t = new Thread(() -> {
        try (ArchiveWriter out = new ArchiveWriter(table)) {
          for (long hour = worker; hour < 24; hour += p) {
            // the seqs whose ts = T0 + (seq - 1) * step falls in this hour
            long first = firstSeq(hour, step);
            long last = Math.min(n, firstSeq(hour + 1, step) - 1);
            for (long seq = first; seq <= last; seq++) {
              out.write(Generate.event(seq, n));
            }
            out.roll();
          }
          out.commit(Map.of("eyrie.bench.generator", "worker-" + worker), Map.of());
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "generate-" + w);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("generating the benchmark archive failed", failures.get(0));
    }
  }

  private static long firstSeq(long hour, long step) {
    return (hour * HOUR_NS + step - 1) / step + 1;
  }

  /** A busy fleet: 50 hosts over one day; per 100 events 8 execve, 40 openat, 6 connect, 46 other syscalls. */
  public static final class Generate {
    private Generate() {}

    private static final String[] PROCS = {"nginx", "java", "python3", "sshd", "bash", "cat", "curl", "systemd", "kubelet", "sh"};
    private static final String[] READ = {"/etc/ld.so.cache", "/proc/self/status", "/etc/hosts", "/etc/passwd",
        "/usr/lib/x86_64-linux-gnu/libc.so.6", "/var/lib/app/data.db", "/etc/shadow", "/home/alice/.bashrc"};
    private static final String[] WRITE = {"/tmp/app.tmp", "/var/log/nginx/access.log", "/etc/cron.d/job", "/dev/null"};
    private static final String[] OTHER = {"read", "write", "close", "fstat", "mmap", "futex", "epoll_wait", "brk"};

    public static Event event(long seq, long n) {
      long h = seq * 0x9E3779B97F4A7C15L;
      int host = (int) Math.floorMod(h >>> 7, 50);
      int slot = (int) Math.floorMod(seq, 100);
      String proc = PROCS[(int) Math.floorMod(h >>> 17, PROCS.length)];
      String container = (h & 1) == 0 ? "host" : "3ad7b26ded6" + (host % 10);
      List<Arg> args = new ArrayList<>();
      FileDescriptor fd = null;
      String type;
      List<String> pargs = new ArrayList<>();
      if (slot < 8) {
        type = "execve";
        pargs.add("-c");
        pargs.add("echo " + seq);
      } else if (slot < 48) {
        type = "openat";
        boolean write = slot >= 38;
        String path = write ? WRITE[(int) Math.floorMod(h >>> 23, WRITE.length)] : READ[(int) Math.floorMod(h >>> 23, READ.length)];
        String flags = write ? "O_WRONLY|O_CREAT|O_TRUNC" : "O_RDONLY|O_CLOEXEC";
        args.add(Arg.newBuilder().setName("fd").setValue("3").setRaw(3L).build());
        args.add(Arg.newBuilder().setName("name").setValue(path).build());
        args.add(Arg.newBuilder().setName("flags").setValue(flags).setRaw(write ? 0x106L : 0x801L).build());
        fd = FileDescriptor.newBuilder().setNum(3).setType("file").setName(path).setOpenFlags(write ? 0x106 : 1).build();
      } else if (slot < 54) {
        type = "connect";
        fd = FileDescriptor.newBuilder().setNum(4).setType("ipv4").setName("10.0.0.5:4321->10.0.1." + (host + 1) + ":443")
            .setL4proto("tcp").setSockfamily("ip").setLocalIp("10.0.0.5").setLocalPort(4321)
            .setRemoteIp("10.0.1." + (host + 1)).setRemotePort(443).setConnected(true).build();
      } else {
        type = OTHER[(int) Math.floorMod(h >>> 29, OTHER.length)];
      }
      String hostId = "host-" + host;
      return Event.newBuilder()
          .setEventId(hostId + ":boot-1:" + seq)
          .setHost(Host.newBuilder().setId(hostId).setHostname(hostId).setIps(new ArrayList<>(List.of("10.0.0.5")))
              .setBootId("boot-1").build())
          .setSeq(seq)
          .setTs(T0 + (seq - 1) * (DAY_NS / n))
          .setType(type)
          .setRes(0)
          .setArgs(args)
          .setProc(Process.newBuilder().setPid(1000 + host).setTid(1000 + host).setPpid(1).setName(proc)
              .setExe(proc).setExepath("/usr/bin/" + proc).setArgs(pargs).build())
          .setUser(User.newBuilder().setUid(0).setName("root").build())
          .setAncestors(new ArrayList<>())
          .setFd(fd)
          .setContainer(Container.newBuilder().setId(container).setMounts(new ArrayList<>()).build())
          .build();
    }
  }
}
