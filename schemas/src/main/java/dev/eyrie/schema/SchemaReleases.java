package dev.eyrie.schema;

import java.util.List;

/**
 * The released copies of each schema (under schemas/released/, shipped in the jar). A schema change must stay
 * backward and forward compatible with the newest release (SchemaCompatibilityTest); releasing copies the
 * current schema to a new file here.
 */
public final class SchemaReleases {
  public static final List<String> EVENT = List.of("/dev/eyrie/schema/released/event-v1.avsc");
  public static final List<String> ALERT = List.of("/dev/eyrie/schema/released/alert-v1.avsc");

  private SchemaReleases() {}
}
