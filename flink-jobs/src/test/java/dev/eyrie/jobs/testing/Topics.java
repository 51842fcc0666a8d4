package dev.eyrie.jobs.testing;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.testinfra.KafkaServer;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Producing events as the collector does, and reading what the job wrote as a read_committed consumer would. */
public final class Topics {
  private Topics() {}

  /** Avro single-object values keyed by host id; {@code partitions} > 0 spreads them round-robin by seq. */
  public static void produceEvents(KafkaServer kafka, String topic, List<Event> events, int partitions) {
    WireCodec<Event> codec = WireCodec.events();
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProperties())) {
      List<Future<?>> sent = new ArrayList<>();
      for (Event e : events) {
        Integer partition = partitions > 0 ? (int) (e.getSeq() % partitions) : null;
        sent.add(p.send(new ProducerRecord<>(topic, partition, e.getHost().getId().getBytes(StandardCharsets.UTF_8),
            codec.encode(e))));
      }
      for (Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("producing events to " + topic, e);
    }
  }

  /** A consumer over the whole topic from the beginning, seeing committed transactions only. */
  public static final class CommittedReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    public CommittedReader(KafkaServer kafka, String topic) {
      Properties props = kafka.consumerProperties(null);
      props.put("isolation.level", "read_committed");
      consumer = new KafkaConsumer<>(props);
      List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
    }

    /** Polls until {@code done} holds for what was seen so far; fails after {@code timeout} naming what it saw. */
    public List<ConsumerRecord<byte[], byte[]>> until(Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
        Duration timeout, String what) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(seen)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("waited " + timeout + " for " + what + "; saw " + seen.size() + " records");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      return List.copyOf(seen);
    }

    public List<ConsumerRecord<byte[], byte[]>> atLeast(int n, Duration timeout) {
      return until(s -> s.size() >= n, timeout, n + " records");
    }

    /** Keeps polling for {@code period} (to catch late duplicates) and returns everything seen. */
    public List<ConsumerRecord<byte[], byte[]>> settle(Duration period) {
      long end = System.nanoTime() + period.toNanos();
      while (System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  public static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> Json.parse(r.value())).toList();
  }
}
