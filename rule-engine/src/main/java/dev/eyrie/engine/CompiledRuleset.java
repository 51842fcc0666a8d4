package dev.eyrie.engine;

import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.compile.Filter;
import dev.eyrie.engine.compile.FilterOptimizer;
import dev.eyrie.engine.compile.PathIndex;
import dev.eyrie.engine.field.FieldRegistry;
import dev.eyrie.engine.field.StrAccessor;
import dev.eyrie.engine.compile.Glob;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.runtime.Match;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The runtime ruleset: rules in load order, indexed by the event types their conditions can match, evaluated
 * with {@code rule_matching: first|all}, a minimum priority and per-rule enable flags. Immutable and thread-safe:
 * the {@code with*} methods return new rulesets sharing the compiled rules; evaluation uses a per-thread
 * {@link EvalContext}. Only rules of source {@code syscall} are evaluated against events.
 */
public final class CompiledRuleset {
  private static final ThreadLocal<EvalContext> CONTEXT = ThreadLocal.withInitial(EvalContext::new);
  private static final Rule[] NONE = new Rule[0];

  /**
   * A compiled rule prepared for the hot path: its filter without the bucket's guards, the bit mask of the
   * guards (shared leading conjuncts) it requires, and its bit in the bucket's path index (0: not indexed).
   */
  private record Rule(LoadedRule def, Filter filter, int guards, long path) {}

  /**
   * The rules one event type selects, with conditions specialised for that type ({@link FilterOptimizer}).
   * <ul>
   *   <li>Guards: shared conjuncts required by several rules of the bucket ({@code open_write}, {@code container},
   *   ...) are taken out of the rules and evaluated at most once per event, on first need; a rule whose guard is
   *   false is skipped with one mask test.
   *   <li>proc.name index: when rules require {@code proc.name} to be in a set, an event is only tried against the
   *   rules its proc.name can satisfy plus the rules without such a requirement (load order kept).
   *   <li>path index ({@link PathIndex}): of those, a rule that requires fd.name / fd.directory / fd.filename
   *   values is skipped when the event's path satisfies none of them (a few trie walks over the path, once per
   *   event on first need).
   * </ul>
   */
  private static final class Bucket {
    private static final Bucket EMPTY = new Bucket(NONE, NONE, null, null, new Filter[0], null);
    private static final String INDEX_FIELD = "proc.name";
    private static final int MAX_GUARDS = 31;

    final Rule[] all;
    /** With an index: the rules without a proc.name requirement (all an unlisted or missing name can match). */
    final Rule[] unindexed;
    final StrAccessor key;
    final Map<String, Rule[]> byKey;
    final Filter[] guards;
    /** Null when fewer than two rules of the bucket have a path requirement. */
    final PathIndex paths;

    private Bucket(Rule[] all, Rule[] unindexed, StrAccessor key, Map<String, Rule[]> byKey, Filter[] guards,
        PathIndex paths) {
      this.all = all;
      this.unindexed = unindexed;
      this.key = key;
      this.byKey = byKey;
      this.guards = guards;
      this.paths = paths;
    }

    static Bucket of(String eventType, List<LoadedRule> defs, boolean optimize) {
      if (defs.isEmpty()) {
        return EMPTY;
      }
      List<Filter> filters = new ArrayList<>(defs.size());
      for (LoadedRule d : defs) {
        filters.add(d.compiled().filter());
      }
      if (!optimize) {
        Rule[] all = new Rule[defs.size()];
        for (int i = 0; i < all.length; i++) {
          all[i] = new Rule(defs.get(i), filters.get(i), 0, 0);
        }
        return new Bucket(all, all, null, null, new Filter[0], null);
      }
      FilterOptimizer optimizer = new FilterOptimizer(eventType);
      List<Filter> opt = optimizer.optimize(filters);
      List<LoadedRule> keptDefs = new ArrayList<>();
      List<Filter> kept = new ArrayList<>();
      for (int i = 0; i < defs.size(); i++) {
        if (!FilterOptimizer.isNever(opt.get(i))) {
          keptDefs.add(defs.get(i));
          kept.add(opt.get(i));
        }
      }
      Filter[] guards = chooseGuards(kept, optimizer);
      PathIndex paths = PathIndex.of(kept);
      Map<Filter, Integer> bit = new java.util.IdentityHashMap<>();
      for (int g = 0; g < guards.length; g++) {
        bit.put(guards[g], 1 << g);
      }
      Rule[] all = new Rule[kept.size()];
      List<Set<String>> required = new ArrayList<>();
      for (int i = 0; i < all.length; i++) {
        Filter f = kept.get(i);
        int mask = 0;
        Set<Filter> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Filter c : FilterOptimizer.conjuncts(f)) {
          Integer b = bit.get(c);
          if (b != null) {
            mask |= b;
            taken.add(c);
          }
        }
        all[i] = new Rule(keptDefs.get(i), taken.isEmpty() ? f : FilterOptimizer.without(f, taken), mask,
            paths == null ? 0 : paths.bit(i));
        required.add(FilterOptimizer.requiredValues(f, INDEX_FIELD));
      }
      long indexed = required.stream().filter(java.util.Objects::nonNull).count();
      if (indexed < 2) {
        return new Bucket(all, all, null, null, guards, paths);
      }
      Set<String> keys = new java.util.HashSet<>();
      List<Rule> unindexed = new ArrayList<>();
      for (int i = 0; i < all.length; i++) {
        if (required.get(i) == null) {
          unindexed.add(all[i]);
        } else {
          keys.addAll(required.get(i));
        }
      }
      Map<String, Rule[]> byKey = new HashMap<>(keys.size() * 2);
      for (String k : keys) {
        List<Rule> c = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
          if (required.get(i) == null || required.get(i).contains(k)) {
            c.add(all[i]);
          }
        }
        byKey.put(k, c.toArray(NONE));
      }
      StrAccessor key;
      try {
        key = (StrAccessor) FieldRegistry.syscall().resolve(INDEX_FIELD, null, -1);
      } catch (CompileException e) {
        throw new IllegalStateException(e);
      }
      return new Bucket(all, unindexed.toArray(NONE), key, byKey, guards, paths);
    }

    /**
     * Shared conjuncts required by at least two rules (the 31 most widely required), in the order a rule needing
     * several should test them: cheapest per chance of failing first.
     */
    private static Filter[] chooseGuards(List<Filter> filters, FilterOptimizer optimizer) {
      Map<Filter, Integer> uses = new java.util.IdentityHashMap<>();
      List<Filter> order = new ArrayList<>();
      for (Filter f : filters) {
        for (Filter c : FilterOptimizer.conjuncts(f)) {
          if (FilterOptimizer.isShared(c) && uses.merge(c, 1, Integer::sum) == 1) {
            order.add(c);
          }
        }
      }
      List<Filter> chosen = new ArrayList<>();
      for (Filter c : order) {
        if (uses.get(c) >= 2) {
          chosen.add(c);
        }
      }
      chosen.sort((x, y) -> Integer.compare(uses.get(y), uses.get(x)));
      List<Filter> top = new ArrayList<>(chosen.subList(0, Math.min(MAX_GUARDS, chosen.size())));
      top.sort(java.util.Comparator.comparingDouble(optimizer::rank));
      return top.toArray(new Filter[0]);
    }

    /** The rules to try, in load order. */
    Rule[] candidates(EvalContext ctx) {
      if (key == null) {
        return all;
      }
      String v = key.get(ctx);
      if (v == null) {
        return unindexed;
      }
      Rule[] c = byKey.get(v);
      return c != null ? c : unindexed;
    }

    int size() {
      return all.length;
    }
  }

  private final List<LoadedRule> rules;
  private final boolean[] enabled;
  private final RulesetOptions options;
  private final boolean optimized;
  private final Map<String, Bucket> byType;
  private final Bucket anyType;

  private CompiledRuleset(List<LoadedRule> rules, boolean[] enabled, RulesetOptions options, boolean optimized) {
    this.rules = rules;
    this.enabled = enabled;
    this.options = options;
    this.optimized = optimized;
    Map<String, List<LoadedRule>> index = new HashMap<>();
    List<LoadedRule> any = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      LoadedRule r = rules.get(i);
      if (!active(i)) {
        continue;
      }
      for (String t : r.compiled().eventTypes()) {
        index.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
      }
      if (r.compiled().matchesAnyType()) {
        any.add(r);
      }
    }
    Map<String, Bucket> frozen = new HashMap<>(index.size() * 2);
    index.forEach((k, v) -> frozen.put(k, Bucket.of(k, v, optimized)));
    this.byType = frozen;
    this.anyType = Bucket.of(null, any, optimized);
  }

  private boolean active(int i) {
    LoadedRule r = rules.get(i);
    return enabled[i]
        && (r.source() == null || r.source().equals("syscall"))
        && (options.minPriority() == null || r.priority().atLeast(options.minPriority()));
  }

  /** Rules in load order (their {@code index}), with Falco's defaults. */
  public static CompiledRuleset of(List<LoadedRule> rules) {
    return of(rules, RulesetOptions.DEFAULT);
  }

  public static CompiledRuleset of(List<LoadedRule> rules, RulesetOptions options) {
    List<LoadedRule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingInt(LoadedRule::index));
    boolean[] enabled = new boolean[sorted.size()];
    for (int i = 0; i < enabled.length; i++) {
      enabled[i] = sorted.get(i).enabled();
    }
    return new CompiledRuleset(List.copyOf(sorted), enabled, options, true);
  }

  public RulesetOptions options() {
    return options;
  }

  public CompiledRuleset withOptions(RulesetOptions opts) {
    return new CompiledRuleset(rules, enabled, opts, optimized);
  }

  /**
   * The same ruleset with condition specialisation, reordering and the proc.name and path indexes switched on or off
   * (results are identical either way; off exists to prove that).
   */
  public CompiledRuleset withOptimization(boolean on) {
    return new CompiledRuleset(rules, enabled, options, on);
  }

  /** All rules, enabled or not, in evaluation order. */
  public List<LoadedRule> rules() {
    return rules;
  }

  public boolean isEnabled(String ruleName) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).name().equals(ruleName)) {
        return enabled[i];
      }
    }
    return false;
  }

  /** Names of the rules that will be evaluated (enabled, source syscall, at least the minimum priority). */
  public List<String> activeRuleNames() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (active(i)) {
        out.add(rules.get(i).name());
      }
    }
    return out;
  }

  private CompiledRuleset withEnabledWhere(Predicate<LoadedRule> p, boolean value) {
    boolean[] e = Arrays.copyOf(enabled, enabled.length);
    for (int i = 0; i < e.length; i++) {
      if (p.test(rules.get(i))) {
        e[i] = value;
      }
    }
    return new CompiledRuleset(rules, e, options, optimized);
  }

  /** Falco enable_rule_exact. */
  public CompiledRuleset withRuleEnabled(String exactName, boolean value) {
    return withEnabledWhere(r -> r.name().equals(exactName), value);
  }

  /** Falco enable_rule: every rule whose name contains the substring ("" = all rules). */
  public CompiledRuleset withRulesEnabledBySubstring(String substring, boolean value) {
    return withEnabledWhere(r -> r.name().contains(substring), value);
  }

  /** Falco enable_rule_wildcard: {@code *} matches any run of characters, the rest literally. */
  public CompiledRuleset withRulesEnabledByWildcard(String pattern, boolean value) {
    StringBuilder escaped = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      if (ch == '?' || ch == '[' || ch == '\\') {
        escaped.append('\\');
      }
      escaped.append(ch);
    }
    Glob g = Glob.compile(escaped.toString(), false);
    return withEnabledWhere(r -> g.matches(r.name()), value);
  }

  /** Falco enable_rule_by_tag: every rule carrying at least one of the tags. */
  public CompiledRuleset withRulesEnabledByTags(Collection<String> tags, boolean value) {
    Set<String> set = new LinkedHashSet<>(tags);
    return withEnabledWhere(r -> r.tags().stream().anyMatch(set::contains), value);
  }

  /** Evaluates one event; matches are delivered in rule load order. */
  public void evaluate(Event event, Consumer<Match> out) {
    evaluate(CONTEXT.get().reset(event), out);
  }

  /** Evaluates the event held by a caller-managed context (already {@code reset} to the event). */
  public void evaluate(EvalContext ctx, Consumer<Match> out) {
    Bucket bucket = byType.get(ctx.event().getType());
    if (bucket == null) {
      bucket = EventTypeIndex.known(ctx.event().getType()) ? Bucket.EMPTY : anyType;
    }
    Rule[] candidates = bucket.candidates(ctx);
    boolean first = options.matching() == RuleMatching.FIRST;
    Filter[] guards = bucket.guards;
    int known = 0;
    int holding = 0;
    long pathMask = 0;
    boolean pathKnown = false;
    for (Rule r : candidates) {
      int need = r.guards;
      if (need != 0) {
        int unknown = need & ~known;
        while (unknown != 0) {
          int b = unknown & -unknown;
          unknown &= ~b;
          known |= b;
          if (guards[Integer.numberOfTrailingZeros(b)].eval(ctx)) {
            holding |= b;
          } else {
            break;
          }
        }
        if ((need & ~holding) != 0) {
          continue;
        }
      }
      long pb = r.path;
      if (pb != 0) {
        if (!pathKnown) {
          pathMask = bucket.paths.mask(ctx);
          pathKnown = true;
        }
        if ((pathMask & pb) == 0) {
          continue;
        }
      }
      if (r.filter.eval(ctx)) {
        LoadedRule d = r.def;
        out.accept(new Match(d, ctx.event(), d.compiledOutput().render(ctx), d.compiledOutput().fields(ctx)));
        if (first) {
          return;
        }
      }
    }
  }

  /**
   * Diagnostics: for each rule the event type selects, the rule name and its evaluated tree
   * ({@link FilterOptimizer#describe}) and path requirement; with the proc.name index, which rules an event of that
   * name is tried on ({@code *}).
   */
  public List<String> describePlan(String eventType, String procName) {
    Bucket b = byType.get(eventType);
    if (b == null) {
      return List.of();
    }
    return describe(b, List.of(b.key == null ? b.all
        : procName == null ? b.unindexed : b.byKey.getOrDefault(procName, b.unindexed)), -1);
  }

  /**
   * Diagnostics: {@link #describePlan(String, String)} for one event — {@code *} marks the rules the proc.name and
   * path indexes let through to evaluation (guards aside).
   */
  public List<String> describePlan(Event event) {
    Bucket b = byType.get(event.getType());
    if (b == null) {
      return List.of();
    }
    EvalContext ctx = new EvalContext(event);
    return describe(b, List.of(b.candidates(ctx)), b.paths == null ? -1 : b.paths.mask(ctx));
  }

  /** Names of the rules the proc.name and path indexes let through for this event, guards aside (load order). */
  public List<String> candidateNames(Event event) {
    Bucket b = byType.get(event.getType());
    if (b == null) {
      b = EventTypeIndex.known(event.getType()) ? Bucket.EMPTY : anyType;
    }
    EvalContext ctx = new EvalContext(event);
    long mask = b.paths == null ? -1 : b.paths.mask(ctx);
    List<String> out = new ArrayList<>();
    for (Rule r : b.candidates(ctx)) {
      if (r.path() == 0 || (r.path() & mask) != 0) {
        out.add(r.def().name());
      }
    }
    return out;
  }

  private static List<String> describe(Bucket b, List<Rule> candidates, long pathMask) {
    Set<Rule> tried = new java.util.HashSet<>(candidates);
    List<String> out = new ArrayList<>();
    for (int g = 0; g < b.guards.length; g++) {
      out.add("guard " + g + ": " + FilterOptimizer.describe(b.guards[g]));
    }
    if (b.paths != null) {
      out.add("path index: " + b.paths.indexed() + " of " + b.all.length + " rules");
    }
    for (int i = 0; i < b.all.length; i++) {
      Rule r = b.all[i];
      boolean t = tried.contains(r) && (r.path() == 0 || (r.path() & pathMask) != 0);
      String path = b.paths == null ? null : b.paths.describe(i);
      out.add((t ? "* " : "  ") + r.def().name() + " :: guards " + Integer.toBinaryString(r.guards())
          + (path == null ? "" : " :: path " + path) + " :: " + FilterOptimizer.describe(r.filter()));
    }
    return out;
  }

  /** Number of rules evaluated for events of this type (for diagnostics and benchmarks). */
  public int candidateCount(String eventType) {
    Bucket c = byType.get(eventType);
    return c != null ? c.size() : EventTypeIndex.known(eventType) ? 0 : anyType.size();
  }

  /** Indirection so the runtime does not depend on field internals beyond the type table. */
  private static final class EventTypeIndex {
    static boolean known(String type) {
      return dev.eyrie.engine.field.EventTypeTable.known(type);
    }
  }
}
