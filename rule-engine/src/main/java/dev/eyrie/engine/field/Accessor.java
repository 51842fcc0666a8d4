package dev.eyrie.engine.field;

/**
 * A field bound to its argument and resolved at compile time: the per-event extraction is a direct call on the
 * Avro record (through {@link EvalContext}), with no name lookups.
 */
public abstract sealed class Accessor
    permits StrAccessor, LongAccessor, IpAccessor, BytesAccessor, MultiAccessor {
  private final String name;
  private final FieldType type;

  Accessor(String name, FieldType type) {
    this.name = name;
    this.type = type;
  }

  /** The field as written, e.g. {@code proc.aname[2]} or {@code tolower(proc.name)}. */
  public final String name() {
    return name;
  }

  public final FieldType type() {
    return type;
  }

  /** Typed value for output_fields: String, Long, Boolean, or null when the field cannot be extracted. */
  public abstract Object value(EvalContext c);

  /** Text as Falco prints it in an output line, null when the field cannot be extracted. */
  public abstract String text(EvalContext c);

  /** True when the field yields several values (a list field, or "any ancestor" matching). */
  public boolean multi() {
    return false;
  }
}
