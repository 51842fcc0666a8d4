package dev.eyrie.collector;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning, decoding events with the wire codec, and waits for events of interest. */
final class TopicTail implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final WireCodec<Event> codec = WireCodec.events();
  private final List<Event> seen = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  TopicTail(Properties consumerProps, String topic) {
    consumer = new KafkaConsumer<>(consumerProps);
    List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Polls until an event matching {@code p} arrived; fails with what was seen after {@code max}. */
  Event await(String what, Predicate<Event> p, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < seen.size(); checked++) {
        if (p.test(seen.get(checked))) {
          return seen.get(checked);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no event for: " + what + " among " + seen.size() + " consumed events");
      }
      poll();
    }
  }

  /** Polls until {@code n} events in total were consumed or {@code max} passed. */
  List<Event> awaitCount(long n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (seen.size() < n && System.nanoTime() < deadline) {
      poll();
    }
    return seen;
  }

  void poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      seen.add(codec.decode(r.value(), null));
      keys.add(r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Polls once and hands each decoded event to {@code each} without keeping it (large volumes). */
  int pollEach(java.util.function.Consumer<Event> each) {
    int n = 0;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      each.accept(codec.decode(r.value(), null));
      n++;
    }
    return n;
  }

  List<Event> events() {
    return seen;
  }

  List<String> keys() {
    return keys;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
