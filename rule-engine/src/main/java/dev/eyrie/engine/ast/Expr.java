package dev.eyrie.engine.ast;

import java.util.List;

/**
 * A parsed Falco condition (libs filter grammar). Produced by the parser, rewritten by the macro resolver,
 * consumed by the checker/compiler. {@code pos} is the 0-based character offset in the condition text the node
 * came from (for error messages); it is -1 for synthesised nodes.
 *
 * <p>{@link #toString()} renders the canonical text Falco's engine prints for compiled conditions, so tests can
 * compare compiled conditions the way Falco's own engine tests do.
 */
public sealed interface Expr permits Expr.And, Expr.Or, Expr.Not, Expr.MacroRef, Expr.Check {

  int pos();

  /** {@code a and b and c}: children in source order, at least two. */
  record And(List<Expr> children, int pos) implements Expr {
    public And {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return AstText.join(children, " and ");
    }
  }

  /** {@code a or b or c}: children in source order, at least two. */
  record Or(List<Expr> children, int pos) implements Expr {
    public Or {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return AstText.join(children, " or ");
    }
  }

  record Not(Expr child, int pos) implements Expr {
    @Override
    public String toString() {
      return "not " + child;
    }
  }

  /** A bare identifier: a macro reference, resolved before compilation. */
  record MacroRef(String name, int pos) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * {@code lhs op rhs}. {@code op} is the operator as written but normalised ({@code ==} stays distinct from
   * {@code =} only in text; both mean equality). {@code modifier} is {@code oneof|anyof|allof} or null.
   * {@code rhs} is null for the unary {@code exists}.
   */
  record Check(Operand.FieldExpr lhs, String op, String modifier, Operand rhs, int pos) implements Expr {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(lhs.toString()).append(' ').append(op);
      if (modifier != null) {
        sb.append(' ').append(modifier);
      }
      if (rhs != null) {
        sb.append(' ').append(rhs);
      }
      return sb.toString();
    }
  }

  static Expr and(List<Expr> children) {
    return children.size() == 1 ? children.get(0) : new And(children, children.get(0).pos());
  }

  static Expr or(List<Expr> children) {
    return children.size() == 1 ? children.get(0) : new Or(children, children.get(0).pos());
  }
}
