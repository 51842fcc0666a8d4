package dev.eyrie.jobs.detect;

import dev.eyrie.jobs.config.KafkaSettings;
import dev.eyrie.jobs.config.RulesSettings;
import dev.eyrie.jobs.rules.Compilation;
import dev.eyrie.jobs.rules.RulesetCompiler;
import dev.eyrie.jobs.rules.RulesetEvaluator;
import dev.eyrie.jobs.rules.RulesetRecord;
import dev.eyrie.jobs.rules.RulesetStatus;
import dev.eyrie.jobs.rules.RulesTopicReader;
import dev.eyrie.jobs.source.DeadLetter;
import dev.eyrie.jobs.source.EventDecoder;
import dev.eyrie.jobs.source.RawEvent;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and evaluates every event against the active ruleset. Events arrive as raw bytes and are decoded here,
 * once, into a reused instance ({@link EventDecoder}): the source cannot be chained to this two-input operator, and
 * decoded events would be re-serialized over that hop. Records that do not decode leave through
 * {@link #DEAD_LETTERS}. Rulesets arrive on the broadcast input as published JSON;
 * each instance loads and compiles a version once, here, so the per-event path is only
 * {@code evaluator.evaluate(event)}. A ruleset that does not load is rejected and the previous one stays active.
 *
 * <p>The accepted ruleset's JSON (its sources, not compiled objects) is kept in broadcast state and recompiled on
 * restore, so a restarted job resumes with the same version. Events that arrive before any ruleset is active are
 * held, in checkpointed state, up to a limit.
 */
public final class DetectFunction extends BroadcastProcessFunction<RawEvent, Tuple2<Long, String>, Alert>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DetectFunction.class);
  private static final String ACTIVE = "active";
  private static final String ACTIVE_OFFSET = "active-offset";

  public static final MapStateDescriptor<String, String> RULESET_STATE =
      new MapStateDescriptor<>("active-ruleset", Types.STRING, Types.STRING);

  /** (version, status JSON) for the rules-status topic; only subtask 0 reports, so one report per job. */
  public static final OutputTag<Tuple2<String, String>> STATUS =
      new OutputTag<>("ruleset-status", Types.TUPLE(Types.STRING, Types.STRING));

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final RulesSettings settings;
  private final String jobName;
  private final KafkaSettings kafka;
  private final String rulesTopic;
  private final String eventsTopic;

  private transient RulesetEvaluator active;
  private transient long activeOffset;
  /** The ruleset activated at start (from state or topic) is reported once an output context exists. */
  private transient RulesetStatus startupReport;
  private transient List<Event> pending;
  private transient ListState<Event> pendingState;
  private transient Counter accepted;
  private transient Counter rejected;
  private transient Counter droppedWithoutRuleset;
  private transient Counter deadLetters;
  private transient EventDecoder decoder;

  public DetectFunction(RulesSettings settings, String jobName, KafkaSettings kafka, String rulesTopic,
      String eventsTopic) {
    this.settings = settings;
    this.jobName = jobName;
    this.kafka = kafka;
    this.rulesTopic = rulesTopic;
    this.eventsTopic = eventsTopic;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    BroadcastState<String, String> rules = context.getOperatorStateStore().getBroadcastState(RULESET_STATE);
    activeOffset = -1;
    boolean restored = rules.get(ACTIVE) != null
        && activate(rules.get(ACTIVE), Long.parseLong(rules.get(ACTIVE_OFFSET)), "state");
    if (!restored) {
      // the newest ruleset that loads: a broken one published unvalidated must not leave a fresh job without rules
      List<Tuple2<Long, String>> published = RulesTopicReader.newestFirst(kafka.clientConfig(), rulesTopic);
      for (Tuple2<Long, String> p : published) {
        if (activate(p.f1, p.f0, "topic " + rulesTopic + " offset " + p.f0)) {
          rules.put(ACTIVE, p.f1);
          rules.put(ACTIVE_OFFSET, Long.toString(p.f0));
          break;
        }
      }
      if (active == null) {
        LOG.warn("no usable ruleset on {} ({} published): events wait (up to {}) for `eyrie rules publish`",
            rulesTopic, published.size(), settings.pendingEventsLimit());
      }
    }
    pendingState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("events-before-ruleset", new AvroTypeInfo<>(Event.class)));
    pending = new ArrayList<>();
    for (Event e : pendingState.get()) {
      pending.add(e);
    }
  }

  /** Compiles a ruleset already accepted once (from state, or the latest on the topic); false if it fails now. */
  private boolean activate(String json, long offset, String from) {
    RulesetRecord record;
    try {
      record = RulesetRecord.fromJson(json);
    } catch (IllegalArgumentException e) {
      LOG.error("ruleset at offset {} from {} is unreadable: {}", offset, from, e.getMessage());
      return false;
    }
    Compilation c = RulesetCompiler.compile(record, settings);
    if (!c.accepted()) {
      // e.g. the engine changed under a restored job: keep running, wait for a ruleset that loads
      LOG.error("ruleset {} from {} does not load: {} {}", record.version(), from, c.message(), c.errors());
      return false;
    }
    active = c.evaluator();
    activeOffset = offset;
    LOG.info("ruleset {} active ({} rules enabled), from {}", active.version(), active.enabledRules(), from);
    startupReport = new RulesetStatus(record.version(), true, record.version(), jobName, record.publishedAt(),
        Instant.now(), "active at job start (from " + from + "); " + active.enabledRules() + " rules enabled",
        c.errors(), c.warnings());
    return true;
  }

  @Override
  public void open(OpenContext openContext) {
    var metrics = getRuntimeContext().getMetricGroup();
    metrics.gauge("activeRulesetVersion", (Gauge<String>) () -> active == null ? "" : active.version());
    accepted = metrics.counter("rulesetsAccepted");
    rejected = metrics.counter("rulesetsRejected");
    droppedWithoutRuleset = metrics.counter("eventsDroppedWithoutRuleset");
    deadLetters = metrics.counter("deadLetters");
    decoder = new EventDecoder(eventsTopic);
  }

  @Override
  public void processElement(RawEvent raw, ReadOnlyContext ctx, Collector<Alert> out) {
    if (startupReport != null) {
      reportStartup(ctx);
    }
    Event event = decoder.decode(raw);
    if (event == null) {
      deadLetters.inc();
      ctx.output(DEAD_LETTERS, decoder.rejected());
      return;
    }
    RulesetEvaluator evaluator = active;
    if (evaluator != null) {
      evaluator.evaluate(event, out);
      return;
    }
    if (pending.size() < settings.pendingEventsLimit()) {
      // the decoder reuses its instance: keep a copy
      pending.add(Event.newBuilder(event).build());
    } else {
      if (droppedWithoutRuleset.getCount() % 100_000 == 0) {
        LOG.warn("no ruleset active and {} events already held: dropping events (publish a ruleset)",
            pending.size());
      }
      droppedWithoutRuleset.inc();
    }
  }

  @Override
  public void processBroadcastElement(Tuple2<Long, String> published, Context ctx, Collector<Alert> out)
      throws Exception {
    if (startupReport != null) {
      reportStartup(ctx);
    }
    long offset = published.f0;
    String json = published.f1;
    if (offset <= activeOffset) {
      // published before the one already active (read directly from the topic at start): never go back
      return;
    }
    String previous = active == null ? null : active.version();
    RulesetRecord record;
    try {
      record = RulesetRecord.fromJson(json);
    } catch (IllegalArgumentException e) {
      reject(ctx, RulesetRecord.versionOf(json), null, e.getMessage(), null, null);
      return;
    }
    if (record.version().equals(previous)) {
      report(ctx, new RulesetStatus(record.version(), true, previous, jobName, record.publishedAt(), Instant.now(),
          "version already active; nothing changed", null, null));
      return;
    }
    Compilation c = RulesetCompiler.compile(record, settings);
    if (!c.accepted()) {
      reject(ctx, record.version(), record.publishedAt(), c.message(), c.errors(), c.warnings());
      return;
    }
    active = c.evaluator();
    activeOffset = offset;
    ctx.getBroadcastState(RULESET_STATE).put(ACTIVE, json);
    ctx.getBroadcastState(RULESET_STATE).put(ACTIVE_OFFSET, Long.toString(offset));
    accepted.inc();
    LOG.info("ruleset {} active ({} rules enabled); previous: {}", active.version(), active.enabledRules(),
        previous == null ? "none" : previous);
    report(ctx, new RulesetStatus(record.version(), true, active.version(), jobName, record.publishedAt(),
        Instant.now(), active.enabledRules() + " rules enabled", c.errors(), c.warnings()));
    if (!pending.isEmpty()) {
      LOG.info("evaluating {} events held while no ruleset was active", pending.size());
      for (Event e : pending) {
        active.evaluate(e, out);
      }
      pending.clear();
    }
  }

  private void reject(Context ctx, String version, Instant publishedAt, String message,
      com.fasterxml.jackson.databind.JsonNode errors, com.fasterxml.jackson.databind.JsonNode warnings) {
    rejected.inc();
    String stays = active == null ? null : active.version();
    LOG.warn("ruleset {} rejected, {} stays active: {} {}", version, stays == null ? "none" : stays, message,
        errors == null ? "" : errors);
    report(ctx, new RulesetStatus(version, false, stays, jobName, publishedAt, Instant.now(), message,
        errors == null ? RulesetStatus.messages(message) : errors, warnings));
  }

  private void report(Context ctx, RulesetStatus status) {
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      ctx.output(STATUS, Tuple2.of(status.version(), status.toJson()));
    }
  }

  private void reportStartup(ReadOnlyContext ctx) {
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      ctx.output(STATUS, Tuple2.of(startupReport.version(), startupReport.toJson()));
    }
    startupReport = null;
  }

  private void reportStartup(Context ctx) {
    report(ctx, startupReport);
    startupReport = null;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    pendingState.update(pending);
  }
}
