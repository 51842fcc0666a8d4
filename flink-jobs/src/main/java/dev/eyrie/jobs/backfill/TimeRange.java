package dev.eyrie.jobs.backfill;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The half-open event-time range [from, to) of a backfill, in ns since the epoch for the per-event check. */
public record TimeRange(Instant from, Instant to) implements Serializable {
  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
    }
  }

  public long fromNanos() {
    return from.getEpochSecond() * 1_000_000_000L + from.getNano();
  }

  public long toNanos() {
    return to.getEpochSecond() * 1_000_000_000L + to.getNano();
  }

  public boolean contains(long tsNanos) {
    return tsNanos >= fromNanos() && tsNanos < toNanos();
  }

  /**
   * {@code 2026-01-01T10:00:00Z}, {@code 2026-01-01T10:00+02:00}, {@code 2026-01-01T10:00} (UTC),
   * {@code 2026-01-01} (midnight UTC), {@code now}, or an age such as {@code 7d}, {@code 36h}, {@code 90m}
   * (that long before {@code now}).
   */
  public static Instant parse(String text, Instant now, String option) {
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return now;
    }
    try {
      if (t.matches("\\d+[smhdw]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
        return now.minus(d);
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      String upper = t.toUpperCase(Locale.ROOT);
      if (upper.endsWith("Z") || upper.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a time: use 2026-01-01T10:00:00Z, "
          + "2026-01-01, now, or an age like 7d / 36h", e);
    }
  }
}
