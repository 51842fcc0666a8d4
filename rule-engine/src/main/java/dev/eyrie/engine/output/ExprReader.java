package dev.eyrie.engine.output;

import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.compile.CompileException;
import java.util.ArrayList;
import java.util.List;

/** Reads one transformer expression inside an output format: {@code fn(arg, ...)} with fields, strings, lists. */
final class ExprReader {
  private final String s;
  private int i;

  ExprReader(String s, int start) {
    this.s = s;
    this.i = start;
  }

  Operand.FieldExpr transformer(int[] end) throws CompileException {
    Operand.FieldExpr e = fieldExpr();
    end[0] = i;
    return e;
  }

  private CompileException error(String what) {
    return new CompileException("invalid formatting token: " + what + " at '" + s.substring(Math.min(i, s.length()))
        + "'", i, true);
  }

  private void blanks() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private Operand.FieldExpr fieldExpr() throws CompileException {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '(') {
      String fn = s.substring(start, i);
      i++;
      List<Operand> args = new ArrayList<>();
      blanks();
      while (i < s.length() && s.charAt(i) != ')') {
        args.add(arg());
        blanks();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
          blanks();
        }
      }
      if (i >= s.length()) {
        throw error("missing ')'");
      }
      i++;
      String index = null;
      if (i < s.length() && s.charAt(i) == '[') {
        int close = s.indexOf(']', i);
        if (close < 0) {
          throw error("missing ']'");
        }
        index = unquote(s.substring(i + 1, close));
        i = close + 1;
      }
      return new Operand.Transform(fn, args, index, start);
    }
    i = start;
    int end = OutputCompiler.fieldNameEnd(s, i);
    if (end < 0) {
      throw error("expected a field");
    }
    String name = s.substring(i, end);
    i = end;
    String arg = null;
    if (i < s.length() && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      if (close < 0) {
        throw error("missing ']'");
      }
      arg = unquote(s.substring(i + 1, close));
      i = close + 1;
    }
    return new Operand.Field(name, arg, start);
  }

  private Operand arg() throws CompileException {
    char ch = s.charAt(i);
    if (ch == '"' || ch == '\'') {
      int close = s.indexOf(ch, i + 1);
      if (close < 0) {
        throw error("unterminated string");
      }
      String text = s.substring(i + 1, close);
      int pos = i;
      i = close + 1;
      return new Operand.Value(text, true, pos);
    }
    if (ch == '(') {
      int pos = i;
      i++;
      List<Operand> items = new ArrayList<>();
      blanks();
      while (i < s.length() && s.charAt(i) != ')') {
        items.add(arg());
        blanks();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
          blanks();
        }
      }
      if (i >= s.length()) {
        throw error("missing ')'");
      }
      i++;
      return new Operand.TransformerList(items, pos);
    }
    if (Character.isDigit(ch) || ch == '-' || ch == '+') {
      int pos = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      return new Operand.Value(s.substring(pos, i), false, pos);
    }
    return fieldExpr();
  }

  private static String unquote(String a) {
    if (a.length() >= 2 && (a.startsWith("\"") && a.endsWith("\"") || a.startsWith("'") && a.endsWith("'"))) {
      return a.substring(1, a.length() - 1);
    }
    return a;
  }
}
