package dev.eyrie.engine.load;

import dev.eyrie.engine.Priority;
import dev.eyrie.engine.ast.Expr;
import java.util.List;
import java.util.Set;

/**
 * A sequence after compilation (Eyrie extension, issue E): every step's condition compiled (macros and lists
 * expanded like rules; a {@code rule:} step reuses that rule's compiled condition), key fields validated, and the
 * output split into segments, each one token (plus the literal text after it) compiled on its own and rendered
 * against the event of its step.
 *
 * @param withinNanos maximum span from the first step's event to the last one
 * @param absence the {@code not:} step, or null
 * @param absenceAfterLast the {@code not:} step applies after the last positive step ({@code after: last}) instead of
 *     between steps
 * @param until the {@code until:} step, or null
 * @param outputPrefix literal text before the first token
 */
public record CompiledSequence<C, O>(
    int index,
    String name,
    String desc,
    Priority priority,
    Set<String> tags,
    boolean enabled,
    long withinNanos,
    List<Step<C>> steps,
    Step<C> absence,
    boolean absenceAfterLast,
    Step<C> until,
    String output,
    String outputPrefix,
    List<OutputSegment<O>> outputSegments) {

  /**
   * One step. {@code by} are the key fields (plain field names, possibly with an argument); {@code ruleName} is set
   * when the step refers to a rule.
   */
  public record Step<C>(String name, String ruleName, String conditionText, Expr condition, C compiled,
      List<String> by, int times) {}

  /**
   * One output token and the literal after it: {@code format} is the token without its step prefix; {@code step} is
   * the index of the step whose (last) event it is rendered against, -1 for the sequence's last event.
   */
  public record OutputSegment<O>(int step, String format, O compiled) {}
}
