package dev.eyrie.testinfra;

import java.util.Locale;
import java.util.UUID;

/** Names that no other test (or earlier run against the same long-lived server) has used. */
final class UniqueNames {
  private UniqueNames() {}

  static String of(String prefix) {
    String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    return clean + "-" + UUID.randomUUID().toString().substring(0, 12);
  }
}
