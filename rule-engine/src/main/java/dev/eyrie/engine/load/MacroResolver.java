package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Expands macro references at AST level (Falco's {@code filter_macro_resolver}): each visible macro's AST is
 * substituted recursively; a macro reaching itself is a reference loop. Unknown identifiers, loops and the macros
 * actually substituted are recorded in visit order.
 */
final class MacroResolver {
  record Ref(String name, int pos) {}

  private final Map<String, Expr> macros;
  final List<Ref> errors = new ArrayList<>();
  final List<Ref> unknown = new ArrayList<>();
  final List<String> resolved = new ArrayList<>();
  private final Deque<String> path = new ArrayDeque<>();

  MacroResolver(Map<String, Expr> visibleMacros) {
    this.macros = visibleMacros;
  }

  Expr run(Expr e) {
    if (e instanceof Expr.And a) {
      return new Expr.And(expandAll(a.children()), a.pos());
    }
    if (e instanceof Expr.Or o) {
      return new Expr.Or(expandAll(o.children()), o.pos());
    }
    if (e instanceof Expr.Not n) {
      return new Expr.Not(run(n.child()), n.pos());
    }
    if (e instanceof Expr.MacroRef r) {
      return expand(r);
    }
    return e;
  }

  private List<Expr> expandAll(List<Expr> children) {
    List<Expr> out = new ArrayList<>(children.size());
    for (Expr c : children) {
      out.add(run(c));
    }
    return out;
  }

  private Expr expand(Expr.MacroRef r) {
    Expr body = macros.get(r.name());
    if (body == null) {
      unknown.add(new Ref(r.name(), r.pos()));
      return r;
    }
    if (path.contains(r.name())) {
      errors.add(new Ref("reference loop in macro '" + r.name() + "'", r.pos()));
      unknown.add(new Ref(r.name(), r.pos()));
      return r;
    }
    path.push(r.name());
    Expr res = run(body);
    resolved.add(r.name());
    path.pop();
    return res;
  }
}
