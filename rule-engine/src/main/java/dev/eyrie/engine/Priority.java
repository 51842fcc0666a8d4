package dev.eyrie.engine;

import java.util.Locale;

/** Rule priorities in Falco's severity order: a lower ordinal is more severe. */
public enum Priority {
  EMERGENCY("Emergency"),
  ALERT("Alert"),
  CRITICAL("Critical"),
  ERROR("Error"),
  WARNING("Warning"),
  NOTICE("Notice"),
  INFORMATIONAL("Informational"),
  DEBUG("Debug");

  private final String falcoName;

  Priority(String falcoName) {
    this.falcoName = falcoName;
  }

  /** The text Falco prints in alerts and rule descriptions. */
  public String falcoName() {
    return falcoName;
  }

  /** Case-insensitive; "info" is accepted for INFORMATIONAL as Falco does. Null when not a priority. */
  public static Priority parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("info")) {
      return INFORMATIONAL;
    }
    for (Priority p : values()) {
      if (p.falcoName.toLowerCase(Locale.ROOT).equals(lower)) {
        return p;
      }
    }
    return null;
  }

  /** Like {@link #parseOrNull} but rejects unknown text. */
  public static Priority parse(String text) {
    Priority p = parseOrNull(text);
    if (p == null) {
      throw new IllegalArgumentException("Unknown priority value: " + text);
    }
    return p;
  }

  /** True if this priority is at least as severe as {@code minimum}. */
  public boolean atLeast(Priority minimum) {
    return ordinal() <= minimum.ordinal();
  }
}
