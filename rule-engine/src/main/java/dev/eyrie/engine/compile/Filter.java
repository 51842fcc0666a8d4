package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.EvalContext;

/** A compiled condition node: evaluated per event, allocation-free on the common paths. */
public interface Filter {
  boolean eval(EvalContext c);

  /** {@code a and b and ...}, short-circuit in source order. */
  final class And implements Filter {
    private final Filter[] children;

    And(Filter[] children) {
      this.children = children;
    }

    Filter[] children() {
      return children;
    }

    @Override
    public boolean eval(EvalContext c) {
      for (Filter f : children) {
        if (!f.eval(c)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code a or b or ...}, short-circuit in source order. */
  final class Or implements Filter {
    private final Filter[] children;

    Or(Filter[] children) {
      this.children = children;
    }

    Filter[] children() {
      return children;
    }

    @Override
    public boolean eval(EvalContext c) {
      for (Filter f : children) {
        if (f.eval(c)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Inverts the whole check, so {@code not fd.name = x} is true when fd.name cannot be extracted. */
  final class Not implements Filter {
    private final Filter child;

    Not(Filter child) {
      this.child = child;
    }

    Filter child() {
      return child;
    }

    @Override
    public boolean eval(EvalContext c) {
      return !child.eval(c);
    }
  }

  /** A check decided at compile time. */
  final class Const implements Filter {
    static final Const TRUE = new Const(true);
    static final Const FALSE = new Const(false);
    private final boolean value;

    private Const(boolean value) {
      this.value = value;
    }

    static Const of(boolean value) {
      return value ? TRUE : FALSE;
    }

    boolean value() {
      return value;
    }

    @Override
    public boolean eval(EvalContext c) {
      return value;
    }
  }
}
