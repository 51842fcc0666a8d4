package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.engine.sequence.StepMatcher;
import dev.eyrie.schema.Event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Events → step hits: only events that play a part in some sequence go on to CEP (typically well under 1%). */
final class StepHitFunction extends RichFlatMapFunction<Event, StepHit> {
  private static final long serialVersionUID = 1L;

  private final SequenceRules rules;
  private transient StepMatcher matcher;
  private transient Counter hits;

  StepHitFunction(SequenceRules rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext ctx) {
    matcher = rules.matcher();
    hits = getRuntimeContext().getMetricGroup().counter("stepHits");
  }

  @Override
  public void flatMap(Event event, Collector<StepHit> out) {
    matcher.match(event, h -> {
      hits.inc();
      out.collect(h);
    });
  }
}
