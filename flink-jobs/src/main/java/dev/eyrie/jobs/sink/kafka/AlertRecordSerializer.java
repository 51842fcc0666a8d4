package dev.eyrie.jobs.sink.kafka;

import dev.eyrie.engine.runtime.AlertJson;
import dev.eyrie.schema.Alert;

import java.nio.charset.StandardCharsets;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alert → Kafka record: key = alert_id (a replayed alert lands in the same partition, and a compacting consumer
 * can de-duplicate), value = {@link AlertJson#withEyrieFields}, timestamp = the alert's event time.
 */
public final class AlertRecordSerializer implements KafkaRecordSerializationSchema<Alert> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  public AlertRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, Math.floorDiv(alert.getTime(), 1_000_000L),
        alert.getAlertId().getBytes(StandardCharsets.UTF_8), AlertJson.withEyrieFields(alert));
  }
}
