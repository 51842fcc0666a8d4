package dev.eyrie.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the collector needs to run. Exactly one of {@code kafka} (with {@code topic}) or {@code output} is set.
 *
 * @param syscalls names to trace; empty = every syscall the collector knows
 * @param metricsPort Prometheus endpoint on 127.0.0.1; 0 = any free port, negative = no endpoint
 * @param envMax bytes of each exec'd process' environment to capture; 0 = none (proc.env stays null)
 * @param tracefs tracefs root to check and read tracepoints from; null = where libbpf looks
 * @param metricsBind address the metrics/health server binds to (loopback unless a deployment exposes it)
 * @param hostView where the host's /proc, passwd and group are, and the hostname to stamp on events
 * @param snaplen bytes of I/O data (read/write/sendto/recvfrom) captured into evt.buffer; 0 = none, at most 4095
 */
public record CollectorConfig(
    String kafka, String topic, Path output, List<String> syscalls, int metricsPort, Path stateDir, Path spoolDir,
    long spoolMaxBytes, Path producerConfig, int ringBytes, int wakeupBytes, int pollMs, int ancestors,
    int argsMax, int envMax, String libbpf, Path tracefs, Duration drainTimeout, long maxUnacked,
    String metricsBind, HostView hostView, int snaplen) {

  /** Falco's default snaplen */
  public static final int DEFAULT_SNAPLEN = 80;
  public static final int MAX_SNAPLEN = 4095;

  public CollectorConfig {
    if (snaplen < 0 || snaplen > MAX_SNAPLEN) {
      throw new IllegalArgumentException("snaplen " + snaplen + " out of range 0.." + MAX_SNAPLEN);
    }
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(null, "eyrie.events", null, List.of(), 9464, Path.of("/var/lib/eyrie/collector"),
        null, 1L << 30, null, 16 << 20, 256 << 10, 5, 8, 4096, 0, "libbpf.so.1", null, Duration.ofSeconds(30),
        100_000, "127.0.0.1", HostView.local(), DEFAULT_SNAPLEN);
  }

  public Path effectiveSpoolDir() {
    return spoolDir != null ? spoolDir : stateDir.resolve("spool");
  }

  public CollectorConfig withKafka(String bootstrap, String t) {
    Copy c = new Copy(this);
    c.kafka = bootstrap;
    c.topic = t;
    c.output = null;
    return c.build();
  }

  public CollectorConfig withOutput(Path file) {
    Copy c = new Copy(this);
    c.kafka = null;
    c.output = file;
    return c.build();
  }

  public CollectorConfig withStateDir(Path dir) {
    Copy c = new Copy(this);
    c.stateDir = dir;
    return c.build();
  }

  public CollectorConfig withSyscalls(List<String> names) {
    Copy c = new Copy(this);
    c.syscalls = names;
    return c.build();
  }

  public CollectorConfig withMetricsPort(int port) {
    Copy c = new Copy(this);
    c.metricsPort = port;
    return c.build();
  }

  public CollectorConfig withSpool(Path dir, long maxBytes) {
    Copy c = new Copy(this);
    c.spoolDir = dir;
    c.spoolMaxBytes = maxBytes;
    return c.build();
  }

  public CollectorConfig withEnvironment(String libbpfName, Path tracefsRoot) {
    Copy c = new Copy(this);
    c.libbpf = libbpfName;
    c.tracefs = tracefsRoot;
    return c.build();
  }

  public CollectorConfig withProducerConfig(Path file) {
    Copy c = new Copy(this);
    c.producerConfig = file;
    return c.build();
  }

  public CollectorConfig withEnvMax(int bytes) {
    Copy c = new Copy(this);
    c.envMax = bytes;
    return c.build();
  }

  public CollectorConfig withRing(int bytes, int wakeup) {
    Copy c = new Copy(this);
    c.ringBytes = bytes;
    c.wakeupBytes = wakeup;
    return c.build();
  }

  public CollectorConfig withMaxUnacked(long n) {
    Copy c = new Copy(this);
    c.maxUnacked = n;
    return c.build();
  }

  public CollectorConfig withMetricsBind(String address) {
    Copy c = new Copy(this);
    c.metricsBind = address;
    return c.build();
  }

  public CollectorConfig withSnaplen(int bytes) {
    Copy c = new Copy(this);
    c.snaplen = bytes;
    return c.build();
  }

  public CollectorConfig withHostView(HostView view) {
    Copy c = new Copy(this);
    c.hostView = view;
    return c.build();
  }

  /** A mutable copy, so each with-method names only what it changes. */
  private static final class Copy {
    String kafka;
    String topic;
    Path output;
    List<String> syscalls;
    int metricsPort;
    Path stateDir;
    Path spoolDir;
    long spoolMaxBytes;
    Path producerConfig;
    int ringBytes;
    int wakeupBytes;
    int pollMs;
    int ancestors;
    int argsMax;
    int envMax;
    String libbpf;
    Path tracefs;
    Duration drainTimeout;
    long maxUnacked;
    String metricsBind;
    HostView hostView;
    int snaplen;

    Copy(CollectorConfig c) {
      kafka = c.kafka;
      topic = c.topic;
      output = c.output;
      syscalls = c.syscalls;
      metricsPort = c.metricsPort;
      stateDir = c.stateDir;
      spoolDir = c.spoolDir;
      spoolMaxBytes = c.spoolMaxBytes;
      producerConfig = c.producerConfig;
      ringBytes = c.ringBytes;
      wakeupBytes = c.wakeupBytes;
      pollMs = c.pollMs;
      ancestors = c.ancestors;
      argsMax = c.argsMax;
      envMax = c.envMax;
      libbpf = c.libbpf;
      tracefs = c.tracefs;
      drainTimeout = c.drainTimeout;
      maxUnacked = c.maxUnacked;
      metricsBind = c.metricsBind;
      hostView = c.hostView;
      snaplen = c.snaplen;
    }

    CollectorConfig build() {
      return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
          producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
          maxUnacked, metricsBind, hostView, snaplen);
    }
  }
}
