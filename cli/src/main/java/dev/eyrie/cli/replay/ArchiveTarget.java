package dev.eyrie.cli.replay;

import dev.eyrie.jobs.archive.ArchiveImports;
import dev.eyrie.jobs.archive.ArchiveSchema;
import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.archive.ArchiveWriter;
import dev.eyrie.schema.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Table;

/**
 * The Iceberg event archive, written directly with the archive's own writer (same table, schema, partitioning
 * and Parquet files as the archive job) rather than through a Flink job: an import is one bounded, single-reader
 * stream, and a job would add a cluster start and a shuffle for nothing. All captures of one import become
 * visible in one snapshot at {@link #finish}; an import that fails part-way commits nothing. A capture already
 * imported (same file content, see {@link ArchiveImports}) makes the whole import fail before it writes more.
 */
final class ArchiveTarget implements ImportTarget {
  private static final long HOUR_NS = 3_600_000_000_000L;

  private final ArchiveSettings settings;
  private final Table table;
  private final ArchiveWriter writer;
  private final Map<String, String> imported = new LinkedHashMap<>();
  private final Map<String, String> keyToInput = new LinkedHashMap<>();
  private Path input;
  private String key;
  private long events;
  private long hour = Long.MIN_VALUE;

  ArchiveTarget(ArchiveSettings settings) {
    this.settings = settings;
    this.table = ArchiveTables.ensure(settings, ArchiveSchema.current());
    this.writer = new ArchiveWriter(table, settings.eventBytes());
  }

  @Override
  public void begin(Path input) throws IOException {
    String key = ArchiveImports.key(input);
    String earlier = ArchiveImports.previous(table, key);
    if (earlier != null || keyToInput.containsKey(key)) {
      throw new IllegalStateException(input + " was already imported into " + settings.qualifiedTable() + " ("
          + (earlier != null ? earlier : "same file as " + keyToInput.get(key) + " in this import")
          + "); nothing was written. Its events would be archived twice.");
    }
    keyToInput.put(key, input.toString());
    finishInput();
    this.input = input;
    this.key = key;
    this.events = 0;
  }

  @Override
  public void write(Event event) {
    long h = Math.floorDiv(event.getTs(), HOUR_NS);
    if (h != hour) {
      // captures are in time order: close the last hour's files instead of holding every hour's open
      if (hour != Long.MIN_VALUE) {
        writer.roll();
      }
      hour = h;
    }
    writer.write(event);
    events++;
  }

  private void finishInput() {
    if (input != null) {
      imported.put(key, input.getFileName() + ": " + events + " events, imported " + Instant.now());
    }
  }

  @Override
  public void finish() {
    finishInput();
    writer.commit(Map.of("eyrie.import.inputs", String.join(",", keyToInput.values())), imported);
  }

  /** Without {@link #finish} (an input failed to read): removes what was written, commits nothing. */
  @Override
  public void close() {
    writer.close();
  }

  @Override
  public String describe() {
    return "archive " + settings.qualifiedTable() + " (warehouse " + settings.warehouse() + ")";
  }
}
