package dev.eyrie.engine.output;

import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.compile.Transformers;
import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.FieldDef;
import dev.eyrie.engine.field.FieldRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiles Falco output formats. A {@code %} starts a token: an optional width ({@code %20proc.name}), then the
 * longest field or transformer expression that compiles ({@code %proc.aname[2]}, {@code %evt.arg.flags},
 * {@code %tolower(proc.name)}); the rest is literal text, as libsinsp's formatter does. A leading {@code *} is
 * accepted and ignored. Thread-safe.
 */
public final class OutputCompiler {
  private static final Set<String> TRANSFORMERS =
      Set.of("tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt");

  private final FieldRegistry registry;
  private final Transformers transformers;

  public OutputCompiler() {
    this(FieldRegistry.syscall());
  }

  public OutputCompiler(FieldRegistry registry) {
    this.registry = registry;
    this.transformers = new Transformers(registry);
  }

  public CompiledOutput compile(String format) throws CompileException {
    if (format == null || format.isEmpty()) {
      throw new CompileException("empty formatting token", 0);
    }
    String fmt = format.startsWith("*") ? format.substring(1) : format;
    List<String> literals = new ArrayList<>();
    List<Accessor> tokens = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    int n = fmt.length();
    while (i < n) {
      char ch = fmt.charAt(i);
      if (ch != '%') {
        lit.append(ch);
        i++;
        continue;
      }
      if (i == n - 1) {
        throw new CompileException("invalid formatting syntax: formatting cannot end with a %", i, true);
      }
      int j = i + 1;
      int width = 0;
      while (j < n && Character.isDigit(fmt.charAt(j))) {
        width = width * 10 + (fmt.charAt(j) - '0');
        j++;
      }
      if (j >= n) {
        throw new CompileException("invalid formatting syntax: formatting cannot end with a number", i, true);
      }
      Token t = token(fmt, j);
      literals.add(lit.toString());
      lit.setLength(0);
      tokens.add(t.accessor);
      widths.add(width);
      i = t.end;
    }
    literals.add(lit.toString());
    return new CompiledOutput(format, literals, tokens, widths);
  }

  private record Token(Accessor accessor, int end) {}

  private Token token(String s, int start) throws CompileException {
    int nameEnd = identEnd(s, start);
    String word = s.substring(start, nameEnd);
    if (TRANSFORMERS.contains(word) && nameEnd < s.length() && s.charAt(nameEnd) == '(') {
      int[] end = new int[1];
      Operand.FieldExpr e = new ExprReader(s, start).transformer(end);
      return new Token(displayable(transformers.compile(e), null), end[0]);
    }
    int fieldEnd = fieldNameEnd(s, start);
    if (fieldEnd < 0) {
      throw new CompileException("unknown filter: invalid formatting token at '" + s.substring(start) + "'", start,
          true);
    }
    CompileException first = null;
    // Longest dotted prefix that names a field, then with or without a [arg].
    for (int end = fieldEnd; end > start; end = s.lastIndexOf('.', end - 1)) {
      String name = s.substring(start, end);
      FieldDef d = registry.find(name);
      if (d == null) {
        continue;
      }
      if (end < s.length() && s.charAt(end) == '[') {
        int close = s.indexOf(']', end);
        if (close > 0) {
          String arg = s.substring(end + 1, close);
          if (arg.length() >= 2 && (arg.startsWith("\"") && arg.endsWith("\"")
              || arg.startsWith("'") && arg.endsWith("'"))) {
            arg = arg.substring(1, arg.length() - 1);
          }
          try {
            return new Token(displayable(registry.resolve(name, arg, start), d), close + 1);
          } catch (CompileException e) {
            first = e;
          }
        }
      }
      try {
        return new Token(displayable(registry.resolve(name, null, start), d), end);
      } catch (CompileException e) {
        throw first != null ? first : e;
      }
    }
    throw new CompileException("unknown filter: filter_check called with nonexistent field "
        + s.substring(start, fieldEnd), start, true);
  }

  private static Accessor displayable(Accessor a, FieldDef d) throws CompileException {
    if (d != null && d.filterOnly()) {
      throw new CompileException(a.name() + " is filter only and cannot be used as a display field", -1);
    }
    return a;
  }

  private static int identEnd(String s, int i) {
    int j = i;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j;
  }

  /** End of {@code seg(.seg)+} with segments {@code [a-zA-Z][a-zA-Z0-9_]*}; -1 if not a field name. */
  static int fieldNameEnd(String s, int i) {
    int j = i;
    int segments = 0;
    while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
      j = identEnd(s, j);
      segments++;
      if (j + 1 < s.length() && s.charAt(j) == '.' && Character.isLetter(s.charAt(j + 1))) {
        j++;
      } else {
        break;
      }
    }
    return segments >= 2 ? j : -1;
  }
}
