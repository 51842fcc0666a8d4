package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.SequenceDef;
import dev.eyrie.engine.sequence.SequencePlan;
import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.engine.sequence.StepMatcher;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.sink.elasticsearch.ElasticsearchSink;
import dev.eyrie.jobs.sink.kafka.AlertRecordSerializer;
import dev.eyrie.jobs.sink.kafka.DeadLetterRecordSerializer;
import dev.eyrie.jobs.sink.kafka.KafkaSinks;
import dev.eyrie.jobs.source.EventSources;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.OutputTag;

/**
 * The correlation job: events (Kafka) → step matching (only events that play a step go on) → per sequence, keyed by
 * (sequence, join key), one CEP pattern in event time → SEQUENCE alerts to the same Kafka topic and Elasticsearch
 * index as detection. Hits behind the watermark are late: they go to a side output that is counted
 * ({@code lateStepHits}) and dropped. See README-correlate.md.
 */
public final class CorrelateJob {
  public static final String DEFAULT_NAME = "eyrie-correlate";

  private CorrelateJob() {}

  /** The correlation stages: alerts, and the step hits CEP rejected as late. */
  public record Correlation(DataStream<Alert> alerts, DataStream<StepHit> lateHits) {}

  /** Adds the job's operators to {@code env}; the caller executes it. Returns the alert stream. */
  public static DataStream<Alert> build(StreamExecutionEnvironment env, JobConfig cfg, SequenceRules rules) {
    EventSources.Streams in = EventSources.events(env, cfg);
    Correlation c = correlate(in.events(), rules);
    DataStream<Alert> alerts = c.alerts();
    alerts.sinkTo(KafkaSinks.exactlyOnce(cfg.kafka(), new AlertRecordSerializer(cfg.topics().alerts()),
            cfg.kafka().transactionalIdPrefix() + "-sequence-alerts"))
        .name("alerts → kafka " + cfg.topics().alerts()).uid("sequence-alerts-kafka");
    if (cfg.elasticsearch().enabled()) {
      alerts.sinkTo(ElasticsearchSink.forAlerts(cfg.elasticsearch()))
          .name("alerts → elasticsearch " + cfg.elasticsearch().index()).uid("sequence-alerts-elasticsearch");
    }
    countAndDropLate(c.lateHits());
    in.deadLetters()
        .sinkTo(KafkaSinks.atLeastOnce(cfg.kafka(), new DeadLetterRecordSerializer(cfg.topics().deadLetter())))
        .name("dead letters → kafka " + cfg.topics().deadLetter()).uid("dead-letters-kafka");
    return alerts;
  }

  /** Late hits are counted ({@code lateStepHits}) and dropped: they are never matched. */
  public static void countAndDropLate(DataStream<StepHit> lateHits) {
    lateHits.map(new LateHitCounter(), TypeInformation.of(StepHit.class)).name("count late step hits")
        .uid("late-step-hits").sinkTo(new DiscardingSink<>()).name("drop late step hits").uid("late-step-hits-drop");
  }

  /**
   * Events (with event-time timestamps and watermarks) → step hits → one CEP operator per sequence, keyed by
   * (sequence, join key).
   */
  public static Correlation correlate(DataStream<Event> events, SequenceRules rules) {
    StepMatcher matcher = rules.validate().matcher();
    TypeInformation<StepHit> hitType = TypeInformation.of(StepHit.class);
    SingleOutputStreamOperator<StepHit> hits = events
        .flatMap(new StepHitFunction(rules), hitType)
        .name("match sequence steps").uid("sequence-steps");
    OutputTag<StepHit> late = new OutputTag<>("late-step-hits", hitType);
    AvroTypeInfo<Alert> alertType = new AvroTypeInfo<>(Alert.class);
    DataStream<Alert> alerts = null;
    DataStream<StepHit> lateHits = null;
    for (int i = 0; i < matcher.sequences().size(); i++) {
      SequenceDef def = matcher.sequences().get(i);
      SequencePlan plan = SequencePlan.of(def);
      String uid = uid(def, plan);
      NFACompiler.NFAFactory<StepHit> nfa = NFACompiler.compileFactory(SequencePatterns.of(plan), false);
      SingleOutputStreamOperator<Alert> out = hits
          .filter(new OfSequence(i)).name("steps of " + def.name()).uid(uid + "-steps")
          .keyBy(new Partition())
          .transform("sequence " + def.name(), alertType, new MeteredCepOperator<>(
              hitType.createSerializer(events.getExecutionConfig().getSerializerConfig()), nfa,
              new SequenceAlertFunction(rules, i, def.name()), late))
          .uid(uid);
      alerts = alerts == null ? out : alerts.union(out);
      lateHits = lateHits == null ? out.getSideOutput(late) : lateHits.union(out.getSideOutput(late));
    }
    return new Correlation(alerts, lateHits);
  }

  /**
   * Operator id of a sequence: its name plus a hash of its plan (states, gates, within). A restored savepoint keeps
   * the partial matches of every unchanged sequence; a changed one starts empty (its old state is dropped with
   * {@code --allowNonRestoredState}) instead of resuming partial matches of a different pattern.
   */
  static String uid(SequenceDef def, SequencePlan plan) {
    StringBuilder shape = new StringBuilder().append(plan.withinMillis());
    for (SequencePlan.State s : plan.states()) {
      shape.append('|').append(s.name()).append(':').append(s.gate());
    }
    if (plan.hasTrailingAbsence()) {
      shape.append("|after:").append(plan.trailingGate());
    }
    String slug = def.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return "sequence-" + slug + "-" + Integer.toHexString(shape.toString().hashCode());
  }

  /** Hits of one sequence. */
  static final class OfSequence implements FilterFunction<StepHit> {
    private static final long serialVersionUID = 1L;
    private final int sequence;

    OfSequence(int sequence) {
      this.sequence = sequence;
    }

    @Override
    public boolean filter(StepHit h) {
      return h.sequence() == sequence;
    }
  }

  /** CEP state is per (sequence, join key). */
  static final class Partition implements KeySelector<StepHit, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(StepHit h) {
      return h.partition();
    }
  }

  /** Counts the late hits CEP rejected ({@code lateStepHits}); they are not matched. */
  static final class LateHitCounter extends org.apache.flink.api.common.functions.RichMapFunction<StepHit, StepHit> {
    private static final long serialVersionUID = 1L;
    private transient org.apache.flink.metrics.Counter late;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
      late = getRuntimeContext().getMetricGroup().counter("lateStepHits");
    }

    @Override
    public StepHit map(StepHit h) {
      late.inc();
      return h;
    }
  }

}
