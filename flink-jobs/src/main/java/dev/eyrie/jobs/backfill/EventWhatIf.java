package dev.eyrie.jobs.backfill;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.Match;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The what-if over per-event rules: each event goes through the candidate and the baseline ruleset in the same
 * pass; a rule both raise on the event is unchanged, one only the candidate raises is added, one only the
 * baseline raises is removed. Nothing per event leaves the task: counts and a few examples are emitted (as JSON)
 * once, at the end of the input.
 */
final class EventWhatIf extends AbstractStreamOperator<String>
    implements OneInputStreamOperator<Event, String>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final RulesetSpec candidateSpec;
  private final RulesetSpec baselineSpec;
  private final int examples;
  private transient CompiledRuleset candidate;
  private transient CompiledRuleset baseline;
  private transient EvalContext candidateCtx;
  private transient EvalContext baselineCtx;
  private transient List<Match> candidateMatches;
  private transient List<Match> baselineMatches;
  private transient Consumer<Match> toCandidate;
  private transient Consumer<Match> toBaseline;
  private transient WhatIfDiff diff;

  EventWhatIf(RulesetSpec candidate, RulesetSpec baseline, int examples) {
    this.candidateSpec = candidate;
    this.baselineSpec = baseline;
    this.examples = examples;
  }

  @Override
  public void open() throws Exception {
    super.open();
    candidate = candidateSpec.load().rules();
    baseline = baselineSpec.load().rules();
    candidateCtx = new EvalContext();
    baselineCtx = new EvalContext();
    candidateMatches = new ArrayList<>();
    baselineMatches = new ArrayList<>();
    toCandidate = candidateMatches::add;
    toBaseline = baselineMatches::add;
    diff = new WhatIfDiff(examples);
  }

  @Override
  public void processElement(StreamRecord<Event> element) {
    Event e = element.getValue();
    candidateMatches.clear();
    baselineMatches.clear();
    candidate.evaluate(candidateCtx.reset(e), toCandidate);
    baseline.evaluate(baselineCtx.reset(e), toBaseline);
    if (candidateMatches.isEmpty() && baselineMatches.isEmpty()) {
      return;
    }
    for (Match m : candidateMatches) {
      boolean both = contains(baselineMatches, m.ruleName());
      diff.record(m.ruleName(), both ? WhatIfDiff.Change.UNCHANGED : WhatIfDiff.Change.ADDED, () -> example(m));
    }
    for (Match m : baselineMatches) {
      if (!contains(candidateMatches, m.ruleName())) {
        diff.record(m.ruleName(), WhatIfDiff.Change.REMOVED, () -> example(m));
      }
    }
  }

  private static boolean contains(List<Match> matches, String rule) {
    for (int i = 0; i < matches.size(); i++) {
      if (matches.get(i).ruleName().equals(rule)) {
        return true;
      }
    }
    return false;
  }

  private static WhatIfDiff.Example example(Match m) {
    Event e = m.event();
    return new WhatIfDiff.Example(AlertFactory.alertId(AlertKind.EVENT_RULE, m.ruleName(), List.of(e.getEventId())),
        m.ruleName(), e.getEventId(), e.getHost().getHostname(), e.getTs(), m.output());
  }

  @Override
  public void endInput() {
    output.collect(new StreamRecord<>(diff.serialize()));
  }
}
