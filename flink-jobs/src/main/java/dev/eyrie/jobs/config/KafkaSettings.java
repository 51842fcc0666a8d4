package dev.eyrie.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka connection shared by every client of a job. {@code clientProperties} are passed unchanged to producers,
 * consumers and admin clients: that is where TLS ({@code security.protocol}, {@code ssl.truststore.location}, ...)
 * and SASL ({@code sasl.mechanism}, {@code sasl.jaas.config}) go.
 */
public record KafkaSettings(
    String bootstrapServers,
    Map<String, String> clientProperties,
    String groupId,
    StartingOffsets startingOffsets,
    Duration transactionTimeout,
    String transactionalIdPrefix) implements Serializable {

  public enum StartingOffsets { COMMITTED_OR_EARLIEST, COMMITTED_OR_LATEST, EARLIEST, LATEST }

  public KafkaSettings {
    clientProperties = Map.copyOf(clientProperties);
  }

  static KafkaSettings from(Settings s, String jobName) {
    Properties passthrough = s.withPrefix("kafka.properties.");
    Map<String, String> props = new TreeMap<>();
    passthrough.forEach((k, v) -> props.put(k.toString(), v.toString()));
    return new KafkaSettings(
        s.string("kafka.bootstrap-servers", "127.0.0.1:19092"),
        props,
        s.string("kafka.group-id", jobName),
        s.enumValue("kafka.starting-offsets", StartingOffsets.class, StartingOffsets.COMMITTED_OR_EARLIEST),
        // below the brokers' default transaction.max.timeout.ms (15 min), above any sane checkpoint interval
        s.duration("kafka.transaction-timeout", Duration.ofMinutes(10)),
        s.string("kafka.transactional-id-prefix", jobName));
  }

  /** A fresh Properties with bootstrap servers and the pass-through client properties. */
  public Properties clientConfig() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.setProperty("bootstrap.servers", bootstrapServers);
    return p;
  }
}
