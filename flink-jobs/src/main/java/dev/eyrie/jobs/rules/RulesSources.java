package dev.eyrie.jobs.rules;

import dev.eyrie.jobs.config.JobConfig;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The rules topic as a stream of (offset, published ruleset JSON), to be broadcast to the evaluating operators.
 * It starts at the end of the topic: the ruleset already there is read directly by each operator when it starts
 * without state ({@link RulesTopicReader}); this stream brings what is published afterwards.
 */
public final class RulesSources {
  private RulesSources() {}

  public static DataStream<Tuple2<Long, String>> rulesets(StreamExecutionEnvironment env, JobConfig cfg) {
    RulesTopics.ensure(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus());
    KafkaSourceBuilder<Tuple2<Long, String>> b = KafkaSource.<Tuple2<Long, String>>builder()
        .setBootstrapServers(cfg.kafka().bootstrapServers())
        .setProperties(cfg.kafka().clientConfig())
        .setTopics(cfg.topics().rules())
        .setClientIdPrefix(cfg.jobName() + "-rules")
        .setStartingOffsets(OffsetsInitializer.latest())
        .setProperty("max.partition.fetch.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES))
        .setProperty("fetch.max.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES))
        .setDeserializer(new RulesetDeserializer());
    if (cfg.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    // Rulesets carry no event time; an idle rules input must not hold back the events' watermark.
    return env.fromSource(b.build(),
            WatermarkStrategy.<Tuple2<Long, String>>noWatermarks().withIdleness(Duration.ofSeconds(1)),
            "rules: " + cfg.topics().rules())
        .setParallelism(1)
        .uid("rules-source");
  }
}
