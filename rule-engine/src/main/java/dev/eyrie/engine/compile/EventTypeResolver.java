package dev.eyrie.engine.compile;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.field.EventTypeTable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The set of event types a condition can match, with libsinsp's ppm_event_codes semantics: {@code and} =
 * intersection, {@code or} = union, negation pushed to the leaves by De Morgan; leaves {@code evt.type = x},
 * {@code in (...)}, {@code != x} give explicit sets (negated against the universe), {@code evt.type exists} all
 * types (none when negated), {@code evt.num = 0} and similar statically false/true checks give none/all, and
 * every other check is neutral (all types, unaffected by negation).
 */
final class EventTypeResolver {
  private static final Set<String> ALL = EventTypeTable.all();

  private EventTypeResolver() {}

  static Set<String> resolve(Expr e) throws CompileException {
    return Collections.unmodifiableSet(visit(e, false));
  }

  private static Set<String> visit(Expr e, boolean neg) throws CompileException {
    if (e instanceof Expr.And a) {
      return neg ? union(a.children(), true) : intersection(a.children(), false);
    }
    if (e instanceof Expr.Or o) {
      return neg ? intersection(o.children(), true) : union(o.children(), false);
    }
    if (e instanceof Expr.Not n) {
      return visit(n.child(), !neg);
    }
    if (e instanceof Expr.MacroRef) {
      return new LinkedHashSet<>(ALL);
    }
    return check((Expr.Check) e, neg);
  }

  private static Set<String> intersection(java.util.List<Expr> children, boolean neg) throws CompileException {
    Set<String> acc = new LinkedHashSet<>(ALL);
    for (Expr c : children) {
      acc.retainAll(visit(c, neg));
    }
    return acc;
  }

  private static Set<String> union(java.util.List<Expr> children, boolean neg) throws CompileException {
    Set<String> acc = new LinkedHashSet<>();
    for (Expr c : children) {
      acc.addAll(visit(c, neg));
    }
    return acc;
  }

  private static boolean isTypeField(Operand o) {
    return o instanceof Operand.Field f && (f.name().equals("evt.type") || f.name().equals("syscall.type"))
        && f.arg() == null;
  }

  private static boolean mentionsTypeField(Operand o) {
    if (isTypeField(o)) {
      return true;
    }
    if (o instanceof Operand.Transform t) {
      for (Operand a : t.args()) {
        if (mentionsTypeField(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> check(Expr.Check c, boolean neg) throws CompileException {
    Boolean invariant = evtNumInvariant(c);
    if (invariant != null) {
      boolean all = invariant != neg;
      return all ? new LinkedHashSet<>(ALL) : new LinkedHashSet<>();
    }
    String op = c.op();
    if (op.equals("exists")) {
      if (isTypeField(c.lhs()) && neg) {
        return new LinkedHashSet<>();
      }
      return new LinkedHashSet<>(ALL);
    }
    boolean typeOp = op.equals("=") || op.equals("==") || op.equals("!=") || op.equals("in");
    if (typeOp) {
      if (c.lhs() instanceof Operand.Transform t && mentionsTypeField(t)) {
        throw new CompileException("event code search does not support `evt.type` checks with transformers",
            c.pos());
      }
      if (isTypeField(c.lhs())) {
        Set<String> codes = new LinkedHashSet<>();
        if (c.rhs() instanceof Operand.Value v) {
          addKnown(codes, v.text());
        } else if (c.rhs() instanceof Operand.ValueList vl) {
          for (Operand.Value v : vl.values()) {
            addKnown(codes, v.text());
          }
        } else {
          throw new CompileException("right-hand field comparisons on `evt.type`/`syscall.type` checks are not "
              + "supported by event code search", c.pos());
        }
        if (neg) {
          codes = complement(codes);
        }
        if (op.equals("!=")) {
          codes = complement(codes);
        }
        return codes;
      }
    }
    return new LinkedHashSet<>(ALL);
  }

  private static void addKnown(Set<String> codes, String name) {
    if (EventTypeTable.known(name)) {
      codes.add(name);
    }
  }

  private static Set<String> complement(Set<String> s) {
    Set<String> out = new LinkedHashSet<>(ALL);
    out.removeAll(s);
    return out;
  }

  /**
   * evt.num starts at 1: {@code evt.num = 0}, {@code < 1}, {@code <= 0}, {@code in (0, ...)} never hold;
   * {@code != 0}, {@code > 0}, {@code >= 1} always do. Returns TRUE/FALSE when decided, null otherwise.
   */
  private static Boolean evtNumInvariant(Expr.Check c) {
    if (!(c.lhs() instanceof Operand.Field f) || !f.name().equals("evt.num") || f.arg() != null) {
      return null;
    }
    String op = c.op();
    if (op.equals("in")) {
      if (!(c.rhs() instanceof Operand.ValueList vl)) {
        return null;
      }
      for (Operand.Value v : vl.values()) {
        Long n = unsigned(v.text());
        if (n == null || n != 0) {
          return null;
        }
      }
      return Boolean.FALSE;
    }
    if (!(c.rhs() instanceof Operand.Value v)) {
      return null;
    }
    Long n = unsigned(v.text());
    if (n == null) {
      return null;
    }
    return switch (op) {
      case "=", "==" -> n == 0 ? Boolean.FALSE : null;
      case "!=" -> n == 0 ? Boolean.TRUE : null;
      case "<" -> Long.compareUnsigned(n, 1) <= 0 ? Boolean.FALSE : null;
      case "<=" -> n == 0 ? Boolean.FALSE : null;
      case ">" -> n == 0 ? Boolean.TRUE : null;
      case ">=" -> Long.compareUnsigned(n, 1) <= 0 ? Boolean.TRUE : null;
      default -> null;
    };
  }

  private static Long unsigned(String s) {
    try {
      return Values.parseLong(s, -1);
    } catch (CompileException e) {
      return null;
    }
  }
}
