package dev.eyrie.jobs.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flat, dotted-key settings ({@code kafka.bootstrap-servers}) from a job's defaults, a file, the environment and
 * flags (see {@link ConfigLoader}). Every typed read marks its key as known, so {@link #rejectUnknown()} can name a
 * misspelt key instead of silently ignoring it. Each key remembers the layer it came from, so an error names the
 * file or environment variable to fix, and a job can tell a value somebody gave ({@link #isExplicit}) from its own
 * default.
 */
public final class Settings {
  /** Where a value came from, lowest precedence first. */
  public enum Layer { DEFAULTS, FILE, ENVIRONMENT, COMMAND_LINE }

  /** A key's layer and a human description of it ("environment variable EYRIE_TOPIC_EVENTS"). */
  record Source(Layer layer, String where) {}

  private final Map<String, String> values;
  private final String origin;
  private final Map<String, Source> sources;
  private final Set<String> consumed = new TreeSet<>();

  /** Every value counts as given on the command line. */
  public Settings(Map<String, String> values, String origin) {
    this(values, origin, Map.of());
  }

  Settings(Map<String, String> values, String origin, Map<String, Source> sources) {
    this.values = new TreeMap<>(values);
    this.origin = origin;
    this.sources = Map.copyOf(sources);
  }

  /**
   * Whether {@code key} has a value from a file, the environment or the command line rather than from the job's
   * defaults or nowhere: deployments own parallelism and checkpointing unless the job's settings name them.
   */
  public boolean isExplicit(String key) {
    String v = values.get(key);
    return v != null && !v.isBlank() && layer(key) != Layer.DEFAULTS;
  }

  private Layer layer(String key) {
    Source s = sources.get(key);
    return s == null ? Layer.COMMAND_LINE : s.layer();
  }

  public String origin() {
    return origin;
  }

  public String string(String key, String dflt) {
    consumed.add(key);
    String v = values.get(key);
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  /** Null when unset: for optional secrets and paths. */
  public String optional(String key) {
    return string(key, null);
  }

  public int integer(String key, int dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(key, v, "an integer");
    }
  }

  public long longValue(String key, long dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw bad(key, v, "an integer");
    }
  }

  public boolean bool(String key, boolean dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, v, "true or false");
    };
  }

  /** Accepts {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, a bare number of milliseconds, or ISO-8601. */
  public Duration duration(String key, Duration dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    return parseDuration(key, v);
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      throw bad(key, v, "one of " + allowed);
    }
  }

  /** Every key under {@code prefix} (prefix removed): pass-through client properties such as TLS/SASL settings. */
  public Properties withPrefix(String prefix) {
    Properties out = new Properties();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        consumed.add(e.getKey());
        out.setProperty(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return out;
  }

  /**
   * Fails on file and command-line keys nobody read. Keys from the environment are exempt: compose and the chart
   * give every job the same variables, including ones only another job reads (EYRIE_ARCHIVE_WAREHOUSE).
   */
  public void rejectUnknown() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(consumed);
    unknown.removeIf(k -> layer(k) == Layer.ENVIRONMENT);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting(s) " + unknown + " in " + origin + "; known settings: " + consumed);
    }
  }

  private IllegalArgumentException bad(String key, String value, String expected) {
    Source s = sources.get(key);
    String where = s == null ? origin : s.where();
    String shown = EnvironmentKeys.SECRET_SETTINGS.contains(key) ? "<secret>" : "'" + value + "'";
    return new IllegalArgumentException(
        "setting '" + key + "' in " + where + " is " + shown + ", expected " + expected);
  }

  private Duration parseDuration(String key, String raw) {
    String v = raw.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p") || v.startsWith("pt")) {
        return Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      char unit = v.charAt(v.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofMillis(Long.parseLong(v));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1).trim());
      return switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw bad(key, raw, "a duration like 500ms, 5s, 10m, 1h");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw bad(key, raw, "a duration like 500ms, 5s, 10m, 1h");
    }
  }
}
