package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.archive.ArchiveSchema;

import java.util.Locale;

/**
 * How the backfill reads archived events: through the event-bytes column ({@link ArchiveSchema#EVENT_AVRO}, one
 * column decoded with the wire codec) or through every column (Parquet → RowData → Event). {@code reason} says why,
 * for the summary.
 */
public record ReadPath(boolean eventBytes, String reason) {

  /** {@code --read}: auto picks event bytes when every planned file has them, else columns. */
  public enum Mode {
    AUTO, BYTES, COLUMNS;

    public static Mode parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--read must be auto, bytes or columns, not '" + s + "'");
      }
    }
  }

  public static ReadPath choose(Mode mode, ArchiveScan.Plan plan) {
    int without = plan.files() - plan.filesWithEventBytes();
    String missing = without + " of " + plan.files() + " planned files predate event bytes or were written with "
        + "archive.event-bytes=false";
    return switch (mode) {
      case COLUMNS -> new ReadPath(false, "all columns (--read columns)");
      case BYTES -> {
        if (without > 0) {
          throw new IllegalArgumentException("--read bytes: " + missing + "; use --read auto or columns");
        }
        yield new ReadPath(true, "event bytes (--read bytes)");
      }
      case AUTO -> without == 0
          ? new ReadPath(true, "event bytes (all " + plan.files() + " planned files have them)")
          : new ReadPath(false, "all columns (" + missing + ")");
    };
  }

  public String name() {
    return eventBytes ? "event-bytes" : "columns";
  }
}
