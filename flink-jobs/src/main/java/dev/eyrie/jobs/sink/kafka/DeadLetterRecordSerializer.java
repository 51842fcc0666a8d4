package dev.eyrie.jobs.sink.kafka;

import dev.eyrie.jobs.source.DeadLetter;

import java.nio.charset.StandardCharsets;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead letter → Kafka record with the original key and value bytes (so it can be replayed once fixed) and the
 * diagnosis in headers: {@value #REASON}, {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION},
 * {@value #SOURCE_OFFSET}, {@value #SOURCE_TIMESTAMP} (UTF-8 text).
 */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;

  public static final String REASON = "eyrie.dlq.reason";
  public static final String SOURCE_TOPIC = "eyrie.dlq.topic";
  public static final String SOURCE_PARTITION = "eyrie.dlq.partition";
  public static final String SOURCE_OFFSET = "eyrie.dlq.offset";
  public static final String SOURCE_TIMESTAMP = "eyrie.dlq.timestamp";

  private final String topic;

  public DeadLetterRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
    RecordHeaders h = new RecordHeaders();
    h.add(REASON, utf8(d.reason));
    h.add(SOURCE_TOPIC, utf8(d.topic));
    h.add(SOURCE_PARTITION, utf8(Integer.toString(d.partition)));
    h.add(SOURCE_OFFSET, utf8(Long.toString(d.offset)));
    h.add(SOURCE_TIMESTAMP, utf8(Long.toString(d.timestamp)));
    return new ProducerRecord<>(topic, null, null, d.key, d.value, h);
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
