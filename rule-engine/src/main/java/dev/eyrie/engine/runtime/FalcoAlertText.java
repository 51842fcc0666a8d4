package dev.eyrie.engine.runtime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an alert that Falco adds around a rule's own output: its default format is
 * {@code %evt.time: %priority <rule output>}, so the alert text starts with the event's time of day and the
 * priority, and {@code output_fields} carries {@code evt.time} (nanoseconds since the epoch). Falco tooling that
 * parses either sees the same thing from Eyrie.
 */
public final class FalcoAlertText {
  /** The central jobs render evt.time in UTC: a fleet's alerts from many time zones then read alike. */
  public static final ZoneId CENTRAL_ZONE = ZoneOffset.UTC;

  private FalcoAlertText() {}

  /** {@code HH:MM:SS.nnnnnnnnn: Priority message}. */
  public static String line(long epochNanos, ZoneId zone, String priority, String message) {
    return evtTime(epochNanos, zone) + ": " + priority + " " + message;
  }

  /** libsinsp's evt.time: the wall-clock time of day with nanoseconds. */
  public static String evtTime(long epochNanos, ZoneId zone) {
    LocalTime t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(zone).toLocalTime();
    StringBuilder sb = new StringBuilder(18);
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2).append('.');
    return pad(sb, (int) Math.floorMod(epochNanos, 1_000_000_000L), 9).toString();
  }

  /** A copy of {@code fields} with {@code evt.time} added, as the prefix's field (a rule's own value wins). */
  public static Map<String, Object> withEvtTime(Map<String, Object> fields, long epochNanos) {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    m.putIfAbsent("evt.time", epochNanos);
    return m;
  }

  /** RFC 3339 in UTC with all nine fraction digits, as Falco prints {@code time}: 2024-05-01T10:00:00.000000123Z. */
  public static String rfc3339Nanos(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(30);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2).append('.');
    pad(sb, nanos, 9).append('Z');
    return sb.toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
