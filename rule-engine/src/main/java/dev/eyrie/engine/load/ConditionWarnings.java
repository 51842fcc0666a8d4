package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import java.util.List;
import java.util.TreeSet;

/**
 * Falco's {@code filter_warning_resolver}: {@code <NA>} equality checks on {@code ka.*}/{@code jevt.*} fields
 * (LOAD_UNSAFE_NA_CHECK, with an empty message as in Falco) and deprecated fields (one LOAD_DEPRECATED_ITEM per
 * field), reported once per condition.
 */
final class ConditionWarnings {
  /** Falco's deprecated fields, in Falco's order. */
  static final List<String> DEPRECATED_FIELDS =
      List.of("evt.dir", "evt.latency", "evt.latency.s", "evt.latency.ns", "evt.latency.human", "evt.wait_latency");

  private static final String LATENCY_DESC = "field is not available due to the drop of enter events.";

  static String deprecatedFieldDescription(String field) {
    return field.equals("evt.dir")
        ? "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir = >' always"
            + " evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'"
        : LATENCY_DESC;
  }

  private boolean unsafeNa;
  private final TreeSet<Integer> deprecated = new TreeSet<>();
  private boolean lastFieldUnsafe;

  static void report(Expr condition, Context ctx, SourceResult result) {
    ConditionWarnings w = new ConditionWarnings();
    w.visit(condition);
    if (w.unsafeNa) {
      result.add(LoadCode.LOAD_UNSAFE_NA_CHECK, "", ctx);
    }
    for (int i : w.deprecated) {
      String f = DEPRECATED_FIELDS.get(i);
      result.addDeprecatedField(f, deprecatedFieldDescription(f), ctx);
    }
  }

  private void visit(Expr e) {
    if (e instanceof Expr.And a) {
      a.children().forEach(this::visit);
    } else if (e instanceof Expr.Or o) {
      o.children().forEach(this::visit);
    } else if (e instanceof Expr.Not n) {
      visit(n.child());
    } else if (e instanceof Expr.Check c) {
      lastFieldUnsafe = false;
      visitOperand(c.lhs());
      if (c.rhs() != null && lastFieldUnsafe && c.modifier() == null && isEquality(c.op())) {
        checkNa(c.rhs());
      }
    }
  }

  private void visitOperand(Operand o) {
    if (o instanceof Operand.Field f) {
      lastFieldUnsafe = f.name().startsWith("ka.") || f.name().startsWith("jevt.");
      int i = DEPRECATED_FIELDS.indexOf(f.name());
      if (i >= 0) {
        deprecated.add(i);
      }
    } else if (o instanceof Operand.Transform t) {
      t.args().forEach(this::visitOperand);
    } else if (o instanceof Operand.TransformerList l) {
      l.items().forEach(this::visitOperand);
    } else if (o instanceof Operand.ValField v) {
      visitOperand(v.field());
    }
  }

  private void checkNa(Operand rhs) {
    if (rhs instanceof Operand.ValField || rhs instanceof Operand.Transform) {
      visitOperand(rhs);
    } else if (rhs instanceof Operand.Value v && v.text().equals("<NA>")) {
      unsafeNa = true;
    } else if (rhs instanceof Operand.ValueList l) {
      for (Operand.Value v : l.values()) {
        if (v.text().equals("<NA>")) {
          unsafeNa = true;
        }
      }
    }
  }

  private static boolean isEquality(String op) {
    return op.equals("==") || op.equals("=") || op.equals("!=") || op.equals("in") || op.equals("intersects")
        || op.equals("pmatch");
  }
}
