package dev.eyrie.engine.testkit;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event times in tests: an RFC 3339 instant, or an offset from {@link FieldEvents#DEFAULT_TS} such as
 * {@code +90s}, {@code +5m}, {@code +250ms} — sequences read best as offsets.
 */
final class TestTimes {
  private static final Pattern OFFSET = Pattern.compile("\\+(\\d+)(ns|us|ms|s|m|h)");

  private TestTimes() {}

  static long parse(String text) {
    Matcher m = OFFSET.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      return FieldEvents.DEFAULT_TS + n * unit;
    }
    try {
      Instant i = Instant.parse(text.trim());
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("time '" + text + "': use +<n>(ns|us|ms|s|m|h) or an RFC 3339 instant");
    }
  }
}
