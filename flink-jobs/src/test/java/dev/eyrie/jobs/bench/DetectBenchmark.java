package dev.eyrie.jobs.bench;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.detect.DetectJob;
import dev.eyrie.jobs.rules.RuleFile;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.runtime.JobEnvironments;
import dev.eyrie.jobs.source.EventDecoder;
import dev.eyrie.jobs.source.EventSources;
import dev.eyrie.jobs.source.RawEvent;
import dev.eyrie.jobs.testing.Json;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RealInfra;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Detection job benchmark (BENCHMARKS.md, "Detection job"): Kafka → decode → the three official Falco rules
 * files + Eyrie's rules → alerts, one task slot.
 *
 * <ol>
 *   <li>Throughput: N events in a one-partition topic; the job runs bounded (to the topic's end) on an embedded
 *       MiniCluster with one slot. The fixed cost (cluster start, rule compilation, final checkpoint) is measured
 *       with a small run (after a warm-up run and the full run, so the JIT is warm in both) and subtracted. In the same run, a plain KafkaConsumer reads the same topic (before and
 *       after the job) for the raw consume rate.
 *   <li>Latency: events produced at a fixed rate with ts = now; alert latency = time an alert is visible to a
 *       consumer − its event time, read_committed (exactly-once: bounded by the checkpoint interval) and
 *       read_uncommitted (processing only).
 * </ol>
 * Arguments: {@code --events N --rate EVENTS_PER_S --latency-seconds S --checkpoint-interval 500ms}.
 */
public final class DetectBenchmark {
  private static final int WARM_EVENTS = 20_000;

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = args(argv);
    long events = Long.parseLong(a.getOrDefault("events", "2000000"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "100000"));
    int latencySeconds = Integer.parseInt(a.getOrDefault("latency-seconds", "30"));
    String checkpointInterval = a.getOrDefault("checkpoint-interval", "500ms");

    KafkaServer kafka = RealInfra.kafka();
    List<Path> ruleFiles = new ArrayList<>(Paths.officialFalcoRules());
    ruleFiles.addAll(Paths.eyrieRules());
    List<RuleFile> rules = RulesPublisher.read(ruleFiles);
    System.out.printf("rules: %s%n", ruleFiles.stream().map(p -> p.getFileName().toString()).toList());

    // ---- throughput
    String warmUp = kafka.createTopic("bench-warm-up", 1);
    String warm = kafka.createTopic("bench-warm", 1);
    String topic = kafka.createTopic("bench-events", 1);
    produce(kafka, warmUp, WARM_EVENTS, 0, Instant.now());
    produce(kafka, warm, WARM_EVENTS, 0, Instant.now());
    long t = System.nanoTime();
    produce(kafka, topic, events, 0, Instant.now());
    System.out.printf("produced %,d events in %.1f s%n", events, (System.nanoTime() - t) / 1e9);

    double[] raw1 = rawConsumeRate(kafka, topic, events);
    // The fixed cost (cluster start, rule compilation, final checkpoint) is dominated by JIT warm-up in the first
    // job of the JVM: a first small run only warms up; the fixed cost is a second small run after the full one.
    runBounded(kafka, warmUp, rules, WARM_EVENTS);
    JobRun full = runBounded(kafka, topic, rules, events);
    JobRun small = runBounded(kafka, warm, rules, WARM_EVENTS);
    double[] raw2 = rawConsumeRate(kafka, topic, events);
    // Flink's own share: the same source in the same slot with no rules (bytes only; bytes + decode), so the
    // report separates what the framework costs from what detection adds on top of it
    JobRun sourceFull = runBaseline(kafka, topic, events, false);
    JobRun sourceSmall = runBaseline(kafka, warm, WARM_EVENTS, false);
    JobRun decodeFull = runBaseline(kafka, topic, events, true);
    JobRun decodeSmall = runBaseline(kafka, warm, WARM_EVENTS, true);
    double flinkSource = (events - WARM_EVENTS) / (sourceFull.seconds - sourceSmall.seconds);
    double flinkDecode = (events - WARM_EVENTS) / (decodeFull.seconds - decodeSmall.seconds);
    double detect = (events - WARM_EVENTS) / (full.seconds - small.seconds);
    double detectCpu = (events - WARM_EVENTS) / (full.cpuSeconds - small.cpuSeconds);
    double raw = (raw1[0] + raw2[0]) / 2;
    double rawCpu = (raw1[1] + raw2[1]) / 2;
    System.out.printf("%nTHROUGHPUT  events=%,d  alerts=%,d  (load average %.1f)%n", events, full.alerts,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("  raw Kafka consume: %,.0f ev/s before the job, %,.0f after (mean %,.0f); "
        + "per CPU-second %,.0f%n", raw1[0], raw2[0], raw, rawCpu);
    System.out.printf("  detection job: %,.0f ev/s (wall %.1f s for %,d minus %.1f s for %,d); per CPU-second %,.0f%n",
        detect, full.seconds, events, small.seconds, WARM_EVENTS, detectCpu);
    System.out.printf("  detection / raw consume = %.0f%% wall, %.0f%% per CPU-second (goal >= 70%%)%n",
        100 * detect / raw, 100 * detectCpu / rawCpu);
    System.out.printf("  Flink source only (1 slot, discard): %,.0f ev/s = %.0f%% of raw consume; + decode: %,.0f ev/s%n",
        flinkSource, 100 * flinkSource / raw, flinkDecode);
    System.out.printf("  detection / Flink source only = %.0f%%; detection / Flink source + decode = %.0f%%%n",
        100 * detect / flinkSource, 100 * detect / flinkDecode);

    // ---- latency at a fixed rate
    latency(kafka, rules, rate, latencySeconds, checkpointInterval);
  }

  record JobRun(double seconds, double cpuSeconds, long alerts) {}

  /** CPU time of this whole JVM (all threads: Kafka clients, Flink tasks, GC, JIT). */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static Map<String, String> settings(KafkaServer kafka, String events, String suffix) {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", "bench-" + suffix);
    m.put("job.parallelism", "1");
    m.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    m.put("topics.events", events);
    m.put("topics.alerts", events + "-alerts");
    m.put("topics.dead-letter", events + "-dlq");
    m.put("topics.rules", events + "-rules");
    m.put("topics.rules-status", events + "-rules-status");
    m.put("elasticsearch.enabled", "false");
    m.put("kafka.starting-offsets", "earliest");
    return m;
  }

  private static JobRun runBounded(KafkaServer kafka, String topic, List<RuleFile> rules, long n) throws Exception {
    Map<String, String> s = settings(kafka, topic, "throughput");
    s.put("job.bounded", "true");
    s.put("checkpoints.interval", "10s");
    JobConfig cfg = ConfigLoader.load(null, s, DetectJob.DEFAULT_NAME);
    kafka.createTopics(1, cfg.topics().alerts());
    new RulesPublisher(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus())
        .publish(rules, null, true, cfg.rules());
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    DetectJob.build(env, cfg);
    long t0 = System.nanoTime();
    double cpu0 = processCpuSeconds();
    env.execute(cfg.jobName());
    double cpu = processCpuSeconds() - cpu0;
    double seconds = (System.nanoTime() - t0) / 1e9;
    long alerts = countCommitted(kafka, cfg.topics().alerts());
    System.out.printf("job over %,d events: %.1f s wall, %.1f s CPU, %,d alerts%n", n, seconds, cpu, alerts);
    return new JobRun(seconds, cpu, alerts);
  }

  /** The detection job's source at parallelism 1 into a discarding sink: optionally decoding every record. */
  private static JobRun runBaseline(KafkaServer kafka, String topic, long n, boolean decode) throws Exception {
    Map<String, String> s = settings(kafka, topic, decode ? "source-decode" : "source-only");
    s.put("job.bounded", "true");
    s.put("checkpoints.interval", "10s");
    JobConfig cfg = ConfigLoader.load(null, s, DetectJob.DEFAULT_NAME);
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    var raw = EventSources.raw(env, cfg);
    (decode ? raw.filter(new DecodeOnly(topic)).name("decode") : raw).sinkTo(new DiscardingSink<>());
    long t0 = System.nanoTime();
    double cpu0 = processCpuSeconds();
    env.execute(cfg.jobName());
    double cpu = processCpuSeconds() - cpu0;
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s over %,d events: %.1f s wall, %.1f s CPU%n", decode ? "source + decode" : "source only",
        n, seconds, cpu);
    return new JobRun(seconds, cpu, 0);
  }

  /** Decodes as the detection operator does, keeping nothing (a filter so the decoded event is not shipped). */
  private static final class DecodeOnly extends RichFilterFunction<RawEvent> {
    private final String topic;
    private transient EventDecoder decoder;
    private transient long sink;

    DecodeOnly(String topic) {
      this.topic = topic;
    }

    @Override
    public void open(OpenContext ctx) {
      decoder = new EventDecoder(topic);
    }

    @Override
    public boolean filter(RawEvent raw) {
      Event e = decoder.decode(raw);
      sink += e == null ? 0 : e.getSeq(); // keeps the JIT from discarding the decode
      return false;
    }
  }

  private static void latency(KafkaServer kafka, List<RuleFile> rules, int rate, int seconds, String interval)
      throws Exception {
    String topic = kafka.createTopic("bench-latency", 1);
    Map<String, String> s = settings(kafka, topic, "latency");
    s.put("checkpoints.interval", interval);
    s.put("kafka.starting-offsets", "latest");
    JobConfig cfg = ConfigLoader.load(null, s, DetectJob.DEFAULT_NAME);
    kafka.createTopics(1, cfg.topics().alerts());
    new RulesPublisher(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus())
        .publish(rules, null, true, cfg.rules());
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    DetectJob.build(env, cfg);
    JobClient job = env.executeAsync(cfg.jobName());
    Thread.sleep(8000); // job up and the ruleset compiled before the clock starts

    long warmupEndNanos = Instant.now().plusSeconds(5).toEpochMilli() * 1_000_000L;
    AtomicBoolean stop = new AtomicBoolean();
    LatencyReader committed = new LatencyReader(kafka, cfg.topics().alerts(), "read_committed", warmupEndNanos, stop);
    LatencyReader uncommitted = new LatencyReader(kafka, cfg.topics().alerts(), "read_uncommitted", warmupEndNanos, stop);
    committed.start();
    uncommitted.start();
    long sent = producePaced(kafka, topic, rate, seconds);
    Thread.sleep(3000);
    stop.set(true);
    committed.join();
    uncommitted.join();
    job.cancel().get();
    System.out.printf("%nLATENCY at %,d ev/s target (%,d sent in %d s = %,.0f ev/s), checkpoint interval %s, "
        + "first 5 s excluded%n", rate, sent, seconds, sent / (double) seconds, interval);
    committed.print();
    uncommitted.print();
  }

  /** Produces at {@code rate} events/s in 10 ms slices with ts = now; returns how many were sent. */
  private static long producePaced(KafkaServer kafka, String topic, int rate, int seconds) throws Exception {
    BenchEvents gen = new BenchEvents(42, 50);
    WireCodec<Event> codec = WireCodec.events();
    int perSlice = rate / 100;
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps(kafka))) {
      long start = System.nanoTime();
      for (long slice = 0; slice < seconds * 100L; slice++) {
        long due = start + slice * 10_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
        for (int i = 0; i < perSlice; i++) {
          long ts = System.currentTimeMillis() * 1_000_000L;
          p.send(new ProducerRecord<>(topic, null, codec.encode(gen.next(ts))));
          sent++;
        }
      }
      p.flush();
    }
    return sent;
  }

  private static final class LatencyReader extends Thread {
    private final Properties props;
    private final String topic;
    private final String isolation;
    private final long warmupEndNanos;
    private final AtomicBoolean stop;
    private long[] samples = new long[1 << 16];
    private int n;

    LatencyReader(KafkaServer kafka, String topic, String isolation, long warmupEndNanos, AtomicBoolean stop) {
      this.props = kafka.consumerProperties(null);
      props.put("isolation.level", isolation);
      this.topic = topic;
      this.isolation = isolation;
      this.warmupEndNanos = warmupEndNanos;
      this.stop = stop;
    }

    @Override
    public void run() {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
        TopicPartition tp = new TopicPartition(topic, 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        while (!stop.get()) {
          ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(50));
          long now = System.currentTimeMillis() * 1_000_000L;
          for (ConsumerRecord<byte[], byte[]> r : records) {
            Instant at = Instant.parse(Json.parse(r.value()).get("time").asText());
            long eventNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            if (eventNanos >= warmupEndNanos) {
              if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
              }
              samples[n++] = now - eventNanos;
            }
          }
        }
      }
    }

    void print() {
      long[] s = Arrays.copyOf(samples, n);
      Arrays.sort(s);
      if (n == 0) {
        System.out.printf("  %-16s no alerts measured%n", isolation);
        return;
      }
      System.out.printf("  %-16s alerts=%,d  p50=%.0f ms  p99=%.0f ms  max=%.0f ms%n", isolation, n,
          s[n / 2] / 1e6, s[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6, s[n - 1] / 1e6);
    }
  }

  /** {records/s wall, records per CPU-second of this JVM} for a plain consumer reading the whole topic. */
  private static double[] rawConsumeRate(KafkaServer kafka, String topic, long expected) {
    Properties p = kafka.consumerProperties(null);
    p.put("max.poll.records", "5000");
    p.put("fetch.max.bytes", Integer.toString(64 << 20));
    p.put("max.partition.fetch.bytes", Integer.toString(16 << 20));
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long n = 0;
      long bytes = 0;
      long first = 0;
      double cpu0 = processCpuSeconds();
      while (n < expected) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (n++ == 0) {
            first = System.nanoTime();
          }
          bytes += r.value().length;
        }
      }
      double s = (System.nanoTime() - first) / 1e9;
      double cpu = processCpuSeconds() - cpu0;
      System.out.printf("raw consume: %,d records (%,.0f MB) in %.2f s, %.2f s CPU%n", n, bytes / 1e6, s, cpu);
      return new double[] {n / s, n / cpu};
    }
  }

  private static long countCommitted(KafkaServer kafka, String topic) {
    Properties p = kafka.consumerProperties(null);
    p.put("isolation.level", "read_committed");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      long n = 0;
      while (c.position(tp) < end) {
        n += c.poll(Duration.ofMillis(500)).count();
      }
      return n;
    }
  }

  private static void produce(KafkaServer kafka, String topic, long n, int seed, Instant base) {
    BenchEvents gen = new BenchEvents(seed, 50);
    WireCodec<Event> codec = WireCodec.events();
    long baseNanos = base.toEpochMilli() * 1_000_000L;
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps(kafka))) {
      for (long i = 0; i < n; i++) {
        p.send(new ProducerRecord<>(topic, null, codec.encode(gen.next(baseNanos + i * 10_000L))));
      }
      p.flush();
    }
  }

  private static Properties producerProps(KafkaServer kafka) {
    Properties p = kafka.producerProperties();
    p.put("compression.type", "lz4");
    p.put("batch.size", Integer.toString(256 * 1024));
    p.put("linger.ms", "10");
    p.put("acks", "1");
    return p;
  }

  private static Map<String, String> args(String[] argv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
      }
      m.put(argv[i].substring(2), argv[i + 1]);
    }
    return m;
  }
}
