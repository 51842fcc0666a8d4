package dev.eyrie.engine.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX fnmatch(3) as libsinsp calls it for {@code glob} (flags 0) and {@code iglob} (FNM_CASEFOLD): {@code *}
 * matches any run of characters including {@code /} and leading dots, {@code ?} any one character, bracket
 * expressions with {@code !}/{@code ^} negation, ranges and {@code [:class:]}, backslash escapes; an
 * unterminated {@code [} is a literal. Case folding is ASCII, as in the C locale. The pattern is compiled once;
 * matching is linear-time backtracking over a single star position.
 */
public final class Glob {
  private static final int LIT = 0;
  private static final int ANY = 1;
  private static final int STAR = 2;
  private static final int SET = 3;

  private final String pattern;
  private final boolean casefold;
  private final int[] kind;
  private final char[] lit;
  private final CharSet[] sets;
  private final String plain;

  private Glob(String pattern, boolean casefold, List<Object> tokens) {
    this.pattern = pattern;
    this.casefold = casefold;
    int n = tokens.size();
    kind = new int[n];
    lit = new char[n];
    sets = new CharSet[n];
    StringBuilder sb = new StringBuilder();
    boolean allLiteral = true;
    for (int i = 0; i < n; i++) {
      Object t = tokens.get(i);
      if (t instanceof Character ch) {
        kind[i] = LIT;
        lit[i] = casefold ? lower(ch) : ch;
        sb.append(lit[i]);
      } else if (t instanceof CharSet cs) {
        kind[i] = SET;
        sets[i] = cs;
        allLiteral = false;
      } else {
        kind[i] = t == Tok.STAR ? STAR : ANY;
        allLiteral = false;
      }
    }
    plain = allLiteral && !casefold ? sb.toString() : null;
  }

  private enum Tok {
    STAR,
    ANY
  }

  public static Glob compile(String pattern, boolean casefold) {
    List<Object> tokens = new ArrayList<>();
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char ch = pattern.charAt(i);
      switch (ch) {
        case '*' -> {
          if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != Tok.STAR) {
            tokens.add(Tok.STAR);
          }
        }
        case '?' -> tokens.add(Tok.ANY);
        case '\\' -> {
          if (i + 1 < n) {
            tokens.add(pattern.charAt(++i));
          } else {
            tokens.add(CharSet.NOTHING); // a trailing backslash never matches (glibc)
          }
        }
        case '[' -> {
          int[] end = new int[1];
          CharSet cs = CharSet.parse(pattern, i + 1, casefold, end);
          if (cs == null) {
            tokens.add('[');
          } else {
            tokens.add(cs);
            i = end[0];
          }
        }
        default -> tokens.add(ch);
      }
    }
    return new Glob(pattern, casefold, tokens);
  }

  public String pattern() {
    return pattern;
  }

  public boolean matches(String s) {
    if (plain != null) {
      return plain.equals(s);
    }
    int n = kind.length;
    int len = s.length();
    int p = 0;
    int i = 0;
    int starP = -1;
    int starI = 0;
    while (i < len) {
      if (p < n) {
        int k = kind[p];
        if (k == STAR) {
          starP = p++;
          starI = i;
          continue;
        }
        char ch = s.charAt(i);
        if (casefold) {
          ch = lower(ch);
        }
        boolean ok = k == ANY || (k == LIT ? lit[p] == ch : sets[p].contains(ch));
        if (ok) {
          p++;
          i++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP + 1;
      i = ++starI;
    }
    while (p < n && kind[p] == STAR) {
      p++;
    }
    return p == n;
  }

  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Whether the text contains fnmatch metacharacters that make it more than a literal. */
  public static boolean hasMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** A bracket expression. */
  private static final class CharSet {
    static final CharSet NOTHING = new CharSet(false);

    private final boolean negated;
    private final StringBuilder singles = new StringBuilder();
    private final StringBuilder ranges = new StringBuilder();
    private final List<String> classes = new ArrayList<>();

    private CharSet(boolean negated) {
      this.negated = negated;
    }

    /** Parses from just after '['; returns null when there is no closing ']' (then '[' is literal). */
    static CharSet parse(String p, int i, boolean casefold, int[] end) {
      int n = p.length();
      boolean neg = false;
      if (i < n && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
        neg = true;
        i++;
      }
      CharSet cs = new CharSet(neg);
      boolean first = true;
      while (i < n) {
        char c = p.charAt(i);
        if (c == ']' && !first) {
          end[0] = i;
          return cs;
        }
        first = false;
        if (c == '[' && i + 1 < n && p.charAt(i + 1) == ':') {
          int close = p.indexOf(":]", i + 2);
          if (close > 0) {
            cs.classes.add(p.substring(i + 2, close));
            i = close + 2;
            continue;
          }
        }
        if (c == '\\' && i + 1 < n) {
          c = p.charAt(++i);
        }
        if (i + 2 < n && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
          char hi = p.charAt(i + 2);
          int next = i + 3;
          if (hi == '\\' && i + 3 < n) {
            hi = p.charAt(i + 3);
            next = i + 4;
          }
          cs.ranges.append(casefold ? lower(c) : c).append(casefold ? lower(hi) : hi);
          i = next;
          continue;
        }
        cs.singles.append(casefold ? lower(c) : c);
        i++;
      }
      return null;
    }

    boolean contains(char c) {
      if (this == NOTHING) {
        return false;
      }
      boolean in = singles.indexOf(String.valueOf(c)) >= 0;
      for (int r = 0; !in && r < ranges.length(); r += 2) {
        in = c >= ranges.charAt(r) && c <= ranges.charAt(r + 1);
      }
      for (int k = 0; !in && k < classes.size(); k++) {
        in = inClass(classes.get(k), c);
      }
      return in != negated;
    }

    private static boolean inClass(String cls, char c) {
      return switch (cls) {
        case "alpha" -> c < 128 && Character.isLetter(c);
        case "digit" -> c >= '0' && c <= '9';
        case "alnum" -> c < 128 && Character.isLetterOrDigit(c);
        case "upper" -> c >= 'A' && c <= 'Z';
        case "lower" -> c >= 'a' && c <= 'z';
        case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
        case "blank" -> c == ' ' || c == '\t';
        case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
        case "print" -> c >= 32 && c < 127;
        case "graph" -> c > 32 && c < 127;
        case "cntrl" -> c < 32 || c == 127;
        case "xdigit" -> Character.digit(c, 16) >= 0 && c < 128;
        default -> false;
      };
    }
  }
}
