package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesetRecord;
import dev.eyrie.jobs.rules.RulesetStatus;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ruleset the live detection job runs: the newest ruleset on the rules topic that a job reported as accepted
 * on the rules-status topic (a rejected publication leaves the previous one active). With no status reports at
 * all (no job ran yet), the newest published ruleset.
 */
final class ActiveRuleset {
  private ActiveRuleset() {}

  static RulesetRecord fromKafka(JobConfig cfg) {
    List<String> rules = readAll(cfg.kafka().clientConfig(), cfg.topics().rules());
    List<String> statuses = readAll(cfg.kafka().clientConfig(), cfg.topics().rulesStatus());
    Set<String> accepted = new HashSet<>();
    for (String s : statuses) {
      JsonNode n = RulesetStatus.parse(s);
      if (n != null && "accepted".equals(n.path("status").asText())) {
        accepted.add(n.path("version").asText());
      }
    }
    for (int i = rules.size() - 1; i >= 0; i--) {
      RulesetRecord r;
      try {
        r = RulesetRecord.fromJson(rules.get(i));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (statuses.isEmpty() || accepted.contains(r.version())) {
        return r;
      }
    }
    throw new IllegalArgumentException("no active ruleset on " + cfg.topics().rules() + " at "
        + cfg.kafka().bootstrapServers() + (statuses.isEmpty() ? "" : " (none of the published versions was "
        + "reported accepted on " + cfg.topics().rulesStatus() + ")") + "; pass --baseline FILE... instead");
  }

  /** Every value on the topic, in offset order per partition (both topics have one partition). */
  private static List<String> readAll(Properties client, String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            out.add(new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out;
  }
}
