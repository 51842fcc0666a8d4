package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.StepHit;

import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** A pattern state's condition: the hit plays one of the roles in the mask (a step, or a not/until gate). */
final class RoleCondition extends SimpleCondition<StepHit> {
  private static final long serialVersionUID = 1L;

  private final int mask;

  RoleCondition(int mask) {
    this.mask = mask;
  }

  @Override
  public boolean filter(StepHit hit) {
    return (hit.roles() & mask) != 0;
  }
}
