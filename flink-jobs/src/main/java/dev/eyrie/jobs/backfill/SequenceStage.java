package dev.eyrie.jobs.backfill;

import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.sequence.SequenceMatch;
import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.engine.sequence.StepMatcher;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sequence rules over archived events with the engine's reference {@link SequenceEvaluator} (same semantics as
 * the correlation job's CEP patterns). The evaluator needs events in event-time order: in BATCH mode Flink sorts
 * a keyed input by key and then timestamp, so the events that play any step are keyed to one group and arrive
 * sorted; the rest never leave their task. Events the evaluator sees out of order are counted
 * ({@value #LATE}), and the run summary reports them: it must be 0.
 */
final class SequenceStage {
  static final String LATE = "backfill.sequence-late-events";
  static final String ALERTS = "backfill.sequence-alerts";

  private SequenceStage() {}

  static boolean any(RulesetSpec... specs) {
    for (RulesetSpec s : specs) {
      if (s != null && !s.load().sequences().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static DataStream<Alert> alerts(DataStream<Event> events, RulesetSpec spec, String runId) {
    return stepEvents(events, spec, null)
        .process(new Alerts(spec, runId), new AvroTypeInfo<>(Alert.class))
        .name("sequence rules").uid("sequence-rules").setParallelism(1);
  }

  static DataStream<String> whatIf(DataStream<Event> events, RulesetSpec candidate, RulesetSpec baseline,
      int examples) {
    return stepEvents(events, candidate, baseline)
        .process(new WhatIf(candidate, baseline, examples), Types.STRING)
        .name("sequence what-if").uid("sequence-what-if").setParallelism(1);
  }

  private static org.apache.flink.streaming.api.datastream.KeyedStream<Event, Integer> stepEvents(
      DataStream<Event> events, RulesetSpec a, RulesetSpec b) {
    return events.filter(new PlaysAStep(a, b)).name("plays a sequence step").uid("sequence-steps")
        .keyBy(e -> 0, Types.INT);
  }

  static final class PlaysAStep extends RichFilterFunction<Event> {
    private static final long serialVersionUID = 1L;
    private final RulesetSpec a;
    private final RulesetSpec b;
    private transient StepMatcher ma;
    private transient StepMatcher mb;
    private transient boolean hit;
    private transient Consumer<StepHit> onHit;

    PlaysAStep(RulesetSpec a, RulesetSpec b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void open(OpenContext ctx) {
      ma = a.load().sequences();
      mb = b == null ? null : b.load().sequences();
      onHit = h -> hit = true;
    }

    @Override
    public boolean filter(Event e) {
      hit = false;
      ma.match(e, onHit);
      if (!hit && mb != null) {
        mb.match(e, onHit);
      }
      return hit;
    }
  }

  /** Flushes at the end of the (single) key: in BATCH mode the timer fires after its last event. */
  abstract static class Base<OUT> extends KeyedProcessFunction<Integer, Event, OUT> {
    private static final long serialVersionUID = 1L;
    private transient LongCounter late;
    private transient boolean timerSet;

    @Override
    public void open(OpenContext ctx) {
      late = new LongCounter();
      getRuntimeContext().addAccumulator(LATE, late);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<OUT> out) {
      if (!timerSet) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        timerSet = true;
      }
      accept(e, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) {
      late.add(flush(out));
    }

    abstract void accept(Event e, Collector<OUT> out);

    /** Emits what is left; returns the number of late events the evaluators dropped. */
    abstract long flush(Collector<OUT> out);
  }

  static final class Alerts extends Base<Alert> {
    private static final long serialVersionUID = 1L;
    private final RulesetSpec spec;
    private final String runId;
    private transient SequenceEvaluator evaluator;
    private transient Collector<Alert> out;
    private transient Consumer<SequenceMatch> emit;
    private transient LongCounter alerts;

    Alerts(RulesetSpec spec, String runId) {
      this.spec = spec;
      this.runId = runId;
    }

    @Override
    public void open(OpenContext ctx) {
      super.open(ctx);
      evaluator = new SequenceEvaluator(spec.load().sequences());
      alerts = new LongCounter();
      getRuntimeContext().addAccumulator(ALERTS, alerts);
      emit = m -> {
        Alert a = m.toAlert(spec.version());
        a.setBackfillRunId(runId);
        alerts.add(1L);
        out.collect(a);
      };
    }

    @Override
    void accept(Event e, Collector<Alert> collector) {
      out = collector;
      evaluator.accept(e, emit);
    }

    @Override
    long flush(Collector<Alert> collector) {
      out = collector;
      evaluator.flush(emit);
      return evaluator.lateEvents();
    }
  }

  static final class WhatIf extends Base<String> {
    private static final long serialVersionUID = 1L;
    private final RulesetSpec candidateSpec;
    private final RulesetSpec baselineSpec;
    private final int examples;
    private transient SequenceEvaluator candidate;
    private transient SequenceEvaluator baseline;
    private transient Map<String, SequenceMatch> fromCandidate;
    private transient Map<String, SequenceMatch> fromBaseline;

    WhatIf(RulesetSpec candidate, RulesetSpec baseline, int examples) {
      this.candidateSpec = candidate;
      this.baselineSpec = baseline;
      this.examples = examples;
    }

    @Override
    public void open(OpenContext ctx) {
      super.open(ctx);
      candidate = new SequenceEvaluator(candidateSpec.load().sequences());
      baseline = new SequenceEvaluator(baselineSpec.load().sequences());
      fromCandidate = new HashMap<>();
      fromBaseline = new HashMap<>();
    }

    @Override
    void accept(Event e, Collector<String> out) {
      candidate.accept(e, m -> fromCandidate.put(m.alertId(), m));
      baseline.accept(e, m -> fromBaseline.put(m.alertId(), m));
    }

    @Override
    long flush(Collector<String> out) {
      candidate.flush(m -> fromCandidate.put(m.alertId(), m));
      baseline.flush(m -> fromBaseline.put(m.alertId(), m));
      WhatIfDiff diff = new WhatIfDiff(examples);
      fromCandidate.forEach((id, m) -> diff.record(m.name(),
          fromBaseline.containsKey(id) ? WhatIfDiff.Change.UNCHANGED : WhatIfDiff.Change.ADDED, () -> example(m)));
      fromBaseline.forEach((id, m) -> {
        if (!fromCandidate.containsKey(id)) {
          diff.record(m.name(), WhatIfDiff.Change.REMOVED, () -> example(m));
        }
      });
      out.collect(diff.serialize());
      return candidate.lateEvents() + baseline.lateEvents();
    }

    private static WhatIfDiff.Example example(SequenceMatch m) {
      StepHit last = m.last();
      return new WhatIfDiff.Example(m.alertId(), m.name(), String.join(",", m.eventIds()), last.hostname(),
          last.ts(), m.output());
    }
  }

  static List<String> accumulators() {
    return List.of(LATE, ALERTS);
  }
}
