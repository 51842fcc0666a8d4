package dev.eyrie.jobs.source;

/**
 * A Kafka record the job could not use, with where it came from and why. {@code key}/{@code value} are the original
 * bytes so the record can be inspected or replayed after a fix. A POJO (not a record) so Flink serializes it
 * with its own POJO serializer.
 */
public final class DeadLetter {
  public String reason;
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] key;
  public byte[] value;

  public DeadLetter() {}

  public DeadLetter(String reason, String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    this.reason = reason;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
  }

  @Override
  public String toString() {
    return "DeadLetter{" + topic + "-" + partition + "@" + offset + ": " + reason + "}";
  }
}
