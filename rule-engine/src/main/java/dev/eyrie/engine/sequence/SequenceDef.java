package dev.eyrie.engine.sequence;

import dev.eyrie.engine.Priority;
import dev.eyrie.engine.compile.CompiledCondition;
import dev.eyrie.engine.load.CompiledSequence;
import dev.eyrie.engine.output.CompiledOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A loaded sequence rule: steps with compiled conditions and key extractors, the optional {@code not} (absence) and
 * {@code until} steps, the time bound and the step-qualified output. Immutable and thread-safe.
 *
 * @param index definition position among the sequences
 * @param withinNanos maximum span from the first step's event to the last (exclusive, at ms resolution)
 * @param absenceAfterLast the {@code not} step applies after the last positive step ({@code not: {after: last}}):
 *     a match is complete when {@code within} from its first event has passed without it
 */
public record SequenceDef(
    int index,
    String name,
    String desc,
    Priority priority,
    Set<String> tags,
    boolean enabled,
    long withinNanos,
    List<Step> steps,
    Step absence,
    boolean absenceAfterLast,
    Step until,
    SequenceOutput output) {

  /**
   * One step. {@code ruleName} is set when the step reuses a rule's condition; {@code keys} are the join key
   * extractors (same count in every step of the sequence).
   */
  public record Step(String name, String ruleName, String conditionText, CompiledCondition condition,
      List<KeyExtractor> keys, int times) {}

  public long withinMillis() {
    return withinNanos / 1_000_000L;
  }

  /** Number of events a complete match has (the sum of the steps' {@code times}). */
  public int length() {
    return steps.stream().mapToInt(Step::times).sum();
  }

  /** Builds the runtime definition from what the loader compiled. */
  public static SequenceDef of(CompiledSequence<CompiledCondition, CompiledOutput> c) {
    List<Step> steps = new ArrayList<>();
    for (CompiledSequence.Step<CompiledCondition> s : c.steps()) {
      steps.add(step(s));
    }
    List<String> stepNames = steps.stream().map(Step::name).toList();
    List<Integer> segStep = new ArrayList<>();
    List<CompiledOutput> segs = new ArrayList<>();
    for (CompiledSequence.OutputSegment<CompiledOutput> seg : c.outputSegments()) {
      segStep.add(seg.step());
      segs.add(seg.compiled());
    }
    return new SequenceDef(c.index(), c.name(), c.desc(), c.priority(),
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(c.tags())), c.enabled(),
        c.withinNanos(), List.copyOf(steps), c.absence() == null ? null : step(c.absence()), c.absenceAfterLast(),
        c.until() == null ? null : step(c.until()),
        new SequenceOutput(c.output(), c.outputPrefix(), segStep, segs, stepNames));
  }

  private static Step step(CompiledSequence.Step<CompiledCondition> s) {
    List<KeyExtractor> keys = s.by().stream().map(KeyExtractor::of).toList();
    return new Step(s.name(), s.ruleName(), s.conditionText(), s.compiled(), keys, s.times());
  }
}
