package dev.eyrie.jobs.rules;

import dev.eyrie.jobs.config.JobConfig;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The rules topic as a stream of published ruleset JSON, meant to be broadcast to the evaluating operators. */
public final class RulesSources {
  private RulesSources() {}

  public static DataStream<String> rulesets(StreamExecutionEnvironment env, JobConfig cfg) {
    RulesTopics.ensure(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus());
    KafkaSource<String> source = KafkaSource.<String>builder()
        .setBootstrapServers(cfg.kafka().bootstrapServers())
        .setProperties(cfg.kafka().clientConfig())
        .setTopics(cfg.topics().rules())
        .setClientIdPrefix(cfg.jobName() + "-rules")
        // no consumer group: a fresh start reads the compacted topic from the beginning, so it ends on the
        // latest ruleset; a restore continues from the checkpointed offset with the ruleset in state
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperty("max.partition.fetch.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES))
        .setProperty("fetch.max.bytes", Integer.toString(RulesTopics.MAX_RULESET_BYTES))
        .setDeserializer(new RulesetDeserializer())
        .build();
    // Rulesets carry no event time; an idle rules input must not hold back the events' watermark.
    return env.fromSource(source,
            WatermarkStrategy.<String>noWatermarks().withIdleness(Duration.ofSeconds(1)),
            "rules: " + cfg.topics().rules())
        .setParallelism(1)
        .uid("rules-source");
  }
}
