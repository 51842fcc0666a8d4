package dev.eyrie.engine.parse;

/** Quoted-string unescaping with libs' rules ({@code filter/escaping.cpp}). */
final class Escaping {
  private Escaping() {}

  /**
   * Unescapes a quoted token including its delimiters. Accepted escapes: {@code \b \f \n \r \t \\ \/ \xHH}, the
   * token's own quote type and the legacy {@code "\ "} (which yields a backslash).
   */
  static String unescape(String quoted) throws IllegalArgumentException {
    StringBuilder sb = new StringBuilder(quoted.length());
    int len = quoted.length() - 1;
    boolean escaped = false;
    for (int i = 1; i < len; i++) {
      char c = quoted.charAt(i);
      if (!escaped) {
        if (c == '\\') {
          escaped = true;
        } else {
          sb.append(c);
        }
        continue;
      }
      switch (c) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case ' ', '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case '"' -> {
          if (quoted.charAt(0) != c) {
            throw new IllegalArgumentException("invalid \\\" escape in '-quoted string");
          }
          sb.append('"');
        }
        case '\'' -> {
          if (quoted.charAt(0) != c) {
            throw new IllegalArgumentException("invalid \\' escape in \"-quoted string");
          }
          sb.append('\'');
        }
        case 'x' -> {
          if (i + 2 >= len) {
            throw new IllegalArgumentException("truncated hex char escape sequence");
          }
          int hi = Character.digit(quoted.charAt(i + 1), 16);
          int lo = Character.digit(quoted.charAt(i + 2), 16);
          if (hi < 0 || lo < 0) {
            throw new IllegalArgumentException(
                "invalid hex char escape sequence: " + quoted.substring(i + 1, i + 3));
          }
          sb.append((char) (hi * 16 + lo));
          i += 2;
        }
        default -> throw new IllegalArgumentException("unsupported string escape sequence: \\" + c);
      }
      escaped = false;
    }
    return sb.toString();
  }
}
