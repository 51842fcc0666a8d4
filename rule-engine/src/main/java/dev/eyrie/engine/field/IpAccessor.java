package dev.eyrie.engine.field;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address; null means "cannot be extracted". */
public final class IpAccessor extends Accessor {
  /** Extraction function. */
  @FunctionalInterface
  public interface Fn {
    byte[] get(EvalContext c);
  }

  private final Fn fn;

  /** type is IPADDR, or IPNET for the fd.*net fields (an address compared against networks). */
  public IpAccessor(String name, FieldType type, Fn fn) {
    super(name, type);
    this.fn = fn;
  }

  public byte[] get(EvalContext c) {
    return fn.get(c);
  }

  @Override
  public Object value(EvalContext c) {
    return text(c);
  }

  @Override
  public String text(EvalContext c) {
    byte[] ip = fn.get(c);
    return ip == null ? null : IpAddrs.format(ip);
  }
}
