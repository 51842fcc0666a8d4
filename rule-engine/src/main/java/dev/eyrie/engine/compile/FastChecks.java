package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.StrAccessor;
import java.util.Set;

/**
 * Specialised string checks the {@link FilterOptimizer} substitutes for the commonest shapes, so the hot path has
 * one call less (no predicate dispatch). Same semantics as {@link Checks.Str}: false when the field is missing.
 */
final class FastChecks {
  private FastChecks() {}

  /** {@code field = v}. */
  static final class StrEq implements Filter {
    private final StrAccessor a;
    private final String v;

    StrEq(StrAccessor a, String v) {
      this.a = a;
      this.v = v;
    }

    String value() {
      return v;
    }

    StrAccessor accessor() {
      return a;
    }

    @Override
    public boolean eval(dev.eyrie.engine.field.EvalContext c) {
      return v.equals(a.get(c));
    }
  }

  /** {@code field in (...)}. */
  static final class StrIn implements Filter {
    private final StrAccessor a;
    private final Set<String> set;

    StrIn(StrAccessor a, Set<String> set) {
      this.a = a;
      this.set = set;
    }

    StrAccessor accessor() {
      return a;
    }

    Set<String> values() {
      return set;
    }

    @Override
    public boolean eval(dev.eyrie.engine.field.EvalContext c) {
      String s = a.get(c);
      return s != null && set.contains(s);
    }
  }

  /**
   * An {@code or} of {@code =}/{@code in}/{@code startswith}/{@code endswith}/{@code contains} checks on one
   * field, extracted once: true when any of them holds.
   */
  static final class StrAny implements Filter {
    private final StrAccessor a;
    private final Set<String> equal;
    private final String[] prefixes;
    private final String[] suffixes;
    private final String[] infixes;

    StrAny(StrAccessor a, Set<String> equal, String[] prefixes, String[] suffixes, String[] infixes) {
      this.a = a;
      this.equal = equal;
      this.prefixes = prefixes;
      this.suffixes = suffixes;
      this.infixes = infixes;
    }

    StrAccessor accessor() {
      return a;
    }

    Set<String> equal() {
      return equal;
    }

    String[] prefixes() {
      return prefixes;
    }

    String[] suffixes() {
      return suffixes;
    }

    String[] infixes() {
      return infixes;
    }

    int terms() {
      return equal.size() + prefixes.length + suffixes.length + infixes.length;
    }

    int scans() {
      return infixes.length;
    }

    @Override
    public boolean eval(dev.eyrie.engine.field.EvalContext c) {
      String s = a.get(c);
      if (s == null) {
        return false;
      }
      if (!equal.isEmpty() && equal.contains(s)) {
        return true;
      }
      for (String p : prefixes) {
        if (s.startsWith(p)) {
          return true;
        }
      }
      for (String p : suffixes) {
        if (s.endsWith(p)) {
          return true;
        }
      }
      for (String p : infixes) {
        if (s.contains(p)) {
          return true;
        }
      }
      return false;
    }
  }
}
