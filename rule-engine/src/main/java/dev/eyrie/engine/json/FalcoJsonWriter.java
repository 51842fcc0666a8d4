package dev.eyrie.engine.json;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact JSON text the way Falco's JSON library (nlohmann::json) writes it: object keys sorted, no blanks,
 * non-ASCII text kept as UTF-8, only the quote, the backslash and control characters escaped. One writer for the
 * load results ({@code rules validate --json}) and the alerts, so both read exactly like Falco's.
 */
public final class FalcoJsonWriter {
  private FalcoJsonWriter() {}

  /** An object whose keys come out sorted. */
  public static Map<String, Object> obj() {
    return new TreeMap<>();
  }

  public static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  /** Null, strings, numbers, booleans, maps (keys sorted) and collections (in iteration order) of them. */
  @SuppressWarnings("unchecked")
  public static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) m).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        field(sb, e.getKey(), e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  /** {@code "name":value}. */
  public static void field(StringBuilder sb, String name, Object value) {
    string(sb, name);
    sb.append(':');
    write(sb, value);
  }

  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    escape(sb, s);
    sb.append('"');
  }

  /** The inside of a JSON string. */
  public static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            // a lone surrogate is not valid UTF-8: Falco replaces invalid sequences with U+FFFD
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }
}
