package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import java.util.List;
import java.util.Set;

/**
 * What the loader needs from the runtime: compile a macro-free condition and an output format, count the event
 * types a compiled condition can match, and report compiler warnings. Keeps the loader independent of the
 * runtime's classes (tests may plug a lenient backend; production uses the runtime's compilers).
 *
 * @param <C> compiled condition
 * @param <O> compiled output
 */
public interface CompileBackend<C, O> {

  /** A compile failure; {@code unknownFilter} marks what skip-if-unknown-filter downgrades to a warning. */
  final class Failure extends Exception {
    private final int pos;
    private final boolean unknownFilter;

    public Failure(String message, int pos, boolean unknownFilter) {
      super(message, null, false, false);
      this.pos = pos;
      this.unknownFilter = unknownFilter;
    }

    public int pos() {
      return pos;
    }

    public boolean unknownFilter() {
      return unknownFilter;
    }
  }

  /** A compiler warning at a position in the condition text. */
  record Warning(String message, int pos) {}

  /** Event sources whose rules are compiled; rules of other sources get LOAD_UNKNOWN_SOURCE and are skipped. */
  default Set<String> sources() {
    return Set.of("syscall");
  }

  C compileCondition(Expr condition) throws Failure;

  /** How many event types the condition can match (compared with 100 for LOAD_NO_EVTTYPE). */
  int eventTypeCount(C compiled);

  default List<Warning> warnings(C compiled) {
    return List.of();
  }

  O compileOutput(String format) throws Failure;

  /** Whether {@code field} (possibly with an argument or transformers) can stand left of an operator. */
  boolean isValidLhsField(String field);
}
