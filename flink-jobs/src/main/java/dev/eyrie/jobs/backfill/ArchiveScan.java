package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.archive.ArchiveSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg filter for a time range and what it plans: the files (hence partitions) the source will read. The
 * filter is on {@code event_time}, from which the {@code hours()} partition is derived, so Iceberg prunes whole
 * hour partitions and then files by their column min/max; the exact nanosecond bound is checked per event.
 */
public final class ArchiveScan {
  private ArchiveScan() {}

  /** {@code filesWithEventBytes}: planned files whose event-bytes column holds a value for every row. */
  public record Plan(long snapshotId, int files, long records, long bytes, Set<String> partitions,
      List<String> paths, int filesWithEventBytes) {}

  public static List<Expression> filters(TimeRange range) {
    return List.of(
        Expressions.greaterThanOrEqual(ArchiveSchema.EVENT_TIME, micros(range.from())),
        // event_time is truncated to µs: a ts in the last µs before `to` has event_time == floor(to)
        Expressions.lessThanOrEqual(ArchiveSchema.EVENT_TIME, micros(range.to())));
  }

  public static Plan plan(Table table, TimeRange range) {
    table.refresh();
    if (table.currentSnapshot() == null) {
      return new Plan(-1, 0, 0, 0, Set.of(), List.of(), 0);
    }
    Types.NestedField bytesColumn = table.schema().findField(ArchiveSchema.EVENT_AVRO);
    var scan = table.newScan().includeColumnStats();
    for (Expression e : filters(range)) {
      scan = scan.filter(e);
    }
    int files = 0;
    int withBytes = 0;
    long records = 0;
    long bytes = 0;
    Set<String> partitions = new TreeSet<>();
    List<String> paths = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask t : tasks) {
        files++;
        records += t.file().recordCount();
        bytes += t.file().fileSizeInBytes();
        partitions.add(table.specs().get(t.file().specId()).partitionToPath(t.file().partition()));
        paths.add(t.file().location());
        if (bytesColumn != null && hasEventBytes(t.file(), bytesColumn.fieldId())) {
          withBytes++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning the archive scan of " + table.name(), e);
    }
    return new Plan(table.currentSnapshot().snapshotId(), files, records, bytes, partitions, paths, withBytes);
  }

  /**
   * From the file's column metrics: a value in every row, none null. A file written before the column existed has
   * no metrics for it, one written with event bytes off counts only nulls; no metrics means no.
   */
  static boolean hasEventBytes(DataFile f, int fieldId) {
    Long values = f.valueCounts() == null ? null : f.valueCounts().get(fieldId);
    Long nulls = f.nullValueCounts() == null ? null : f.nullValueCounts().get(fieldId);
    return values != null && nulls != null && values == f.recordCount() && nulls == 0;
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
