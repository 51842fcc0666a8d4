package dev.eyrie.cli.replay;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events to a Kafka topic as the collectors send them: Avro single-object encoding (WireCodec), keyed by host id
 * so one host's events stay in one partition, in order.
 */
final class KafkaEvents implements ImportTarget {
  private final String bootstrap;
  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /** {@code block}: how long an unreachable broker or a missing topic may stall the import before it fails. */
  KafkaEvents(String bootstrap, String topic, Duration block) throws IOException {
    this.bootstrap = bootstrap;
    this.topic = topic;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(block.toMillis()));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "eyrie-import");
    this.producer = new KafkaProducer<>(p);
    try {
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new IOException("Kafka at " + bootstrap + " has no topic " + topic + " (or does not answer within "
          + block.toSeconds() + " s): " + e.getMessage(), e);
    }
  }

  @Override
  public void write(Event event) throws IOException {
    rethrow();
    byte[] key = event.getHost().getId().getBytes(StandardCharsets.UTF_8);
    byte[] value = WireCodec.events().encode(event);
    try {
      producer.send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
        if (ex != null) {
          failure.compareAndSet(null, ex);
        }
      });
    } catch (KafkaException e) {
      throw new IOException("sending to Kafka at " + bootstrap + ", topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      producer.flush();
    } finally {
      producer.close();
    }
    rethrow();
  }

  private void rethrow() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("Kafka at " + bootstrap + " rejected events for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "Kafka " + bootstrap + " topic " + topic;
  }
}
