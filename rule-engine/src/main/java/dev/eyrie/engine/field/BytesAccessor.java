package dev.eyrie.engine.field;

/** A byte buffer (evt.buffer); null means "cannot be extracted". */
public final class BytesAccessor extends Accessor {
  /** Extraction function. */
  @FunctionalInterface
  public interface Fn {
    byte[] get(EvalContext c);
  }

  private final Fn fn;

  public BytesAccessor(String name, Fn fn) {
    super(name, FieldType.BYTEBUF);
    this.fn = fn;
  }

  public byte[] get(EvalContext c) {
    return fn.get(c);
  }

  @Override
  public Object value(EvalContext c) {
    return text(c);
  }

  /** Printable ASCII kept, everything else rendered as '.', the way sysdig/Falco print buffers by default. */
  @Override
  public String text(EvalContext c) {
    byte[] b = fn.get(c);
    if (b == null) {
      return null;
    }
    char[] out = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      int v = b[i] & 0xff;
      out[i] = v >= 0x20 && v < 0x7f ? (char) v : '.';
    }
    return new String(out);
  }
}
