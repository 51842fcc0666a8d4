package dev.eyrie.jobs.sink.kafka;

import dev.eyrie.jobs.config.KafkaSettings;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Kafka sinks with the job's connection settings. Exactly-once sinks write in Kafka transactions committed when a
 * checkpoint completes: consumers must read with {@code isolation.level=read_committed} to see each record once,
 * and only after the checkpoint that covers it.
 */
public final class KafkaSinks {
  private KafkaSinks() {}

  /** {@code transactionalIdPrefix} must be unique per sink and per job sharing the brokers. */
  public static <T> KafkaSink<T> exactlyOnce(
      KafkaSettings kafka, KafkaRecordSerializationSchema<T> serializer, String transactionalIdPrefix) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.clientConfig())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty("transaction.timeout.ms", Long.toString(kafka.transactionTimeout().toMillis()))
        .build();
  }

  /** For diagnostics (dead letters, status reports), where a duplicate after a restart is harmless. */
  public static <T> KafkaSink<T> atLeastOnce(KafkaSettings kafka, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.clientConfig())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
