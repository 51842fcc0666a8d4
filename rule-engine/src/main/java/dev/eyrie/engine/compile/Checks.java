package dev.eyrie.engine.compile;

import static dev.eyrie.engine.field.LongAccessor.ABSENT;

import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.BytesAccessor;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.IpAccessor;
import dev.eyrie.engine.field.LongAccessor;
import dev.eyrie.engine.field.MultiAccessor;
import dev.eyrie.engine.field.StrAccessor;

/**
 * Leaf checks. Every check is false when its field (or a right-hand field) cannot be extracted, whatever the
 * operator — libsinsp's compare_nocache — so {@code fd.name != x} is false on events without an fd.
 */
final class Checks {
  private Checks() {}

  static final class Str implements Filter {
    private final StrAccessor a;
    private final StrPred p;

    Str(StrAccessor a, StrPred p) {
      this.a = a;
      this.p = p;
    }

    StrAccessor accessor() {
      return a;
    }

    StrPred pred() {
      return p;
    }

    @Override
    public boolean eval(EvalContext c) {
      String s = a.get(c);
      return s != null && p.test(s);
    }
  }

  static final class Num implements Filter {
    private final LongAccessor a;
    private final LongPred p;

    Num(LongAccessor a, LongPred p) {
      this.a = a;
      this.p = p;
    }

    LongAccessor accessor() {
      return a;
    }

    LongPred pred() {
      return p;
    }

    @Override
    public boolean eval(EvalContext c) {
      long v = a.get(c);
      return v != ABSENT && p.test(v);
    }
  }

  static final class Ip implements Filter {
    private final IpAccessor a;
    private final IpPred p;

    Ip(IpAccessor a, IpPred p) {
      this.a = a;
      this.p = p;
    }

    IpAccessor accessor() {
      return a;
    }

    IpPred pred() {
      return p;
    }

    @Override
    public boolean eval(EvalContext c) {
      byte[] v = a.get(c);
      return v != null && p.test(v);
    }
  }

  static final class Bytes implements Filter {
    private final BytesAccessor a;
    private final BytesPred p;

    Bytes(BytesAccessor a, BytesPred p) {
      this.a = a;
      this.p = p;
    }

    @Override
    public boolean eval(EvalContext c) {
      byte[] v = a.get(c);
      return v != null && p.test(v);
    }
  }

  /**
   * Multi-valued fields. {@code all}: every value must pass (list {@code in}; endpoint {@code !=}); otherwise
   * one passing value suffices. A list {@code in} over an empty list is true, as in libsinsp.
   */
  static final class MultiStr implements Filter {
    private final MultiAccessor a;
    private final StrPred p;
    private final boolean all;
    private final int minCount;

    MultiStr(MultiAccessor a, StrPred p, boolean all) {
      this.a = a;
      this.p = p;
      this.all = all;
      this.minCount = a.mode() == MultiAccessor.Mode.LIST ? 0 : 1;
    }

    MultiAccessor accessor() {
      return a;
    }

    StrPred pred() {
      return p;
    }

    boolean all() {
      return all;
    }

    @Override
    public boolean eval(EvalContext c) {
      int n = a.count(c);
      if (n < minCount) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (p.test(a.str(c, i)) != all) {
          return !all;
        }
      }
      return all;
    }
  }

  static final class MultiNum implements Filter {
    private final MultiAccessor a;
    private final LongPred p;
    private final boolean all;
    private final int minCount;

    MultiNum(MultiAccessor a, LongPred p, boolean all) {
      this.a = a;
      this.p = p;
      this.all = all;
      this.minCount = a.mode() == MultiAccessor.Mode.LIST ? 0 : 1;
    }

    @Override
    public boolean eval(EvalContext c) {
      int n = a.count(c);
      if (n < minCount) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (p.test(a.num(c, i)) != all) {
          return !all;
        }
      }
      return all;
    }
  }

  static final class MultiIp implements Filter {
    private final MultiAccessor a;
    private final IpPred p;
    private final boolean all;
    private final int minCount;

    MultiIp(MultiAccessor a, IpPred p, boolean all) {
      this.a = a;
      this.p = p;
      this.all = all;
      this.minCount = a.mode() == MultiAccessor.Mode.LIST ? 0 : 1;
    }

    @Override
    public boolean eval(EvalContext c) {
      int n = a.count(c);
      if (n < minCount) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (p.test(a.ip(c, i)) != all) {
          return !all;
        }
      }
      return all;
    }
  }

  /** {@code exists}: the field can be extracted (for any-ancestor fields: there is at least one ancestor). */
  static final class Exists implements Filter {
    private final Accessor a;

    Exists(Accessor a) {
      this.a = a;
    }

    Accessor accessor() {
      return a;
    }

    @Override
    public boolean eval(EvalContext c) {
      if (a instanceof StrAccessor s) {
        return s.get(c) != null;
      }
      if (a instanceof LongAccessor l) {
        return l.get(c) != ABSENT;
      }
      if (a instanceof IpAccessor ip) {
        return ip.get(c) != null;
      }
      if (a instanceof BytesAccessor b) {
        return b.get(c) != null;
      }
      MultiAccessor m = (MultiAccessor) a;
      return m.count(c) >= (m.mode() == MultiAccessor.Mode.LIST ? 0 : 1);
    }
  }

  /** {@code lhs op val(rhs)} on strings: the right-hand value is extracted per event. */
  static final class StrField implements Filter {
    private final StrAccessor l;
    private final Accessor r;
    private final String op;

    StrField(StrAccessor l, Accessor r, String op) {
      this.l = l;
      this.r = r;
      this.op = op;
    }

    @Override
    public boolean eval(EvalContext c) {
      String s = l.get(c);
      if (s == null) {
        return false;
      }
      if (r instanceof MultiAccessor m) {
        int n = m.count(c);
        if (n < 0) {
          return false;
        }
        for (int i = 0; i < n; i++) {
          if (s.equals(m.str(c, i))) {
            return true;
          }
        }
        return false;
      }
      String v = ((StrAccessor) r).get(c);
      if (v == null) {
        return false;
      }
      return switch (op) {
        case "=", "==", "in", "intersects" -> s.equals(v);
        case "!=" -> !s.equals(v);
        case "<" -> s.compareTo(v) < 0;
        case "<=" -> s.compareTo(v) <= 0;
        case ">" -> s.compareTo(v) > 0;
        case ">=" -> s.compareTo(v) >= 0;
        case "contains" -> s.contains(v);
        case "icontains" -> new StrPred.IContains(v).test(s);
        case "startswith" -> s.startsWith(v);
        case "endswith" -> s.endsWith(v);
        case "glob" -> Glob.compile(v, false).matches(s);
        case "iglob" -> Glob.compile(v, true).matches(s);
        default -> false;
      };
    }
  }

  /** {@code lhs op val(rhs)} on numbers. */
  static final class NumField implements Filter {
    private final LongAccessor l;
    private final LongAccessor r;
    private final int op;
    private final boolean unsigned;

    NumField(LongAccessor l, LongAccessor r, String op, boolean unsigned) {
      this.l = l;
      this.r = r;
      this.op = op.equals("in") || op.equals("intersects") ? LongPred.Cmp.EQ : LongPred.Cmp.opCode(op);
      this.unsigned = unsigned;
    }

    @Override
    public boolean eval(EvalContext c) {
      long a = l.get(c);
      if (a == ABSENT) {
        return false;
      }
      long b = r.get(c);
      return b != ABSENT && new LongPred.Cmp(op, b, unsigned).test(a);
    }
  }
}
