package dev.eyrie.engine.field;

import java.util.ArrayList;
import java.util.List;

/**
 * A field with several values per event. The {@link Mode} decides how operators combine them:
 * <ul>
 *   <li>{@link Mode#LIST}: a list field (libsinsp EPF_IS_LIST) — {@code in}: all values in the set,
 *       {@code intersects}: any value in the set; only in/intersects/exists apply.
 *   <li>{@link Mode#ANY}: "any ancestor" matching of {@code proc.aname}, {@code proc.apid}, ... without an argument
 *       — every operator is true when it holds for at least one value (libsinsp compare_full_a*), so
 *       {@code proc.aname != bash} is true when some ancestor is not bash.
 *   <li>{@link Mode#EITHER}: endpoint fields {@code fd.ip}, {@code fd.net}, {@code fd.port}, {@code fd.proto} —
 *       {@code =}/{@code in}/ordering hold when they hold for one endpoint, {@code !=} only when it holds for all.
 * </ul>
 * Element type is {@link #type()}. Values are read by index; {@link #count} returns -1 when the field cannot be
 * extracted.
 */
public final class MultiAccessor extends Accessor {
  /** How the values of a multi-valued field combine under an operator. */
  public enum Mode {
    LIST,
    ANY,
    EITHER
  }

  /** Number of values, -1 when the field cannot be extracted. */
  @FunctionalInterface
  public interface Count {
    int get(EvalContext c);
  }

  /** i-th string value. */
  @FunctionalInterface
  public interface StrAt {
    String get(EvalContext c, int i);
  }

  /** i-th numeric value. */
  @FunctionalInterface
  public interface LongAt {
    long get(EvalContext c, int i);
  }

  /** i-th address. */
  @FunctionalInterface
  public interface IpAt {
    byte[] get(EvalContext c, int i);
  }

  private final Mode mode;
  private final Count count;
  private final StrAt strAt;
  private final LongAt longAt;
  private final IpAt ipAt;

  private MultiAccessor(String name, FieldType type, Mode mode, Count count, StrAt s, LongAt l, IpAt ip) {
    super(name, type);
    this.mode = mode;
    this.count = count;
    this.strAt = s;
    this.longAt = l;
    this.ipAt = ip;
  }

  public static MultiAccessor strings(String name, Mode mode, Count count, StrAt at) {
    return new MultiAccessor(name, FieldType.STRING, mode, count, at, null, null);
  }

  public static MultiAccessor longs(String name, FieldType type, Mode mode, Count count, LongAt at) {
    return new MultiAccessor(name, type, mode, count, null, at, null);
  }

  public static MultiAccessor ips(String name, FieldType type, Mode mode, Count count, IpAt at) {
    return new MultiAccessor(name, type, mode, count, null, null, at);
  }

  public Mode mode() {
    return mode;
  }

  public int count(EvalContext c) {
    return count.get(c);
  }

  public String str(EvalContext c, int i) {
    return strAt.get(c, i);
  }

  public long num(EvalContext c, int i) {
    return longAt.get(c, i);
  }

  public byte[] ip(EvalContext c, int i) {
    return ipAt.get(c, i);
  }

  @Override
  public boolean multi() {
    return true;
  }

  /** Values rendered as text, null when the field cannot be extracted. */
  public List<String> texts(EvalContext c) {
    int n = count.get(c);
    if (n < 0) {
      return null;
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(elementText(c, i));
    }
    return out;
  }

  private String elementText(EvalContext c, int i) {
    if (strAt != null) {
      return strAt.get(c, i);
    }
    if (longAt != null) {
      long v = longAt.get(c, i);
      return type() == FieldType.BOOL ? (v != 0 ? "true" : "false") : Long.toString(v);
    }
    return IpAddrs.format(ipAt.get(c, i));
  }

  @Override
  public Object value(EvalContext c) {
    return text(c);
  }

  /** ANY: space-separated (libsinsp proc.aname without argument); LIST: {@code (a,b)}. */
  @Override
  public String text(EvalContext c) {
    List<String> values = texts(c);
    if (values == null || (mode != Mode.LIST && values.isEmpty())) {
      return null;
    }
    return mode == Mode.LIST ? "(" + String.join(",", values) + ")" : String.join(" ", values);
  }
}
