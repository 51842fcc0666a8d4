package dev.eyrie.jobs.backfill;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.Match;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.util.function.Consumer;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Per-event rules over archived events: the same engine and {@link AlertFactory} as the detection job, so an
 * alert has the id the live job gave (or would have given) it; it is marked with the backfill run id.
 */
final class EventRules extends RichFlatMapFunction<Event, Alert> {
  static final String ALERTS = "backfill.event-alerts";
  private static final long serialVersionUID = 1L;

  private final RulesetSpec spec;
  private final String runId;
  private transient CompiledRuleset rules;
  private transient EvalContext ctx;
  private transient Collector<Alert> out;
  private transient Consumer<Match> emit;
  private transient LongCounter alerts;

  EventRules(RulesetSpec spec, String runId) {
    this.spec = spec;
    this.runId = runId;
  }

  @Override
  public void open(OpenContext openContext) {
    rules = spec.load().rules();
    ctx = new EvalContext();
    alerts = new LongCounter();
    getRuntimeContext().addAccumulator(ALERTS, alerts);
    emit = m -> {
      Alert a = AlertFactory.eventAlert(m, spec.version());
      a.setBackfillRunId(runId);
      alerts.add(1L);
      out.collect(a);
    };
  }

  @Override
  public void flatMap(Event e, Collector<Alert> collector) {
    out = collector;
    rules.evaluate(ctx.reset(e), emit);
  }
}
