package dev.eyrie.jobs.correlate.bench;

import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.jobs.correlate.CorrelateJob;
import dev.eyrie.jobs.correlate.SequenceRules;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Correlation throughput with Eyrie's sequence rules (BENCHMARKS.md, "Correlation"): a synthetic hour of event
 * time over 10,000 hosts (users/pids per host), a realistic mix where most events play no step, some play a
 * step and a few complete a sequence. Measures (1) the engine alone on one thread — step matching + the
 * reference evaluator, i.e. per core — and (2) the Flink correlation stages on a MiniCluster at parallelism 1,
 * with the peak of the CEP operators' partial-match gauge. Args: [events] [hosts].
 */
public final class CorrelateBench {
  private CorrelateBench() {}

  static final long HOUR_NS = 3_600_000_000_000L;

  /** Builds event {@code i} of {@code n} into {@code e} (one hour of event time, {@code hosts} hosts). */
  static final class Generator {
    final long n;
    final int hosts;
    final Event base = FieldEvents.of("evt.type", "openat", "fd.name", "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "evt.arg.flags", "O_RDONLY", "proc.name", "python3");

    Generator(long n, int hosts) {
      this.n = n;
      this.hosts = hosts;
    }

    Event event(long i, Event e) {
      int h = (int) (Math.floorMod(i * 2_654_435_761L, hosts));
      e.setTs(FieldEvents.DEFAULT_TS + i * (HOUR_NS / n));
      e.setSeq(i + 1);
      e.setEventId("b:" + i);
      e.getHost().setId("h" + h);
      e.getHost().setHostname("h" + h);
      e.getHost().setIps(List.of(ip(h, hosts)));
      e.getProc().setPid(1000 + (i % 50));
      e.getProc().setName("python3");
      e.getProc().setExepath("/usr/bin/python3");
      e.getFd().setType("file");
      e.getFd().setName("/usr/lib/x86_64-linux-gnu/libc.so.6");
      e.setRes(3L);
      int kind = (int) (i % 1000);
      if (kind < 300) {
        e.setType("openat"); // library and config reads: no step
      } else if (kind < 900 || kind >= 970) {
        e.setType(kind % 2 == 0 ? "read" : "close"); // the bulk of a syscall stream: no step, not even the type
      } else if (kind < 910) {
        e.setType("execve"); // every exec is a candidate "run" step (download then execute)
        e.setRes(0L);
        e.getProc().setName("ls");
        e.getProc().setExepath("/usr/bin/ls");
      } else if (kind < 940) {
        connect(e, "10.20." + (i % 200) + "." + (h & 255), 443); // private: a recon probe candidate
      } else if (kind < 950) {
        connect(e, "203.0.113." + (i % 250), 443); // public: an exfiltration candidate
      } else if (kind < 968) {
        connect(e, ip(h + 1, hosts), 22); // ssh to the next host: the first step of lateral movement
      } else {
        // a shell started by sshd; at 968 on the host the ssh at 950 of this block went to (a completion)
        if (kind == 968) {
          int src = (int) (Math.floorMod((i - 18) * 2_654_435_761L, hosts));
          h = (src + 1) % hosts;
          e.getHost().setId("h" + h);
          e.getHost().setHostname("h" + h);
          e.getHost().setIps(List.of(ip(h, hosts)));
        }
        e.setType("execve");
        e.setRes(0L);
        e.getProc().setName("bash");
        e.getProc().setExepath("/usr/bin/bash");
        e.getAncestors().get(0).setName("sshd-session");
      }
      if (kind < 968 || kind >= 970) {
        e.getAncestors().get(0).setName("bash");
      }
      return e;
    }

    private static String ip(int h, int hosts) {
      int x = h % hosts;
      return "10." + (x >> 16 & 255) + "." + (x >> 8 & 255) + "." + (x & 255);
    }

    private static void connect(Event e, String ip, int port) {
      e.setType("connect");
      e.setRes(0L);
      e.getFd().setType("ipv4");
      e.getFd().setRemoteIp(ip);
      e.getFd().setRemotePort(port);
      e.getFd().setLocalIp("10.0.0.1");
      e.getFd().setLocalPort(40000);
      e.getProc().setName("curl");
    }
  }

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
    int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path root = Path.of(System.getProperty("eyrie.root", "..")).toAbsolutePath().normalize();
    SequenceRules rules = SequenceRules.read(List.of(root.resolve("rules/eyrie_rules.yaml"),
        root.resolve("rules/eyrie_sequences.yaml")));
    Generator gen = new Generator(n, hosts);
    Event template = Event.newBuilder(gen.base).setFd(gen.base.getFd()).build();
    template.getFd().setIsServer(false);

    // (1) engine alone, one thread: step matching + reference evaluator
    for (int round = 0; round < 2; round++) {
      SequenceEvaluator ev = new SequenceEvaluator(rules.matcher());
      AtomicLong alerts = new AtomicLong();
      long hits = 0;
      long peak = 0;
      Event e = Event.newBuilder(template).build();
      long t0 = System.nanoTime();
      for (long i = 0; i < n; i++) {
        gen.event(i, e);
        ev.accept(e, m -> alerts.incrementAndGet());
        if ((i & 0xffff) == 0) {
          peak = Math.max(peak, ev.partialMatches());
        }
      }
      long el = System.nanoTime() - t0;
      for (long i = 0; i < Math.min(n, 200_000); i++) {
        hits += rules.matcher().match(gen.event(i, e)).size();
      }
      ev.flush(m -> alerts.incrementAndGet());
      System.out.printf("engine round %d: %d events in %.2fs = %.0f events/s on one thread; step hits %.2f%%;"
              + " sequence alerts %d; peak partial matches %d; after the hour %d%n", round, n, el / 1e9,
          n / (el / 1e9), 100.0 * hits / Math.min(n, 200_000), alerts.get(), peak, ev.partialMatches());
    }

    // (2) the Flink correlation stages, parallelism 1 (generation + step matching chained, CEP per sequence)
    InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();
    Configuration conf = reporter.addToConfiguration(new Configuration());
    try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(8).build())) {
      cluster.start();
      StreamExecutionEnvironment env = new org.apache.flink.streaming.util.TestStreamEnvironment(cluster, 1);
      env.getConfig().enableObjectReuse();
      DataStream<Event> events = env.fromSequence(0, n - 1)
          .map(new Generate(n, hosts, template), new AvroTypeInfo<>(Event.class))
          .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5))
              .withTimestampAssigner((e, r) -> Math.floorDiv(e.getTs(), 1_000_000L)));
      CorrelateJob.Correlation c = CorrelateJob.correlate(events, rules);
      CorrelateJob.countAndDropLate(c.lateHits());
      long alerts = 0;
      long t0 = System.nanoTime();
      JobClient job;
      long peak = 0;
      try (CloseableIterator<Alert> it = c.alerts().collectAsync()) {
        job = env.executeAsync("correlation bench");
        while (it.hasNext()) {
          it.next();
          alerts++;
        }
      }
      job.getJobExecutionResult().get();
      long el = System.nanoTime() - t0;
      for (Metric m : reporter.findMetrics(job.getJobID(), "partialMatches").values()) {
        peak += ((Number) ((Gauge<?>) m).getValue()).longValue();
      }
      System.out.printf("flink p=1: %d events in %.2fs = %.0f events/s; sequence alerts %d; partial matches at end"
          + " %d%n", n, el / 1e9, n / (el / 1e9), alerts, peak);
    }
  }

  /** Builds the i-th event (a fresh record: records cross a CEP buffer by value, but reuse is the caller's). */
  static final class Generate extends RichMapFunction<Long, Event> {
    private static final long serialVersionUID = 1L;
    private final long n;
    private final int hosts;
    private final byte[] template;
    private transient Generator gen;
    private transient Event e;

    Generate(long n, int hosts, Event template) {
      this.n = n;
      this.hosts = hosts;
      this.template = dev.eyrie.schema.WireCodec.events().encode(template);
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
      gen = new Generator(n, hosts);
      e = dev.eyrie.schema.WireCodec.events().decode(template, null);
    }

    @Override
    public Event map(Long i) {
      return gen.event(i, e);
    }
  }

}
