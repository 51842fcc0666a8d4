package dev.eyrie.engine.compile;

import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.BytesAccessor;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.FieldDef;
import dev.eyrie.engine.field.FieldRegistry;
import dev.eyrie.engine.field.FieldType;
import dev.eyrie.engine.field.LongAccessor;
import dev.eyrie.engine.field.MultiAccessor;
import dev.eyrie.engine.field.StrAccessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Compiles field expressions — plain fields and the transformers tolower, toupper, b64, basename, len, join,
 * concat, getopt — into accessors. Type rules follow libsinsp's transformers. Eyrie extension: where a list is
 * required (join, getopt), {@code proc.args} without an index yields the argv list.
 */
public final class Transformers {
  private final FieldRegistry registry;

  public Transformers(FieldRegistry registry) {
    this.registry = registry;
  }

  Accessor field(Operand.Field f) throws CompileException {
    return registry.resolve(f.name(), f.arg(), f.pos());
  }

  /** Compiles a field or transformer expression to an accessor. */
  public Accessor compile(Operand.FieldExpr e) throws CompileException {
    if (e instanceof Operand.Field f) {
      return field(f);
    }
    Operand.Transform t = (Operand.Transform) e;
    String display = t.toString();
    switch (t.fn()) {
      case "val" -> throw new CompileException("val() cannot take a field argument here: " + display, t.pos());
      case "tolower", "toupper", "basename", "b64", "len" -> {
        if (t.args().size() != 1 || !(t.args().get(0) instanceof Operand.FieldExpr inner)) {
          throw new CompileException("transformer '" + t.fn() + "' takes exactly one field argument", t.pos());
        }
        if (t.index() != null) {
          throw new CompileException("transformer '" + t.fn() + "' does not support field arguments", t.pos());
        }
        Accessor a = compile(inner);
        checkTransformable(inner, a, t);
        return single(t.fn(), a, display, t.pos());
      }
      case "join" -> {
        if (t.args().size() != 2) {
          throw new CompileException("join() requires exactly 2 arguments: separator and list", t.pos());
        }
        StrAccessor sep = scalarString(t.args().get(0), "join() first argument (separator) must be a single "
            + "value, not a list", t.pos());
        MultiAccessor list = list(t.args().get(1), "join() second argument must be a list", t.pos());
        return new StrAccessor(display, c -> {
          String s = sep.get(c);
          int n = list.count(c);
          if (s == null || n < 0) {
            return null;
          }
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(s);
            }
            sb.append(list.str(c, i));
          }
          return sb.toString();
        });
      }
      case "concat" -> {
        if (t.args().size() < 2) {
          throw new CompileException("concat() requires at least 2 arguments", t.pos());
        }
        List<StrAccessor> parts = new ArrayList<>();
        for (Operand o : t.args()) {
          parts.add(scalarString(o, "concat() arguments must be strings", t.pos()));
        }
        StrAccessor[] arr = parts.toArray(new StrAccessor[0]);
        return new StrAccessor(display, c -> {
          StringBuilder sb = new StringBuilder();
          for (StrAccessor p : arr) {
            String s = p.get(c);
            if (s == null) {
              return null;
            }
            sb.append(s);
          }
          return sb.toString();
        });
      }
      case "getopt" -> {
        if (t.args().size() != 2) {
          throw new CompileException("getopt() requires exactly 2 arguments: args list and optstring", t.pos());
        }
        MultiAccessor argv = list(t.args().get(0), "getopt() first argument must be a list", t.pos());
        StrAccessor opts = scalarString(t.args().get(1), "getopt() second argument (optstring) must be a single "
            + "value", t.pos());
        String sel = t.index();
        if (sel != null && sel.length() != 1) {
          throw new CompileException("getopt() field argument must be a single option character", t.pos());
        }
        if (sel != null) {
          char want = sel.charAt(0);
          return new StrAccessor(display, c -> {
            List<String> r = Getopt.run(strings(argv, c), opts.get(c), want);
            return r == null || r.isEmpty() ? null : r.get(0);
          });
        }
        return MultiAccessor.strings(display, MultiAccessor.Mode.LIST, c -> {
          List<String> r = Getopt.run(strings(argv, c), opts.get(c), '\0');
          return r == null ? -1 : r.size();
        }, (c, i) -> Getopt.run(strings(argv, c), opts.get(c), '\0').get(i));
      }
      default -> throw new CompileException("unknown transformer '" + t.fn() + "'", t.pos(), true);
    }
  }

  private static List<String> strings(MultiAccessor a, EvalContext c) {
    return a.texts(c);
  }

  private void checkTransformable(Operand.FieldExpr inner, Accessor a, Operand.Transform t)
      throws CompileException {
    if (inner instanceof Operand.Field f) {
      FieldDef d = registry.find(f.name());
      if (d != null && !d.transformerAllowed()) {
        throw new CompileException("field '" + f.name() + "' does not support transformers", t.pos());
      }
    }
    if (a instanceof MultiAccessor m && m.mode() != MultiAccessor.Mode.LIST) {
      throw new CompileException("field '" + a.name() + "' does not support transformers", t.pos());
    }
  }

  private Accessor single(String fn, Accessor a, String display, int pos) throws CompileException {
    FieldType type = a.type();
    if (fn.equals("len")) {
      if (a instanceof MultiAccessor m) {
        return new LongAccessor(display, FieldType.UINT64, c -> {
          int n = m.count(c);
          return n < 0 ? LongAccessor.ABSENT : n;
        });
      }
      if (a instanceof StrAccessor s) {
        return new LongAccessor(display, FieldType.UINT64, c -> {
          String v = s.get(c);
          return v == null ? LongAccessor.ABSENT : v.getBytes(StandardCharsets.UTF_8).length;
        });
      }
      if (a instanceof BytesAccessor b) {
        return new LongAccessor(display, FieldType.UINT64, c -> {
          byte[] v = b.get(c);
          return v == null ? LongAccessor.ABSENT : v.length;
        });
      }
      throw incompatible(fn, a, pos);
    }
    if (fn.equals("b64")) {
      if (a instanceof BytesAccessor b) {
        return new BytesAccessor(display, c -> {
          byte[] v = b.get(c);
          return v == null ? null : b64(new String(v, StandardCharsets.ISO_8859_1));
        });
      }
      if (a instanceof StrAccessor s) {
        return new StrAccessor(display, c -> {
          String v = s.get(c);
          byte[] out = v == null ? null : b64(v);
          return out == null ? null : new String(out, StandardCharsets.UTF_8);
        });
      }
      throw incompatible(fn, a, pos);
    }
    if (type != FieldType.STRING) {
      throw incompatible(fn, a, pos);
    }
    java.util.function.UnaryOperator<String> f = switch (fn) {
      case "tolower" -> Transformers::asciiLower;
      case "toupper" -> Transformers::asciiUpper;
      default -> s -> s.substring(s.lastIndexOf('/') + 1);
    };
    if (a instanceof MultiAccessor m) {
      return MultiAccessor.strings(display, MultiAccessor.Mode.LIST, m::count, (c, i) -> f.apply(m.str(c, i)));
    }
    StrAccessor s = (StrAccessor) a;
    return new StrAccessor(display, c -> {
      String v = s.get(c);
      return v == null ? null : f.apply(v);
    });
  }

  private static CompileException incompatible(String fn, Accessor a, int pos) {
    return new CompileException("can't add field transformer: type '" + a.type().falcoName()
        + "' is not supported by '" + fn + "' transformer applied on " + (a.multi() ? "list " : "") + "field '"
        + a.name() + "'", pos);
  }

  /** Base64 decode, padding optional; null when the input is not base64 (the field then cannot be extracted). */
  static byte[] b64(String s) {
    try {
      String t = s;
      int rem = t.length() % 4;
      if (rem == 2) {
        t += "==";
      } else if (rem == 3) {
        t += "=";
      }
      return Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String asciiLower(String s) {
    char[] out = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (out == null) {
          out = s.toCharArray();
        }
        out[i] = (char) (ch + 32);
      }
    }
    return out == null ? s : new String(out);
  }

  static String asciiUpper(String s) {
    char[] out = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'a' && ch <= 'z') {
        if (out == null) {
          out = s.toCharArray();
        }
        out[i] = (char) (ch - 32);
      }
    }
    return out == null ? s : new String(out);
  }

  /** A single string argument: a quoted/number literal or a non-list string field. */
  private StrAccessor scalarString(Operand o, String err, int pos) throws CompileException {
    if (o instanceof Operand.Value v) {
      String text = v.text();
      return new StrAccessor(v.toString(), c -> text);
    }
    if (o instanceof Operand.FieldExpr fe) {
      Accessor a = compile(fe);
      if (a instanceof StrAccessor s) {
        return s;
      }
    }
    throw new CompileException(err, pos);
  }

  /** A list argument: a literal list, a list-valued field or transformer, or (extension) proc.args. */
  private MultiAccessor list(Operand o, String err, int pos) throws CompileException {
    if (o instanceof Operand.ValueList vl) {
      List<String> values = new ArrayList<>();
      for (Operand.Value v : vl.values()) {
        values.add(v.text());
      }
      List<String> fixed = List.copyOf(values);
      return MultiAccessor.strings(vl.toString(), MultiAccessor.Mode.LIST, c -> fixed.size(),
          (c, i) -> fixed.get(i));
    }
    if (o instanceof Operand.TransformerList tl) {
      List<StrAccessor> items = new ArrayList<>();
      for (Operand item : tl.items()) {
        items.add(scalarString(item, "transformer list items must be strings", pos));
      }
      StrAccessor[] arr = items.toArray(new StrAccessor[0]);
      return MultiAccessor.strings(tl.toString(), MultiAccessor.Mode.LIST, c -> {
        for (StrAccessor a : arr) {
          if (a.get(c) == null) {
            return -1;
          }
        }
        return arr.length;
      }, (c, i) -> arr[i].get(c));
    }
    if (o instanceof Operand.Field f && f.name().equals("proc.args") && f.arg() == null) {
      return MultiAccessor.strings("proc.args", MultiAccessor.Mode.LIST,
          c -> c.event().getProc().getArgs().size(), (c, i) -> c.event().getProc().getArgs().get(i));
    }
    if (o instanceof Operand.FieldExpr fe) {
      Accessor a = compile(fe);
      if (a instanceof MultiAccessor m && m.mode() == MultiAccessor.Mode.LIST && m.type() == FieldType.STRING) {
        return m;
      }
    }
    throw new CompileException(err, pos);
  }
}
