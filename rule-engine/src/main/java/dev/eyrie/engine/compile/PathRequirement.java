package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.StrAccessor;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rule's path must look like for its condition to be true: fd.name equal to one of {@code names},
 * starting with one of {@code prefixes}, ending with one of {@code suffixes} or containing one of
 * {@code infixes}; or fd.nameraw containing one of {@code rawInfixes}; or fd.directory in {@code dirs}; or
 * fd.filename in {@code files}. Derived only from checks every match requires (a conjunct, or every branch of a
 * disjunction) of the forms {@code =}, {@code in}, {@code startswith}, {@code endswith}, {@code contains} on those
 * plain fields (as listed) — never under {@code not}, never through a transformer, never from a case-insensitive,
 * glob, regex or pmatch check. Such a check is false when its field is missing, so an event whose path satisfies
 * none of the alternatives cannot match the rule.
 */
final class PathRequirement {
  static final String NAME = "fd.name";
  static final String RAW = "fd.nameraw";
  static final String DIR = "fd.directory";
  static final String FILE = "fd.filename";

  final Set<String> names = new TreeSet<>();
  final Set<String> prefixes = new TreeSet<>();
  final Set<String> suffixes = new TreeSet<>();
  final Set<String> infixes = new TreeSet<>();
  final Set<String> rawInfixes = new TreeSet<>();
  final Set<String> dirs = new TreeSet<>();
  final Set<String> files = new TreeSet<>();
  /** The accessors of the checks this requirement came from, by field (null when that field is unused). */
  StrAccessor name;
  StrAccessor raw;
  StrAccessor dir;
  StrAccessor file;

  private PathRequirement() {}

  /** The requirement of an optimised rule filter, or null when it has none this index can use. */
  static PathRequirement of(Filter f) {
    Filter x = f instanceof Cached c ? c.inner() : f;
    if (x instanceof Filter.And a) {
      PathRequirement best = null;
      for (Filter c : a.children()) {
        PathRequirement r = of(c);
        if (r != null && (best == null || r.breadth() < best.breadth())) {
          best = r;
        }
      }
      return best;
    }
    if (x instanceof Filter.Or o) {
      PathRequirement union = new PathRequirement();
      for (Filter c : o.children()) {
        PathRequirement r = of(c);
        if (r == null) {
          return null; // one branch can match any path
        }
        union.add(r);
      }
      return union;
    }
    return leaf(x);
  }

  private static PathRequirement leaf(Filter x) {
    if (x instanceof FastChecks.StrEq e) {
      return single(e.accessor(), Set.of(e.value()), Set.of(), Set.of(), Set.of());
    }
    if (x instanceof FastChecks.StrIn i) {
      return single(i.accessor(), i.values(), Set.of(), Set.of(), Set.of());
    }
    if (x instanceof FastChecks.StrAny y) {
      return single(y.accessor(), y.equal(), Set.of(y.prefixes()), Set.of(y.suffixes()), Set.of(y.infixes()));
    }
    if (x instanceof Checks.Str s) {
      StrPred p = s.pred();
      if (p instanceof StrPred.Eq eq) {
        return single(s.accessor(), Set.of(eq.value()), Set.of(), Set.of(), Set.of());
      }
      if (p instanceof StrPred.In in) {
        return single(s.accessor(), in.values(), Set.of(), Set.of(), Set.of());
      }
      if (p instanceof StrPred.StartsWith sw) {
        return single(s.accessor(), Set.of(), Set.of(sw.value()), Set.of(), Set.of());
      }
      if (p instanceof StrPred.EndsWith ew) {
        return single(s.accessor(), Set.of(), Set.of(), Set.of(ew.value()), Set.of());
      }
      if (p instanceof StrPred.Contains ct) {
        return single(s.accessor(), Set.of(), Set.of(), Set.of(), Set.of(ct.value()));
      }
    }
    return null;
  }

  /**
   * An or of equal-to, starts-with, ends-with and contains checks on one accessor; null for fields or shapes not
   * indexed (fd.nameraw: contains only; fd.directory, fd.filename: equality only).
   */
  private static PathRequirement single(StrAccessor a, Set<String> equal, Set<String> starts, Set<String> ends,
      Set<String> contains) {
    PathRequirement r = new PathRequirement();
    boolean onlyEqual = starts.isEmpty() && ends.isEmpty() && contains.isEmpty();
    switch (a.name()) {
      case NAME -> {
        r.name = a;
        r.names.addAll(equal);
        r.prefixes.addAll(starts);
        r.suffixes.addAll(ends);
        r.infixes.addAll(contains);
      }
      case RAW -> {
        if (!equal.isEmpty() || !starts.isEmpty() || !ends.isEmpty()) {
          return null;
        }
        r.raw = a;
        r.rawInfixes.addAll(contains);
      }
      case DIR -> {
        if (!onlyEqual) {
          return null;
        }
        r.dir = a;
        r.dirs.addAll(equal);
      }
      case FILE -> {
        if (!onlyEqual) {
          return null;
        }
        r.file = a;
        r.files.addAll(equal);
      }
      default -> {
        return null;
      }
    }
    return r;
  }

  private void add(PathRequirement o) {
    names.addAll(o.names);
    prefixes.addAll(o.prefixes);
    suffixes.addAll(o.suffixes);
    infixes.addAll(o.infixes);
    rawInfixes.addAll(o.rawInfixes);
    dirs.addAll(o.dirs);
    files.addAll(o.files);
    name = name != null ? name : o.name;
    raw = raw != null ? raw : o.raw;
    dir = dir != null ? dir : o.dir;
    file = file != null ? file : o.file;
  }

  /**
   * How many paths the requirement admits, roughly, and what it costs to test: a one-character prefix or suffix
   * such as "/" admits nearly all; a substring costs a scan of the path.
   */
  private int breadth() {
    int b = names.size() + dirs.size() + files.size();
    for (String p : prefixes) {
      b += p.length() <= 1 ? 1_000_000 : 10;
    }
    for (String p : suffixes) {
      b += p.length() <= 1 ? 1_000_000 : 10;
    }
    for (String p : infixes) {
      b += p.length() <= 1 ? 1_000_000 : 100;
    }
    for (String p : rawInfixes) {
      b += p.length() <= 1 ? 1_000_000 : 100;
    }
    return b;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb, "fd.name in ", names);
    append(sb, "fd.name startswith ", prefixes);
    append(sb, "fd.name endswith ", suffixes);
    append(sb, "fd.name contains ", infixes);
    append(sb, "fd.nameraw contains ", rawInfixes);
    append(sb, "fd.directory in ", dirs);
    append(sb, "fd.filename in ", files);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String what, Set<String> values) {
    if (!values.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " or ").append(what).append(values);
    }
  }
}
