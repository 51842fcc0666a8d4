package dev.eyrie.engine.compile;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.EventTypeTable;
import java.util.Set;

/** A compiled, immutable, thread-safe condition with the event types it can match. */
public final class CompiledCondition {
  private final Expr expr;
  private final Filter filter;
  private final Set<String> eventTypes;
  private final java.util.List<CompileWarning> warnings;

  CompiledCondition(Expr expr, Filter filter, Set<String> eventTypes, java.util.List<CompileWarning> warnings) {
    this.expr = expr;
    this.filter = filter;
    this.eventTypes = eventTypes;
    this.warnings = java.util.List.copyOf(warnings);
  }

  /** libsinsp compiler warnings: const values that look like fields or transformers, simplifiable regexes. */
  public java.util.List<CompileWarning> warnings() {
    return warnings;
  }

  public Expr expr() {
    return expr;
  }

  public Filter filter() {
    return filter;
  }

  public boolean matches(EvalContext c) {
    return filter.eval(c);
  }

  /**
   * The evt.type names the condition can match (Falco's evttype resolution); the whole known universe when the
   * condition does not constrain the type, empty when it can never match.
   */
  public Set<String> eventTypes() {
    return eventTypes;
  }

  /** True when the condition does not constrain evt.type (it also runs on event types Eyrie does not know). */
  public boolean matchesAnyType() {
    return eventTypes.size() == EventTypeTable.all().size();
  }

  @Override
  public String toString() {
    return expr.toString();
  }
}
