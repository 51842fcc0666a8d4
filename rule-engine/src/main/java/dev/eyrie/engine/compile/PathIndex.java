package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.FieldRegistry;
import dev.eyrie.engine.field.StrAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The path index of one event-type bucket: rules whose condition requires fd.name / fd.nameraw / fd.directory /
 * fd.filename to have certain values ({@link PathRequirement}) get one bit each; {@link #mask} computes, for an
 * event, the bits of every indexed rule its path can satisfy: one walk of a prefix trie over fd.name (and, when
 * rules test suffixes, one backwards over its end), one over fd.directory and, only when fd.name ends with a
 * wanted file name, one over fd.filename (the context caches these derived values for the rules). The walks stop
 * at the first character no literal continues with; no hashing. Substrings (fd.name / fd.nameraw
 * {@code contains}) are scanned for one by one: few in practice, and each replaces the scans of the rules that
 * require it. A rule whose bit is not in the mask is false for that event and need not be evaluated. Rules
 * without a requirement have bit 0 (always tried).
 */
public final class PathIndex {
  /** One bit per indexed rule in a long. */
  public static final int MAX_RULES = 64;

  private final long[] bits;
  private final PathRequirement[] requirements;
  private final StrAccessor name;
  /** fd.name exact values and prefixes. */
  private final PrefixTrie names;
  /** fd.name suffixes, reversed; null when no rule tests one. */
  private final PrefixTrie ends;
  /** fd.name substrings and the rules wanting each; null when none. */
  private final String[] infixes;
  private final long[] infixBits;
  private final StrAccessor raw;
  /** fd.nameraw substrings and the rules wanting each; null when none. */
  private final String[] rawInfixes;
  private final long[] rawInfixBits;
  private final StrAccessor dir;
  /** fd.directory exact values; null when no rule tests one. */
  private final PrefixTrie dirs;
  private final StrAccessor file;
  /** fd.filename exact values; null when no rule tests one. */
  private final PrefixTrie files;
  /**
   * fd.filename values reversed, as suffixes of fd.name: a file name is the tail of its path (or, with a trailing
   * slash, the path itself), so fd.filename is only extracted when fd.name ends with a wanted value. The one
   * exception, fd.filename "/" for a path without a slash, is kept in {@link #anyFile}.
   */
  private final PrefixTrie fileEnds;
  private final boolean anyFile;

  private PathIndex(long[] bits, PathRequirement[] requirements, StrAccessor name, PrefixTrie names,
      PrefixTrie ends, Map<String, Long> infixes, StrAccessor raw, Map<String, Long> rawInfixes, StrAccessor dir,
      PrefixTrie dirs, StrAccessor file, PrefixTrie files, PrefixTrie fileEnds, boolean anyFile) {
    this.bits = bits;
    this.requirements = requirements;
    this.name = name;
    this.names = names;
    this.ends = ends;
    this.infixes = infixes.isEmpty() ? null : infixes.keySet().toArray(new String[0]);
    this.infixBits = infixes.values().stream().mapToLong(Long::longValue).toArray();
    this.raw = raw;
    this.rawInfixes = rawInfixes.isEmpty() ? null : rawInfixes.keySet().toArray(new String[0]);
    this.rawInfixBits = rawInfixes.values().stream().mapToLong(Long::longValue).toArray();
    this.dir = dir;
    this.dirs = dirs;
    this.file = file;
    this.files = files;
    this.fileEnds = fileEnds;
    this.anyFile = anyFile;
  }

  /**
   * The index over a bucket's optimised rule filters (in bucket order), or null when fewer than two of them have a
   * path requirement (then the index would not save work). Beyond {@link #MAX_RULES} rules stay unindexed.
   */
  public static PathIndex of(List<Filter> filters) {
    PathRequirement[] reqs = new PathRequirement[filters.size()];
    long[] bits = new long[filters.size()];
    int n = 0;
    for (int i = 0; i < reqs.length && n < MAX_RULES; i++) {
      reqs[i] = PathRequirement.of(filters.get(i));
      if (reqs[i] != null) {
        bits[i] = 1L << n++;
      }
    }
    if (n < 2) {
      return null;
    }
    PrefixTrie.Builder names = new PrefixTrie.Builder();
    PrefixTrie.Builder ends = new PrefixTrie.Builder();
    PrefixTrie.Builder dirs = new PrefixTrie.Builder();
    PrefixTrie.Builder files = new PrefixTrie.Builder();
    PrefixTrie.Builder fileEnds = new PrefixTrie.Builder();
    Map<String, Long> infixes = new TreeMap<>();
    Map<String, Long> rawInfixes = new TreeMap<>();
    boolean anyFile = false;
    StrAccessor name = null;
    StrAccessor raw = null;
    StrAccessor dir = null;
    StrAccessor file = null;
    for (int i = 0; i < reqs.length; i++) {
      PathRequirement r = reqs[i];
      if (r == null) {
        continue;
      }
      long b = bits[i];
      r.names.forEach(v -> names.exact(v, b));
      r.prefixes.forEach(p -> names.prefix(p, b));
      r.suffixes.forEach(p -> ends.prefix(reverseChars(p), b));
      r.infixes.forEach(p -> infixes.merge(p, b, (x, y) -> x | y));
      r.rawInfixes.forEach(p -> rawInfixes.merge(p, b, (x, y) -> x | y));
      r.dirs.forEach(v -> dirs.exact(v, b));
      for (String f : r.files) {
        files.exact(f, b);
        fileEnds.prefix(reverseChars(f), b);
        anyFile |= f.equals("/");
      }
      name = name != null ? name : r.name;
      raw = raw != null ? raw : r.raw;
      dir = dir != null ? dir : r.dir;
      file = file != null ? file : r.file;
    }
    if (file != null && name == null) {
      name = fdName();
    }
    return new PathIndex(bits, reqs, name, names.build(), orNull(ends.build()), infixes, raw, rawInfixes, dir,
        orNull(dirs.build()), file, orNull(files.build()), orNull(fileEnds.build()), anyFile);
  }

  private static PrefixTrie orNull(PrefixTrie t) {
    return t.isEmpty() ? null : t;
  }

  private static StrAccessor fdName() {
    try {
      return (StrAccessor) FieldRegistry.syscall().resolve(PathRequirement.NAME, null, -1);
    } catch (CompileException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Char by char, as {@link PrefixTrie#lookupReversed} walks (StringBuilder.reverse keeps surrogate pairs). */
  private static String reverseChars(String s) {
    char[] c = new char[s.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = s.charAt(c.length - 1 - i);
    }
    return new String(c);
  }

  /** The bit of the i-th filter given to {@link #of}, 0 when it is unindexed (always a candidate). */
  public long bit(int i) {
    return bits[i];
  }

  /** The bits of the indexed rules this event's path can satisfy. */
  public long mask(EvalContext c) {
    long m = 0;
    String path = name != null ? name.get(c) : null;
    if (path != null) {
      m = names.lookup(path);
      if (ends != null) {
        m |= ends.lookupReversed(path);
      }
      if (infixes != null) {
        m = scan(path, infixes, infixBits, m);
      }
    }
    if (rawInfixes != null) {
      String s = raw.get(c);
      if (s != null) {
        m = scan(s, rawInfixes, rawInfixBits, m);
      }
    }
    if (dirs != null) {
      String s = dir.get(c);
      if (s != null) {
        m |= dirs.lookup(s);
      }
    }
    if (files != null && (anyFile || path != null && fileEnds.lookupReversed(path) != 0)) {
      String s = file.get(c);
      if (s != null) {
        m |= files.lookup(s);
      }
    }
    return m;
  }

  /** m plus the bits of the substrings s contains; a substring whose rules are all in m already is not scanned. */
  private static long scan(String s, String[] subs, long[] subBits, long m) {
    for (int i = 0; i < subs.length; i++) {
      long b = subBits[i];
      if ((m & b) != b && s.contains(subs[i])) {
        m |= b;
      }
    }
    return m;
  }

  /** Diagnostics: the path requirement of the i-th filter, or null when it is unindexed. */
  public String describe(int i) {
    return requirements[i] == null ? null : requirements[i].toString();
  }

  /** Diagnostics: how many rules are indexed. */
  public int indexed() {
    int n = 0;
    for (long b : bits) {
      n += b != 0 ? 1 : 0;
    }
    return n;
  }

  /** Indices of the filters given to {@link #of} that are candidates for an event with this mask. */
  public List<Integer> candidates(long mask) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] == 0 || (bits[i] & mask) != 0) {
        out.add(i);
      }
    }
    return out;
  }
}
