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
 */
public record CollectorConfig(
    String kafka, String topic, Path output, List<String> syscalls, int metricsPort, Path stateDir, Path spoolDir,
    long spoolMaxBytes, Path producerConfig, int ringBytes, int wakeupBytes, int pollMs, int ancestors,
    int argsMax, int envMax, String libbpf, Path tracefs, Duration drainTimeout, long maxUnacked,
    String metricsBind, HostView hostView) {

  public static CollectorConfig defaults() {
    return new CollectorConfig(null, "eyrie.events", null, List.of(), 9464, Path.of("/var/lib/eyrie/collector"),
        null, 1L << 30, null, 16 << 20, 256 << 10, 5, 8, 4096, 0, "libbpf.so.1", null, Duration.ofSeconds(30),
        100_000, "127.0.0.1", HostView.local());
  }

  public Path effectiveSpoolDir() {
    return spoolDir != null ? spoolDir : stateDir.resolve("spool");
  }

  public CollectorConfig withKafka(String bootstrap, String t) {
    return new CollectorConfig(bootstrap, t, null, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withOutput(Path file) {
    return new CollectorConfig(null, topic, file, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withStateDir(Path dir) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, dir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withSyscalls(List<String> names) {
    return new CollectorConfig(kafka, topic, output, names, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withMetricsPort(int port) {
    return new CollectorConfig(kafka, topic, output, syscalls, port, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withSpool(Path dir, long maxBytes) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, dir, maxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withEnvironment(String libbpfName, Path tracefsRoot) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpfName, tracefsRoot,
        drainTimeout, maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withProducerConfig(Path file) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        file, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withEnvMax(int bytes) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, bytes, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withRing(int bytes, int wakeup) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, bytes, wakeup, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, hostView);
  }

  public CollectorConfig withMaxUnacked(long n) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        n, metricsBind, hostView);
  }

  public CollectorConfig withMetricsBind(String address) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, address, hostView);
  }

  public CollectorConfig withHostView(HostView view) {
    return new CollectorConfig(kafka, topic, output, syscalls, metricsPort, stateDir, spoolDir, spoolMaxBytes,
        producerConfig, ringBytes, wakeupBytes, pollMs, ancestors, argsMax, envMax, libbpf, tracefs, drainTimeout,
        maxUnacked, metricsBind, view);
  }
}
