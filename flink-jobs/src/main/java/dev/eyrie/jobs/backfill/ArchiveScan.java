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

import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The Iceberg filter for a time range and what it plans: the files (hence partitions) the source will read. The
 * filter is on {@code event_time}, from which the {@code hours()} partition is derived, so Iceberg prunes whole
 * hour partitions and then files by their column min/max; the exact nanosecond bound is checked per event.
 */
public final class ArchiveScan {
  private ArchiveScan() {}

  public record Plan(long snapshotId, int files, long records, long bytes, Set<String> partitions,
      List<String> paths) {}

  public static List<Expression> filters(TimeRange range) {
    return List.of(
        Expressions.greaterThanOrEqual(ArchiveSchema.EVENT_TIME, micros(range.from())),
        // event_time is truncated to µs: a ts in the last µs before `to` has event_time == floor(to)
        Expressions.lessThanOrEqual(ArchiveSchema.EVENT_TIME, micros(range.to())));
  }

  public static Plan plan(Table table, TimeRange range) {
    table.refresh();
    if (table.currentSnapshot() == null) {
      return new Plan(-1, 0, 0, 0, Set.of(), List.of());
    }
    var scan = table.newScan();
    for (Expression e : filters(range)) {
      scan = scan.filter(e);
    }
    int files = 0;
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
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning the archive scan of " + table.name(), e);
    }
    return new Plan(table.currentSnapshot().snapshotId(), files, records, bytes, partitions, paths);
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
