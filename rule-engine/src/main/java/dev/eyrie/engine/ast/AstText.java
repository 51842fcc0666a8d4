package dev.eyrie.engine.ast;

import java.util.List;

/**
 * Canonical text of AST nodes, identical to libs' {@code ast::as_string} (the text Falco's engine prints for
 * compiled conditions), so compiled conditions can be compared with Falco's golden strings.
 */
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

  /** A field or transformer argument: an empty argument must stay visible as {@code [""]}. */
  static StringBuilder appendArg(StringBuilder sb, String arg) {
    if (arg == null) {
      return sb;
    }
    return sb.append('[').append(arg.isEmpty() ? "\"\"" : escape(arg)).append(']');
  }

  /**
   * libs' {@code escape_str}: quotes the value only when it contains a blank, '=', a quote, a backslash or a
   * control character; note that '(' ')' ',' do not force quoting, exactly as in libs.
   */
  static String escape(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String rep = switch (c) {
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\\' -> "\\\\";
        case '"' -> "\\\"";
        case ' ', '=', '\'', '\0' -> String.valueOf(c);
        default -> null;
      };
      if (rep != null && sb == null) {
        sb = new StringBuilder(text.length() + 8).append('"').append(text, 0, i);
      }
      if (sb != null) {
        if (rep != null) {
          sb.append(rep);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.append('"').toString();
  }
}
