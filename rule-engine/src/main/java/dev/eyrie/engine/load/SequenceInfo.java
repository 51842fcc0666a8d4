package dev.eyrie.engine.load;

import dev.eyrie.engine.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A collected {@code - sequence:} item (Eyrie extension, issue E), before its conditions are compiled. */
final class SequenceInfo {
  /** One step: a positive step, or the sequence's {@code not} / {@code until} step. */
  static final class Step {
    Context ctx;
    String name;
    /** Condition text, or null when the step names a rule. */
    String cond;
    Context condCtx;
    /** Referenced rule, or null when the step has a condition. */
    String rule;
    Context ruleCtx;
    /** Key fields; null when the step has none (the sequence-level {@code by} then applies). */
    List<String> by;
    Context byCtx;
    int times = 1;
  }

  Context ctx;
  int index;
  String name;
  String desc;
  Priority priority;
  TreeSet<String> tags = new TreeSet<>();
  boolean enabled = true;
  long withinNanos;
  List<String> by;
  Context byCtx;
  List<Step> steps = new ArrayList<>();
  Step absence;
  /** The {@code not:} step applies after the last positive step ({@code after: last}), not between steps. */
  boolean absenceAfterLast;
  Step until;
  String output;
  Context outputCtx;
}
