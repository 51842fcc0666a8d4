package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.MultiAccessor;
import dev.eyrie.engine.field.StrAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the condition trees of the rules evaluated for one event type into cheaper equivalent trees:
 * <ol>
 *   <li>checks of {@code evt.type} (and the constant {@code evt.dir}) are decided for that type and folded away,
 *   so {@code spawned_process} costs nothing on execve;
 *   <li>nested {@code and}/{@code or} are flattened, constant children dropped;
 *   <li>children of {@code and}/{@code or} are ordered by estimated cost and selectivity, cheapest likely-decisive
 *   check first.
 * </ol>
 * Every check is a pure function of the event (a missing value makes that one check false, nothing else), so
 * neither folding nor reordering can change a result — only which checks run. Shared (per-event cached) nodes keep
 * their cache slot and stay shared between the rules of the bucket.
 *
 * <p>One instance per event-type bucket: {@link #optimize} all rules of the bucket through the same instance.
 */
public final class FilterOptimizer {
  private final String eventType;
  private final Map<Filter, Filter> folded = new IdentityHashMap<>();
  private final Map<Filter, Filter> ordered = new IdentityHashMap<>();
  private final Map<Filter, Est> estimates = new IdentityHashMap<>();
  private final Map<Filter, Integer> sharing = new IdentityHashMap<>();

  /** Cost (arbitrary units, ~ns) and probability of being true. */
  private record Est(double cost, double p) {}

  /** @param eventType the type every event of the bucket has, or null when unknown (then nothing is folded) */
  public FilterOptimizer(String eventType) {
    this.eventType = eventType;
  }

  /** The optimized equivalents of the bucket's rule filters, in the same order. */
  public List<Filter> optimize(List<Filter> filters) {
    List<Filter> f = new ArrayList<>(filters.size());
    for (Filter x : filters) {
      f.add(fold(x));
    }
    Set<Filter> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Filter x : f) {
      countSharing(x, seen);
    }
    List<Filter> out = new ArrayList<>(f.size());
    for (Filter x : f) {
      out.add(order(x));
    }
    return out;
  }

  /**
   * For a node of an optimized tree: estimated cost per chance of being false — the order in which conjuncts
   * are best evaluated (lower first). Unknown nodes rank last.
   */
  public double rank(Filter f) {
    Est e = estimates.get(f);
    return e == null ? Double.MAX_VALUE : e.cost / Math.max(1 - e.p, 0.01);
  }

  /** True when the filter is the constant false (the rule can never match events of this bucket). */
  public static boolean isNever(Filter f) {
    return f instanceof Filter.Const c && !c.value();
  }

  /**
   * The values a string field must equal for the filter to be true — from an {@code =}/{@code in} check on that
   * field that every match requires (a conjunct, possibly nested; for a disjunction, the union over branches that
   * all have one) — or null when the filter has no such requirement. Exact: the field missing makes the check, hence the filter, false.
   */
  public static Set<String> requiredValues(Filter f, String field) {
    Filter x = f instanceof Cached c ? c.inner() : f;
    if (x instanceof Checks.Str s && s.accessor().name().equals(field)) {
      if (s.pred() instanceof StrPred.Eq eq) {
        return Set.of(eq.value());
      }
      if (s.pred() instanceof StrPred.In in) {
        return in.values();
      }
      return null;
    }
    if (x instanceof FastChecks.StrEq e && e.accessor().name().equals(field)) {
      return Set.of(e.value());
    }
    if (x instanceof FastChecks.StrIn i && i.accessor().name().equals(field)) {
      return i.values();
    }
    if (x instanceof FastChecks.StrAny y && y.accessor().name().equals(field) && y.terms() == y.equal().size()) {
      return y.equal();
    }
    if (x instanceof Filter.And a) {
      Set<String> best = null;
      for (Filter c : a.children()) {
        Set<String> v = requiredValues(c, field);
        if (v != null && (best == null || v.size() < best.size())) {
          best = v;
        }
      }
      return best;
    }
    if (x instanceof Filter.Or o) {
      Set<String> union = new HashSet<>();
      for (Filter c : o.children()) {
        Set<String> v = requiredValues(c, field);
        if (v == null) {
          return null;
        }
        union.addAll(v);
      }
      return union;
    }
    return null;
  }

  /** The conjuncts every match of f requires, in evaluation order (f itself when it is not a conjunction). */
  public static List<Filter> conjuncts(Filter f) {
    return f instanceof Filter.And a ? List.of(a.children()) : List.of(f);
  }

  /** f with the given conjuncts removed (the caller has established they hold). */
  public static Filter without(Filter f, Set<Filter> holding) {
    List<Filter> rest = new ArrayList<>();
    for (Filter c : conjuncts(f)) {
      if (!holding.contains(c)) {
        rest.add(c);
      }
    }
    return rest.isEmpty() ? Filter.Const.TRUE : rest.size() == 1 ? rest.get(0)
        : new Filter.And(rest.toArray(new Filter[0]));
  }

  /** True for a node whose per-event result is shared between rules (worth evaluating once up front). */
  public static boolean isShared(Filter f) {
    return f instanceof Cached;
  }

  // ---------------------------------------------------------------- folding + flattening

  private Filter fold(Filter f) {
    Filter done = folded.get(f);
    if (done != null) {
      return done;
    }
    Filter r = foldUncached(f);
    folded.put(f, r);
    return r;
  }

  private Filter foldUncached(Filter f) {
    if (f instanceof Cached c) {
      Filter inner = fold(c.inner());
      if (inner instanceof Filter.Const) {
        return inner;
      }
      return inner == c.inner() ? c : new Cached(inner, c.slot());
    }
    if (f instanceof Filter.Not n) {
      Filter child = fold(n.child());
      if (child instanceof Filter.Const k) {
        return Filter.Const.of(!k.value());
      }
      if (child instanceof Filter.Not nn) {
        return nn.child();
      }
      return child == n.child() ? n : new Filter.Not(child);
    }
    if (f instanceof Filter.And a) {
      List<Filter> kids = new ArrayList<>();
      for (Filter c : a.children()) {
        Filter k = fold(c);
        if (k instanceof Filter.Const kc) {
          if (!kc.value()) {
            return Filter.Const.FALSE;
          }
        } else if (k instanceof Filter.And inner) {
          kids.addAll(Arrays.asList(inner.children()));
        } else {
          kids.add(k);
        }
      }
      return kids.isEmpty() ? Filter.Const.TRUE : kids.size() == 1 ? kids.get(0)
          : new Filter.And(kids.toArray(new Filter[0]));
    }
    if (f instanceof Filter.Or o) {
      List<Filter> kids = new ArrayList<>();
      for (Filter c : o.children()) {
        Filter k = fold(c);
        if (k instanceof Filter.Const kc) {
          if (kc.value()) {
            return Filter.Const.TRUE;
          }
        } else if (k instanceof Filter.Or inner) {
          kids.addAll(Arrays.asList(inner.children()));
        } else {
          kids.add(k);
        }
      }
      return kids.isEmpty() ? Filter.Const.FALSE : kids.size() == 1 ? kids.get(0)
          : new Filter.Or(kids.toArray(new Filter[0]));
    }
    if (f instanceof Checks.Str s) {
      String name = s.accessor().name();
      if (eventType != null && name.equals("evt.type")) {
        return Filter.Const.of(s.pred().test(eventType));
      }
      if (name.equals("evt.dir")) {
        return Filter.Const.of(s.pred().test("<"));
      }
    }
    return f;
  }

  // ---------------------------------------------------------------- sharing counts

  /** How many parents reference each shared node (its evaluation cost is spread over them). */
  private void countSharing(Filter f, Set<Filter> seen) {
    if (f instanceof Cached c) {
      sharing.merge(c, 1, Integer::sum);
      if (!seen.add(c)) {
        return;
      }
      countSharing(c.inner(), seen);
    } else if (f instanceof Filter.Not n) {
      countSharing(n.child(), seen);
    } else if (f instanceof Filter.And a) {
      for (Filter c : a.children()) {
        countSharing(c, seen);
      }
    } else if (f instanceof Filter.Or o) {
      for (Filter c : o.children()) {
        countSharing(c, seen);
      }
    }
  }

  // ---------------------------------------------------------------- ordering

  private Filter order(Filter f) {
    Filter done = ordered.get(f);
    if (done != null) {
      return done;
    }
    Filter r = orderUncached(f);
    ordered.put(f, r);
    if (r != f && !estimates.containsKey(r)) {
      estimates.put(r, estimates.get(f));
    }
    return r;
  }

  private Filter orderUncached(Filter f) {
    if (f instanceof Cached c) {
      Filter inner = order(c.inner());
      int k = sharing.getOrDefault(c, 1);
      if (k <= 1) {
        return inner; // evaluated at most once per event here: the cache would only add a probe
      }
      Est e = estimates.get(inner);
      estimates.put(f, new Est(3 + e.cost / k, e.p));
      return inner == c.inner() ? c : new Cached(inner, c.slot());
    }
    if (f instanceof Filter.Not n) {
      Filter child = order(n.child());
      Est e = estimates.get(child);
      estimates.put(f, new Est(e.cost + 0.5, 1 - e.p));
      return child == n.child() ? n : new Filter.Not(child);
    }
    if (f instanceof Filter.And a) {
      Filter[] kids = orderChildren(a.children(), true);
      estimates.put(f, combine(kids, true));
      return new Filter.And(kids);
    }
    if (f instanceof Filter.Or o) {
      Filter[] kids = orderChildren(o.children(), false);
      if (kids.length == 1) {
        estimates.put(f, estimates.get(kids[0]));
        return kids[0];
      }
      estimates.put(f, combine(kids, false));
      return new Filter.Or(kids);
    }
    Filter g = fast(f);
    estimates.put(g, leaf(g));
    return g;
  }

  /** The specialised node for the commonest string check shapes (see {@link FastChecks}). */
  private static Filter fast(Filter f) {
    if (f instanceof Checks.Str s) {
      StrPred p = s.pred();
      StrAccessor a = s.accessor();
      String[] none = new String[0];
      if (p instanceof StrPred.Eq eq) {
        return new FastChecks.StrEq(a, eq.value());
      }
      if (p instanceof StrPred.In in) {
        return new FastChecks.StrIn(a, in.values());
      }
      if (p instanceof StrPred.StartsWith sw) {
        return new FastChecks.StrAny(a, Set.of(), new String[] {sw.value()}, none, none);
      }
      if (p instanceof StrPred.EndsWith ew) {
        return new FastChecks.StrAny(a, Set.of(), none, new String[] {ew.value()}, none);
      }
      if (p instanceof StrPred.Contains ct) {
        return new FastChecks.StrAny(a, Set.of(), none, none, new String[] {ct.value()});
      }
    }
    return f;
  }

  /** Or-children that test one string field with =, in, startswith, endswith or contains merge into one node. */
  private List<Filter> mergeSameField(List<Filter> kids) {
    Map<String, List<Filter>> byField = new java.util.LinkedHashMap<>();
    for (Filter k : kids) {
      StrAccessor a = k instanceof FastChecks.StrEq e ? e.accessor() : k instanceof FastChecks.StrIn i
          ? i.accessor() : k instanceof FastChecks.StrAny y ? y.accessor() : null;
      if (a != null) {
        byField.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(k);
      }
    }
    List<Filter> out = new ArrayList<>(kids);
    for (List<Filter> group : byField.values()) {
      if (group.size() < 2) {
        continue;
      }
      Set<String> eq = new HashSet<>();
      List<String> pre = new ArrayList<>();
      List<String> suf = new ArrayList<>();
      List<String> inf = new ArrayList<>();
      StrAccessor a = null;
      for (Filter k : group) {
        if (k instanceof FastChecks.StrEq e) {
          a = e.accessor();
          eq.add(e.value());
        } else if (k instanceof FastChecks.StrIn i) {
          a = i.accessor();
          eq.addAll(i.values());
        } else {
          FastChecks.StrAny y = (FastChecks.StrAny) k;
          a = y.accessor();
          eq.addAll(y.equal());
          pre.addAll(List.of(y.prefixes()));
          suf.addAll(List.of(y.suffixes()));
          inf.addAll(List.of(y.infixes()));
        }
      }
      Filter merged = new FastChecks.StrAny(a, eq.isEmpty() ? Set.of() : eq, pre.toArray(new String[0]),
          suf.toArray(new String[0]), inf.toArray(new String[0]));
      estimates.put(merged, leaf(merged));
      int at = out.indexOf(group.get(0));
      out.set(at, merged);
      for (int i = 1; i < group.size(); i++) {
        out.remove(group.get(i));
      }
    }
    return out;
  }

  /**
   * Orders children so the expected cost of the short-circuit evaluation is lowest (for independent checks: by
   * cost / P(decisive), where decisive means false for {@code and}, true for {@code or}). Stable for ties.
   */
  private Filter[] orderChildren(Filter[] children, boolean and) {
    List<Filter> flat = new ArrayList<>();
    for (Filter c : children) {
      Filter k = order(c);
      if (and && k instanceof Filter.And a) {
        flat.addAll(Arrays.asList(a.children()));
      } else if (!and && k instanceof Filter.Or o) {
        flat.addAll(Arrays.asList(o.children()));
      } else {
        flat.add(k);
      }
    }
    if (!and) {
      flat = mergeSameField(flat);
    }
    Filter[] kids = flat.toArray(new Filter[0]);
    double[] rank = new double[kids.length];
    Integer[] idx = new Integer[kids.length];
    for (int i = 0; i < kids.length; i++) {
      Est e = estimates.get(kids[i]);
      double decisive = and ? 1 - e.p : e.p;
      rank[i] = e.cost / Math.max(decisive, 0.01);
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(rank[x], rank[y]));
    Filter[] out = new Filter[kids.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = kids[idx[i]];
    }
    return out;
  }

  private Est combine(Filter[] kids, boolean and) {
    double cost = 1;
    double reach = 1;
    double pAll = 1;
    for (Filter k : kids) {
      Est e = estimates.get(k);
      cost += reach * e.cost;
      double cont = and ? e.p : 1 - e.p;
      reach *= cont;
      pAll *= cont;
    }
    return new Est(cost, and ? pAll : 1 - pAll);
  }

  // ---------------------------------------------------------------- leaf estimates

  private static Est leaf(Filter f) {
    if (f instanceof Checks.Str s) {
      return new Est(accessorCost(s.accessor()) + strCost(s.pred()), strP(s.pred()));
    }
    if (f instanceof Checks.Num n) {
      double p = 0.5;
      if (n.pred() instanceof LongPred.Cmp c) {
        p = c.op() == LongPred.Cmp.EQ ? 0.2 : c.op() == LongPred.Cmp.NE ? 0.8 : 0.5;
      } else if (n.pred() instanceof LongPred.In) {
        p = 0.2;
      }
      return new Est(accessorCost(n.accessor()) + 1, p);
    }
    if (f instanceof Checks.Ip ip) {
      return new Est(accessorCost(ip.accessor()) + 6, ip.pred() instanceof IpPred.Negate ? 0.8 : 0.2);
    }
    if (f instanceof Checks.MultiStr m) {
      // "any ancestor" and list fields walk several values (assume ~5)
      double per = accessorCost(m.accessor()) + strCost(m.pred()) + 2;
      return new Est(5 + 5 * per, m.all() ? 0.5 : Math.min(0.9, strP(m.pred()) * 2));
    }
    if (f instanceof Checks.Exists e) {
      return new Est(accessorCost(e.accessor()) + 1, 0.9);
    }
    if (f instanceof Filter.Const c) {
      return new Est(0.5, c.value() ? 1 : 0);
    }
    if (f instanceof FastChecks.StrEq e) {
      return new Est(accessorCost(e.accessor()) + 1, 0.1);
    }
    if (f instanceof FastChecks.StrIn i) {
      return new Est(accessorCost(i.accessor()) + 4, 0.1);
    }
    if (f instanceof FastChecks.StrAny y) {
      double cost = accessorCost(y.accessor()) + (y.equal().isEmpty() ? 0 : 4) + 2 * y.prefixes().length
          + 2 * y.suffixes().length + 8 * y.infixes().length;
      return new Est(cost, Math.min(0.5, 0.1 * y.terms()));
    }
    return new Est(25, 0.5);
  }

  private static final Set<String> DERIVED = new HashSet<>(List.of("proc.cmdline", "proc.args", "proc.pcmdline",
      "proc.exeline", "fd.directory", "fd.filename", "fd.containerdirectory", "fd.containername"));

  private static double accessorCost(Accessor a) {
    String n = a.name();
    if (n.indexOf('(') >= 0) {
      return 30; // transformer
    }
    if (a instanceof MultiAccessor) {
      return 4;
    }
    if (DERIVED.contains(n)) {
      return 10;
    }
    if (n.startsWith("evt.arg") || n.startsWith("evt.rawarg") || n.indexOf('[') >= 0) {
      return 8;
    }
    if (n.startsWith("proc.a") || n.startsWith("proc.p") || n.startsWith("evt.is_open")) {
      return 4;
    }
    return 2;
  }

  private static double strCost(StrPred p) {
    if (p instanceof StrPred.Eq || p instanceof StrPred.Ne || p instanceof StrPred.Order) {
      return 1;
    }
    if (p instanceof StrPred.StartsWith || p instanceof StrPred.EndsWith) {
      return 2;
    }
    if (p instanceof StrPred.In) {
      return 5;
    }
    if (p instanceof StrPred.Contains) {
      return 8;
    }
    if (p instanceof StrPred.Regex) {
      return 60;
    }
    return 15;
  }

  private static double strP(StrPred p) {
    if (p instanceof StrPred.Ne) {
      return 0.9;
    }
    if (p instanceof StrPred.Order) {
      return 0.5;
    }
    return 0.1;
  }

  // ---------------------------------------------------------------- diagnostics

  /** A compact rendering of a compiled tree (field, check kind, evaluation order; {@code $} marks shared nodes). */
  public static String describe(Filter f) {
    StringBuilder sb = new StringBuilder();
    describe(f, sb);
    return sb.toString();
  }

  private static void describe(Filter f, StringBuilder sb) {
    if (f instanceof Cached c) {
      sb.append('$');
      describe(c.inner(), sb);
    } else if (f instanceof Filter.Not n) {
      sb.append("not ");
      describe(n.child(), sb);
    } else if (f instanceof Filter.And || f instanceof Filter.Or) {
      boolean and = f instanceof Filter.And;
      Filter[] kids = and ? ((Filter.And) f).children() : ((Filter.Or) f).children();
      sb.append('(');
      for (int i = 0; i < kids.length; i++) {
        if (i > 0) {
          sb.append(and ? " and " : " or ");
        }
        describe(kids[i], sb);
      }
      sb.append(')');
    } else if (f instanceof Filter.Const c) {
      sb.append(c.value());
    } else if (f instanceof Checks.Str s) {
      sb.append(s.accessor().name()).append(' ').append(predText(s.pred()));
    } else if (f instanceof FastChecks.StrEq e) {
      sb.append(e.accessor().name()).append(" = ").append(e.value());
    } else if (f instanceof FastChecks.StrIn i) {
      sb.append(i.accessor().name()).append(" in[").append(i.values().size()).append(']');
    } else if (f instanceof FastChecks.StrAny y) {
      sb.append(y.accessor().name()).append(" any[=").append(y.equal().size()).append(" ^").append(
          y.prefixes().length).append(" $").append(y.suffixes().length).append(" ~").append(y.infixes().length)
          .append(']');
    } else if (f instanceof Checks.MultiStr m) {
      sb.append(m.accessor().name()).append(" *").append(predText(m.pred()));
    } else if (f instanceof Checks.Num n) {
      sb.append(n.accessor().name()).append(" #").append(n.pred().getClass().getSimpleName());
    } else if (f instanceof Checks.Exists e) {
      sb.append(e.accessor().name()).append(" exists");
    } else if (f instanceof Checks.Ip ip) {
      sb.append(ip.accessor().name()).append(" ip");
    } else {
      sb.append(f.getClass().getSimpleName());
    }
  }

  private static String predText(StrPred p) {
    if (p instanceof StrPred.Eq eq) {
      return "= " + eq.value();
    }
    if (p instanceof StrPred.Ne ne) {
      return "!= " + ne.value();
    }
    if (p instanceof StrPred.In in) {
      return "in[" + in.values().size() + "]";
    }
    return p.getClass().getSimpleName();
  }
}
