package dev.eyrie.jobs.rules;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the latest published ruleset straight from the rules topic, so a job starting without state begins with
 * it instead of racing its own broadcast input (events read before the ruleset arrives would wait or be lost).
 */
public final class RulesTopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RulesTopicReader() {}

  /**
   * Every ruleset still on the topic as (offset, JSON), newest first; empty when nothing was published yet.
   * Compaction keeps the newest; older ones stay until their log segment is compacted.
   */
  public static List<Tuple2<Long, String>> newestFirst(Properties clientConfig, String topic) {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put("enable.auto.commit", "false");
    p.put("max.partition.fetch.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES));
    p.put("fetch.max.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      List<TopicPartition> tps = List.of(tp);
      consumer.assign(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
      long endOffset = end.getOrDefault(tp, 0L);
      consumer.seekToBeginning(tps);
      List<Tuple2<Long, String>> all = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      // a compacted topic holds little more than the latest ruleset: reading it whole is cheap and exact
      while (consumer.position(tp, TIMEOUT) < endOffset) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading rules topic " + topic + " did not reach offset " + endOffset
              + " within " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < endOffset && r.value() != null) {
            all.add(Tuple2.of(r.offset(), new String(r.value(), StandardCharsets.UTF_8)));
          }
        }
      }
      Collections.reverse(all);
      return all;
    }
  }
}
