package dev.eyrie.engine.sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of states both evaluators run for a sequence — the reference {@link SequenceEvaluator} and the CEP
 * pattern of the correlation job are built from this one plan, so they cannot drift apart.
 *
 * <p>Every repetition of a step is its own state ({@code times: 3} → three states), joined with relaxed contiguity
 * (CEP {@code followedBy}: unrelated events in between are skipped, and a partial match takes the next event that
 * fits). A state may have a <em>gate</em>: an event playing a gate role while a partial match waits in that state
 * discards the partial match (CEP {@code notFollowedBy} in front of the state). The {@code not} step gates the first
 * state of every step after the first (absence between consecutive steps); {@code until} gates every state but the
 * first (it discards any pending partial match of the key).
 */
public final class SequencePlan {
  /** Role bit of the {@code not:} step. */
  public static final int ABSENCE = 1 << 30;
  /** Role bit of the {@code until:} step. */
  public static final int UNTIL = 1 << 31;

  /**
   * One state: pattern name {@code s<step>_<rep>}, the role an event must play to be taken, and the gate roles
   * (0 = none; the CEP gate pattern is named {@code g<step>_<rep>}).
   */
  public record State(String name, String gateName, int step, int rep, int role, int gate) {}

  /** CEP pattern name of the trailing absence. */
  public static final String TRAILING_NAME = "absent_after";

  private final List<State> states;
  private final long withinMillis;
  private final int trailingGate;

  private SequencePlan(List<State> states, long withinMillis, int trailingGate) {
    this.states = List.copyOf(states);
    this.withinMillis = withinMillis;
    this.trailingGate = trailingGate;
  }

  public static SequencePlan of(SequenceDef def) {
    List<State> out = new ArrayList<>();
    int untilGate = def.until() != null ? UNTIL : 0;
    int absenceGate = def.absence() != null && !def.absenceAfterLast() ? ABSENCE : 0;
    for (int i = 0; i < def.steps().size(); i++) {
      int times = def.steps().get(i).times();
      for (int rep = 1; rep <= times; rep++) {
        int gate;
        if (i == 0 && rep == 1) {
          gate = 0;
        } else if (rep == 1) {
          gate = absenceGate | untilGate;
        } else {
          gate = untilGate;
        }
        out.add(new State("s" + i + "_" + rep, "g" + i + "_" + rep, i, rep, 1 << i, gate));
      }
    }
    int trailing = def.absence() != null && def.absenceAfterLast() ? ABSENCE | untilGate : 0;
    return new SequencePlan(out, def.withinMillis(), trailing);
  }

  /**
   * Roles that discard a partial match waiting after its last positive state for {@code within} to pass; 0 when the
   * sequence has no trailing absence (a match is then complete when its last positive state is taken).
   */
  public int trailingGate() {
    return trailingGate;
  }

  public boolean hasTrailingAbsence() {
    return trailingGate != 0;
  }

  public List<State> states() {
    return states;
  }

  public int size() {
    return states.size();
  }

  public State state(int i) {
    return states.get(i);
  }

  /** Maximum span from the first to the last event, in ms; a match needs {@code last - first < within}. */
  public long withinMillis() {
    return withinMillis;
  }
}
