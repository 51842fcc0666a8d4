package dev.eyrie.engine.field;

/** A single string value; null means "cannot be extracted". */
public final class StrAccessor extends Accessor {
  /** Extraction function. */
  @FunctionalInterface
  public interface Fn {
    String get(EvalContext c);
  }

  private final Fn fn;

  public StrAccessor(String name, Fn fn) {
    super(name, FieldType.STRING);
    this.fn = fn;
  }

  public String get(EvalContext c) {
    return fn.get(c);
  }

  @Override
  public Object value(EvalContext c) {
    return fn.get(c);
  }

  @Override
  public String text(EvalContext c) {
    return fn.get(c);
  }
}
