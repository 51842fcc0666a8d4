package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.SequenceDef;
import dev.eyrie.engine.sequence.SequenceMatch;
import dev.eyrie.engine.sequence.SequencePlan;
import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.schema.Alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** A completed CEP match → a SEQUENCE alert, built exactly as the reference evaluator builds it. */
final class SequenceAlertFunction extends PatternProcessFunction<StepHit, Alert> {
  private static final long serialVersionUID = 1L;

  private final SequenceRules rules;
  private final int sequence;
  private final String name;
  private transient SequenceDef def;
  private transient SequencePlan plan;
  private transient String version;
  private transient Counter alerts;

  SequenceAlertFunction(SequenceRules rules, int sequence, String name) {
    this.rules = rules;
    this.sequence = sequence;
    this.name = name;
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    def = rules.matcher().sequences().get(sequence);
    if (!def.name().equals(name)) {
      throw new IllegalStateException("sequence " + sequence + " is '" + def.name() + "', expected '" + name + "'");
    }
    plan = SequencePlan.of(def);
    version = rules.version();
    alerts = getRuntimeContext().getMetricGroup().counter("sequenceAlerts");
  }

  @Override
  public void processMatch(Map<String, List<StepHit>> match, Context ctx, Collector<Alert> out) {
    List<StepHit> hits = new ArrayList<>(plan.size());
    for (SequencePlan.State s : plan.states()) {
      hits.addAll(match.get(s.name()));
    }
    alerts.inc();
    out.collect(SequenceMatch.of(def, plan, hits).toAlert(version));
  }
}
