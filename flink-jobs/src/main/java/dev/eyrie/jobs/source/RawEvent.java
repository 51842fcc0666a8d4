package dev.eyrie.jobs.source;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One events-topic record, not yet decoded: the value bytes plus where it came from, so that the operator that
 * decodes it can still send it to the dead-letter topic with its origin. Crossing a network hop as raw bytes is a
 * memory copy, where a decoded {@code Event} would be re-encoded and decoded again ({@link RawEventSerializer}).
 */
@TypeInfo(RawEventTypeInfo.Factory.class)
public final class RawEvent {
  public byte[] value;
  /** Usually null: producers do not key events. */
  public byte[] key;
  public int partition;
  public long offset;
  /** Kafka record timestamp (ms). */
  public long timestamp;

  public RawEvent() {}

  public RawEvent(byte[] value, byte[] key, int partition, long offset, long timestamp) {
    this.value = value;
    this.key = key;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
  }

  @Override
  public String toString() {
    return "RawEvent{" + partition + "@" + offset + ", " + (value == null ? "null" : value.length + " bytes") + "}";
  }
}
