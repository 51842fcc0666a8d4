package dev.eyrie.engine.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libs' {@code sinsp_version}: "x.y.z" read like {@code sscanf("%u.%u.%u")} (leading blanks and trailing text
 * tolerated), compared numerically; compatible = same major and not older.
 */
public record Semver(long major, long minor, long patch, boolean valid) implements Comparable<Semver> {
  private static final Pattern SCAN =
      Pattern.compile("\\s*([+-]?\\d+)\\.\\s*([+-]?\\d+)\\.\\s*([+-]?\\d+).*", Pattern.DOTALL);

  public static Semver parse(String text) {
    Matcher m = SCAN.matcher(text);
    if (!m.matches()) {
      return new Semver(0, 0, 0, false);
    }
    return new Semver(u32(m.group(1)), u32(m.group(2)), u32(m.group(3)), true);
  }

  public static Semver of(long major, long minor, long patch) {
    return new Semver(major, minor, patch, true);
  }

  private static long u32(String s) {
    try {
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s) & 0xFFFFFFFFL;
    } catch (NumberFormatException e) {
      return 0xFFFFFFFFL;
    }
  }

  /** True if this (provided) version satisfies {@code required}. */
  public boolean compatibleWith(Semver required) {
    return valid && required.valid && major == required.major && compareTo(required) >= 0;
  }

  @Override
  public int compareTo(Semver o) {
    if (major != o.major) {
      return Long.compare(major, o.major);
    }
    if (minor != o.minor) {
      return Long.compare(minor, o.minor);
    }
    return Long.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
