package dev.eyrie.engine.field;

/**
 * A numeric or boolean value as a primitive long (booleans are 0/1). {@link #ABSENT} means "cannot be
 * extracted": no field Eyrie maps can legitimately take Long.MIN_VALUE.
 */
public final class LongAccessor extends Accessor {
  public static final long ABSENT = Long.MIN_VALUE;

  /** Extraction function returning {@link #ABSENT} when the value is missing. */
  @FunctionalInterface
  public interface Fn {
    long get(EvalContext c);
  }

  private final Fn fn;

  public LongAccessor(String name, FieldType type, Fn fn) {
    super(name, type);
    if (!type.numeric() && type != FieldType.BOOL) {
      throw new IllegalArgumentException("not a numeric type: " + type);
    }
    this.fn = fn;
  }

  public long get(EvalContext c) {
    return fn.get(c);
  }

  @Override
  public Object value(EvalContext c) {
    long v = fn.get(c);
    if (v == ABSENT) {
      return null;
    }
    return type() == FieldType.BOOL ? Boolean.valueOf(v != 0) : Long.valueOf(v);
  }

  @Override
  public String text(EvalContext c) {
    long v = fn.get(c);
    if (v == ABSENT) {
      return null;
    }
    if (type() == FieldType.BOOL) {
      return v != 0 ? "true" : "false";
    }
    if (type() == FieldType.UINT64 || type() == FieldType.ABSTIME || type() == FieldType.RELTIME) {
      return Long.toUnsignedString(v);
    }
    return Long.toString(v);
  }
}
