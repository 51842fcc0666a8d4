package dev.eyrie.engine.compile;

/**
 * A condition, field or output format that cannot be compiled. {@link #unknownFilter()} marks the errors Falco
 * downgrades to a LOAD_UNKNOWN_FILTER warning for rules with {@code skip-if-unknown-filter: true}: an unknown
 * field, an unknown evt.type value, or an unknown output token.
 */
public final class CompileException extends Exception {
  private final int pos;
  private final boolean unknownFilter;

  public CompileException(String message, int pos) {
    this(message, pos, false);
  }

  public CompileException(String message, int pos, boolean unknownFilter) {
    super(message);
    this.pos = pos;
    this.unknownFilter = unknownFilter;
  }

  /** 0-based offset in the condition or format text, -1 when unknown. */
  public int pos() {
    return pos;
  }

  public boolean unknownFilter() {
    return unknownFilter;
  }
}
