package dev.eyrie.cli.replay;

import dev.eyrie.engine.runtime.FalcoAlertText;
import dev.eyrie.engine.runtime.Match;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a match the way Falco prints an alert.
 *
 * <p>JSON ({@code json_output: true}): one object with the keys sorted, as Falco's JSON library writes them:
 * {@code hostname, output, output_fields, priority, rule, source, tags, time}. {@code output} is the text line
 * below; {@code output_fields} holds the rule output's fields plus {@code evt.time} (nanoseconds, from the
 * time prefix), keys sorted; {@code tags} sorted; {@code time} is RFC 3339 in UTC with nanoseconds.
 *
 * <p>Text: {@code <evt.time>: <Priority> <message>} where evt.time is {@code HH:MM:SS.nnnnnnnnn} in the local
 * time zone (libsinsp's evt.time) and the line is JSON-escaped without quotes, as Falco does for plain output.
 *
 * <p>The live jobs' alerts carry the same text and fields ({@link FalcoAlertText}); they are written by the
 * jobs' own JSON writer, which adds Eyrie's fields, while this one prints exactly what {@code falco -r} prints.
 */
public final class FalcoJson {
  private FalcoJson() {}

  /** Falco's JSON alert line for a match; {@code zone} is used for the time prefix of {@code output}. */
  public static String alert(Match m, ZoneId zone) {
    long ts = m.event().getTs();
    Map<String, Object> fields = new TreeMap<>(m.outputFields());
    fields.put("evt.time", ts);
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"hostname\":");
    string(sb, m.event().getHost().getHostname());
    sb.append(",\"output\":");
    string(sb, output(m, zone));
    sb.append(",\"output_fields\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, e.getKey());
      sb.append(':');
      value(sb, e.getValue());
    }
    sb.append("},\"priority\":");
    string(sb, m.priority().falcoName());
    sb.append(",\"rule\":");
    string(sb, m.ruleName());
    sb.append(",\"source\":");
    string(sb, m.source() == null ? "syscall" : m.source());
    sb.append(",\"tags\":[");
    first = true;
    for (String tag : new TreeSet<>(m.tags())) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, tag);
    }
    sb.append("],\"time\":");
    string(sb, iso8601(ts));
    return sb.append('}').toString();
  }

  /** Falco's plain-text alert line. */
  public static String text(Match m, ZoneId zone) {
    StringBuilder sb = new StringBuilder(128);
    escape(sb, output(m, zone));
    return sb.toString();
  }

  /** The unescaped alert text: {@code <evt.time>: <Priority> <message>}. */
  public static String output(Match m, ZoneId zone) {
    return FalcoAlertText.line(m.event().getTs(), zone, m.priority().falcoName(), m.output());
  }

  /** libsinsp's evt.time: wall-clock time of day with nanoseconds. */
  public static String evtTime(long epochNanos, ZoneId zone) {
    return FalcoAlertText.evtTime(epochNanos, zone);
  }

  /** Falco's JSON {@code time}: {@code 2024-01-31T12:00:00.123456789Z}. */
  public static String iso8601(long epochNanos) {
    // the same rendering as the alerts on Kafka, so replayed and live alerts compare as text
    return dev.eyrie.jobs.sink.kafka.AlertJson.rfc3339Nanos(epochNanos);
  }

  private static void value(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        value(sb, o);
      }
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    escape(sb, s);
    sb.append('"');
  }

  /** JSON string escaping as nlohmann::json dumps without ensure_ascii: only quote, backslash and controls. */
  static void escape(StringBuilder sb, String s) {
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
            sb.append(String.format("\\u%04x", (int) c));
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
