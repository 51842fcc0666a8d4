package dev.eyrie.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;

@RequiresKafka
class KafkaRoundTripTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void eventSurvivesEncodeProduceConsumeDecode(KafkaServer kafka) {
    String topic = kafka.createTopic("events", 3);
    Event sent = SampleRecords.shadowRead();

    kafka.produce(topic, List.of(WireCodec.events().encode(sent)));
    List<ConsumerRecord<byte[], byte[]>> received = kafka.consume(topic, 1, WAIT);

    assertEquals(sent, WireCodec.events().decode(received.get(0).value(), null));
  }

  @Test
  void consumeNamesTheTopicWhenRecordsAreMissing(KafkaServer kafka) {
    String topic = kafka.createTopic("short", 1);
    kafka.produce(topic, List.of(new byte[] {1}));

    AssertionError error = assertThrows(AssertionError.class, () -> kafka.consume(topic, 2, Duration.ofSeconds(2)));
    assertTrue(error.getMessage().contains(topic) && error.getMessage().contains("got 1"), error.getMessage());
  }

  /**
   * A committed transaction read by a consumer group: proves the single-node replication settings (internal
   * topics with replication factor 1) that Flink's exactly-once sink and group consumers depend on.
   */
  @Test
  void transactionsAndConsumerGroupsWork(KafkaServer kafka) {
    String topic = kafka.createTopic("txn", 2);
    Properties producerProps = kafka.producerProperties();
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eyrie-test-" + UUID.randomUUID());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted".getBytes()));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "committed".getBytes()));
      producer.commitTransaction();
    }

    Properties consumerProps = kafka.consumerProperties("group-" + UUID.randomUUID());
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.subscribe(List.of(topic));
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(new String(r.value())));
      }
      consumer.commitSync();
    }
    assertEquals(List.of("committed"), values);
  }
}
