package dev.eyrie.jobs.detect;

import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesSources;
import dev.eyrie.jobs.runtime.FailOnceAfter;
import dev.eyrie.jobs.sink.elasticsearch.ElasticsearchSink;
import dev.eyrie.jobs.sink.kafka.AlertRecordSerializer;
import dev.eyrie.jobs.sink.kafka.DeadLetterRecordSerializer;
import dev.eyrie.jobs.sink.kafka.KafkaSinks;
import dev.eyrie.jobs.sink.kafka.KeyedJsonRecordSerializer;
import dev.eyrie.jobs.source.EventSources;
import dev.eyrie.jobs.source.RawEvent;
import dev.eyrie.jobs.source.RawEventTypeInfo;
import dev.eyrie.schema.Alert;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detection job: events (Kafka) → decode (bad records → dead-letter topic) and evaluate the active ruleset
 * (broadcast from the rules topic) → alerts to Kafka (exactly-once) and Elasticsearch (idempotent by alert_id);
 * ruleset accept/reject reports → rules-status topic.
 */
public final class DetectJob {
  public static final String DEFAULT_NAME = "eyrie-detect";

  private DetectJob() {}

  /** Adds the job's operators to {@code env}; the caller executes it. Returns the alert stream. */
  public static DataStream<Alert> build(StreamExecutionEnvironment env, JobConfig cfg) {
    // Events reach the (unchainable) broadcast-connected operator as bytes and are decoded there, once.
    // Object reuse: every function here either reads its input synchronously or copies what it keeps
    // (DetectFunction's pending events), so Flink's defensive copies between chained operators are waste.
    env.getConfig().enableObjectReuse();
    DataStream<RawEvent> events = EventSources.raw(env, cfg);
    if (cfg.fault().enabled()) {
      events = events.map(new FailOnceAfter<RawEvent>(cfg.fault()), RawEventTypeInfo.INSTANCE)
          .name("fault injection (test only)").uid("fault-injection");
    }

    BroadcastStream<Tuple2<Long, String>> rulesets = RulesSources.rulesets(env, cfg).broadcast(DetectFunction.RULESET_STATE);
    SingleOutputStreamOperator<Alert> alerts = events.connect(rulesets)
        .process(new DetectFunction(cfg.rules(), cfg.jobName(), cfg.kafka(), cfg.topics().rules(),
            cfg.topics().events()), new AvroTypeInfo<>(Alert.class))
        .name("evaluate rules").uid("detect");

    alerts.sinkTo(KafkaSinks.exactlyOnce(cfg.kafka(), new AlertRecordSerializer(cfg.topics().alerts()),
            cfg.kafka().transactionalIdPrefix() + "-alerts"))
        .name("alerts → kafka " + cfg.topics().alerts()).uid("alerts-kafka");
    if (cfg.elasticsearch().enabled()) {
      alerts.sinkTo(ElasticsearchSink.forAlerts(cfg.elasticsearch()))
          .name("alerts → elasticsearch " + cfg.elasticsearch().index()).uid("alerts-elasticsearch");
    }
    alerts.getSideOutput(DetectFunction.STATUS)
        .sinkTo(KafkaSinks.atLeastOnce(cfg.kafka(), new KeyedJsonRecordSerializer(cfg.topics().rulesStatus())))
        .name("ruleset status → kafka " + cfg.topics().rulesStatus()).uid("rules-status-kafka");
    alerts.getSideOutput(DetectFunction.DEAD_LETTERS)
        .sinkTo(KafkaSinks.atLeastOnce(cfg.kafka(), new DeadLetterRecordSerializer(cfg.topics().deadLetter())))
        .name("dead letters → kafka " + cfg.topics().deadLetter()).uid("dead-letters-kafka");
    return alerts;
  }
}
