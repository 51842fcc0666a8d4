package dev.eyrie.collector.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Collector counters and gauges, rendered in the Prometheus text format. */
public final class Metrics {
  public final AtomicLong captured = new AtomicLong();
  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong userspaceDropped = new AtomicLong();
  public final AtomicLong spoolDropped = new AtomicLong();
  public final AtomicLong kafkaErrors = new AtomicLong();
  public final AtomicLong decodeErrors = new AtomicLong();
  public final AtomicLong encodedBytes = new AtomicLong();
  private volatile LongSupplier kernelSeen = () -> 0;
  private volatile LongSupplier kernelDropped = () -> 0;
  private volatile LongSupplier ringLag = () -> 0;
  private volatile LongSupplier spoolBytes = () -> 0;
  private volatile LongSupplier spoolRecords = () -> 0;

  public void kernel(LongSupplier seen, LongSupplier dropped, LongSupplier lag) {
    kernelSeen = seen;
    kernelDropped = dropped;
    ringLag = lag;
  }

  public void spool(LongSupplier bytes, LongSupplier records) {
    spoolBytes = bytes;
    spoolRecords = records;
  }

  public long spoolRecordsNow() {
    return spoolRecords.getAsLong();
  }

  public long kernelDropped() {
    return kernelDropped.getAsLong();
  }

  public String render() {
    StringBuilder sb = new StringBuilder(2048);
    counter(sb, "eyrie_collector_kernel_events_seen_total", "Events the BPF programs considered", kernelSeen.getAsLong());
    counter(sb, "eyrie_collector_kernel_dropped_total", "Events lost in the kernel: ring buffer full",
        kernelDropped.getAsLong());
    counter(sb, "eyrie_collector_captured_total", "Events read from the ring buffer and enriched", captured.get());
    counter(sb, "eyrie_collector_sent_total", "Events acknowledged by Kafka or written to the output file", sent.get());
    counter(sb, "eyrie_collector_userspace_dropped_total", "Events lost in userspace (decode errors, spool bound)",
        userspaceDropped.get() + spoolDropped.get());
    counter(sb, "eyrie_collector_spool_dropped_total", "Spooled events dropped because the spool hit its bound",
        spoolDropped.get());
    counter(sb, "eyrie_collector_kafka_errors_total", "Failed Kafka sends and connection problems", kafkaErrors.get());
    counter(sb, "eyrie_collector_encoded_bytes_total", "Bytes of Avro single-object events produced",
        encodedBytes.get());
    gauge(sb, "eyrie_collector_spool_bytes", "Bytes waiting in the local spool", spoolBytes.getAsLong());
    gauge(sb, "eyrie_collector_spool_records", "Events waiting in the local spool", spoolRecords.getAsLong());
    gauge(sb, "eyrie_collector_ring_lag_bytes", "Bytes in the BPF ring buffer not yet consumed", ringLag.getAsLong());
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(v).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(v).append('\n');
  }
}
