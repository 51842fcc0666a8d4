package dev.eyrie.jobs.sink.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** (key, JSON text) → Kafka record; for small control messages such as ruleset status reports. */
public final class KeyedJsonRecordSerializer implements KafkaRecordSerializationSchema<Tuple2<String, String>> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  public KeyedJsonRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Tuple2<String, String> kv, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, kv.f0 == null ? null : kv.f0.getBytes(StandardCharsets.UTF_8),
        kv.f1.getBytes(StandardCharsets.UTF_8));
  }
}
