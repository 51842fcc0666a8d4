package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.SequencePlan;
import dev.eyrie.engine.sequence.StepHit;

import java.time.Duration;
import java.util.List;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A sequence's CEP pattern, built from the same {@link SequencePlan} as the reference evaluator: one state per step
 * repetition joined by {@code followedBy} (relaxed contiguity), a {@code notFollowedBy} gate in front of each
 * state that has one (the {@code not} step between steps; {@code until} before every state but the first, which
 * discards the pending partial match), {@code within} from the first event, and after-match skip past the last
 * event: one alert per completed chain, and no partial match that overlaps an alerted one lives on. A trailing
 * absence is a final {@code notFollowedBy}.
 */
final class SequencePatterns {
  private SequencePatterns() {}

  static Pattern<StepHit, StepHit> of(SequencePlan plan) {
    List<SequencePlan.State> states = plan.states();
    Pattern<StepHit, StepHit> p = Pattern.<StepHit>begin(states.get(0).name(),
        AfterMatchSkipStrategy.skipPastLastEvent()).where(new RoleCondition(states.get(0).role()));
    for (int i = 1; i < states.size(); i++) {
      SequencePlan.State s = states.get(i);
      if (s.gate() != 0) {
        p = p.notFollowedBy(s.gateName()).where(new RoleCondition(s.gate()));
      }
      p = p.followedBy(s.name()).where(new RoleCondition(s.role()));
    }
    if (plan.hasTrailingAbsence()) {
      // CEP turns a final notFollowedBy (legal with within) into a pending state: the match is emitted when the
      // watermark passes first + within unless a gate hit of the key arrived after the last step.
      p = p.notFollowedBy(SequencePlan.TRAILING_NAME).where(new RoleCondition(plan.trailingGate()));
    }
    return p.within(Duration.ofMillis(plan.withinMillis()));
  }
}
