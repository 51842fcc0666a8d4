package dev.eyrie.engine.ast;

import java.util.List;

/** Canonical text of AST nodes, shaped like the compiled conditions Falco's engine prints. */
final class AstText {
  private AstText() {}

  static String join(List<Expr> children, String sep) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(children.get(i));
    }
    return sb.append(')').toString();
  }

  /** Quotes a value when it was quoted in the source or could not be read back bare. */
  static String quoteIfNeeded(String text, boolean quoted) {
    boolean needs = quoted || text.isEmpty();
    for (int i = 0; !needs && i < text.length(); i++) {
      char c = text.charAt(i);
      needs = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ',' || c == '='
          || c == '"' || c == '\'';
    }
    if (!needs) {
      return text;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
