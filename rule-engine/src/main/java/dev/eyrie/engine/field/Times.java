package dev.eyrie.engine.field;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Falco's time renderings, in UTC (a central engine has no meaningful local zone). */
public final class Times {
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_HMS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Times() {}

  private static Instant instant(long ns) {
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  private static String nanos(long ns) {
    String s = Long.toString(Math.floorMod(ns, 1_000_000_000L));
    return "000000000".substring(s.length()) + s;
  }

  /** evt.time: {@code HH:MM:SS.nnnnnnnnn}. */
  public static String time(long ns, boolean withNanos) {
    String s = HMS.format(instant(ns));
    return withNanos ? s + "." + nanos(ns) : s;
  }

  /** evt.datetime: {@code YYYY-MM-DD HH:MM:SS.nnnnnnnnn}. */
  public static String datetime(long ns, boolean withNanos) {
    String s = DATE_HMS.format(instant(ns));
    return withNanos ? s + "." + nanos(ns) : s;
  }

  /** RFC 3339 with nanoseconds, as Falco's JSON {@code time}: {@code 2024-05-01T10:00:00.123456789Z}. */
  public static String iso8601(long ns) {
    return ISO.format(instant(ns)) + "." + nanos(ns) + "Z";
  }
}
