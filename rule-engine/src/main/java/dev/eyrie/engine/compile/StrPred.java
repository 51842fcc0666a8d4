package dev.eyrie.engine.compile;

import com.google.re2j.Pattern;
import java.util.Set;

/** A string comparison with its right-hand side compiled. */
interface StrPred {
  boolean test(String s);

  final class Eq implements StrPred {
    private final String v;

    Eq(String v) {
      this.v = v;
    }

    String value() {
      return v;
    }

    @Override
    public boolean test(String s) {
      return v.equals(s);
    }
  }

  final class Ne implements StrPred {
    private final String v;

    Ne(String v) {
      this.v = v;
    }

    String value() {
      return v;
    }

    @Override
    public boolean test(String s) {
      return !v.equals(s);
    }
  }

  /** strcmp ordering: {@code <, <=, >, >=}. */
  final class Order implements StrPred {
    private final String v;
    private final String op;

    Order(String v, String op) {
      this.v = v;
      this.op = op;
    }

    @Override
    public boolean test(String s) {
      int c = s.compareTo(v);
      return switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }
  }

  final class Contains implements StrPred {
    private final String v;

    Contains(String v) {
      this.v = v;
    }

    String value() {
      return v;
    }

    @Override
    public boolean test(String s) {
      return s.contains(v);
    }
  }

  /** strcasestr: ASCII case-insensitive substring. */
  final class IContains implements StrPred {
    private final char[] lower;

    IContains(String v) {
      lower = new char[v.length()];
      for (int i = 0; i < v.length(); i++) {
        lower[i] = Glob.lower(v.charAt(i));
      }
    }

    @Override
    public boolean test(String s) {
      int n = lower.length;
      if (n == 0) {
        return true;
      }
      char first = lower[0];
      for (int i = 0, last = s.length() - n; i <= last; i++) {
        if (Glob.lower(s.charAt(i)) != first) {
          continue;
        }
        int j = 1;
        while (j < n && Glob.lower(s.charAt(i + j)) == lower[j]) {
          j++;
        }
        if (j == n) {
          return true;
        }
      }
      return false;
    }
  }

  final class StartsWith implements StrPred {
    private final String v;

    StartsWith(String v) {
      this.v = v;
    }

    String value() {
      return v;
    }

    @Override
    public boolean test(String s) {
      return s.startsWith(v);
    }
  }

  final class EndsWith implements StrPred {
    private final String v;

    EndsWith(String v) {
      this.v = v;
    }

    String value() {
      return v;
    }

    @Override
    public boolean test(String s) {
      return s.endsWith(v);
    }
  }

  final class GlobMatch implements StrPred {
    private final Glob g;

    GlobMatch(Glob g) {
      this.g = g;
    }

    @Override
    public boolean test(String s) {
      return g.matches(s);
    }
  }

  /** RE2 (linear time), anchored at both ends like libsinsp's ANCHOR_BOTH. */
  final class Regex implements StrPred {
    private final Pattern p;

    Regex(Pattern p) {
      this.p = p;
    }

    @Override
    public boolean test(String s) {
      return p.matches(s);
    }
  }

  final class Pmatch implements StrPred {
    private final PathPrefixSet set;

    Pmatch(PathPrefixSet set) {
      this.set = set;
    }

    @Override
    public boolean test(String s) {
      return set.matches(s);
    }
  }

  /** {@code in} / {@code intersects} on a single value: set membership. */
  final class In implements StrPred {
    private final Set<String> set;

    In(Set<String> set) {
      this.set = set;
    }

    Set<String> values() {
      return set;
    }

    @Override
    public boolean test(String s) {
      return set.contains(s);
    }
  }

  /** {@code op oneof (...)}: exactly one element matches. */
  final class OneOf implements StrPred {
    private final StrPred[] each;

    OneOf(StrPred[] each) {
      this.each = each;
    }

    @Override
    public boolean test(String s) {
      int n = 0;
      for (StrPred p : each) {
        if (p.test(s) && ++n > 1) {
          return false;
        }
      }
      return n == 1;
    }
  }

  final class AnyOf implements StrPred {
    private final StrPred[] each;

    AnyOf(StrPred[] each) {
      this.each = each;
    }

    @Override
    public boolean test(String s) {
      for (StrPred p : each) {
        if (p.test(s)) {
          return true;
        }
      }
      return false;
    }
  }

  final class AllOf implements StrPred {
    private final StrPred[] each;

    AllOf(StrPred[] each) {
      this.each = each;
    }

    @Override
    public boolean test(String s) {
      for (StrPred p : each) {
        if (!p.test(s)) {
          return false;
        }
      }
      return true;
    }
  }
}
