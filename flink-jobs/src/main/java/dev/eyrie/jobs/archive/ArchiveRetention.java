package dev.eyrie.jobs.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Retention by age: drops the hour partitions entirely older than the cutoff (a metadata-only delete of whole
 * files, safe while the archive job keeps committing), then expires snapshots older than the snapshot max age
 * (always keeping the current one). A dropped file is physically deleted when the snapshot that dropped it
 * expires, i.e. by the first run after that snapshot is older than the snapshot max age and no longer current
 * (with the archive job committing every minute: the next run after the max age). Readers never see dropped rows
 * after the drop. The granularity is the hour: rows of the hour the cutoff falls in stay until that whole hour
 * is past the cutoff.
 */
public final class ArchiveRetention {
  private ArchiveRetention() {}

  public record Result(Instant cutoff, long partitions, long files, long records, boolean dryRun,
      long snapshotsExpired, long filesPhysicallyDeleted) {}

  public static Result expire(Table table, Instant now, Duration olderThan, Duration snapshotMaxAge, boolean dryRun) {
    Instant cutoff = now.minus(olderThan).truncatedTo(ChronoUnit.HOURS);
    Expression older = Expressions.lessThan(ArchiveSchema.EVENT_TIME, micros(cutoff));
    long files = 0;
    long records = 0;
    Set<Object> partitions = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(older).planFiles()) {
      for (FileScanTask t : tasks) {
        files++;
        records += t.file().recordCount();
        partitions.add(t.file().partition().toString() + "/" + t.file().specId());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("planning the retention delete on " + table.name(), e);
    }
    if (dryRun) {
      return new Result(cutoff, partitions.size(), files, records, true, 0, 0);
    }
    if (files > 0) {
      table.newDelete().deleteFromRowFilter(older).commit();
    }
    table.refresh();
    int before = count(table.snapshots());
    AtomicLong deleted = new AtomicLong();
    table.expireSnapshots()
        .expireOlderThan(now.minus(snapshotMaxAge).toEpochMilli())
        .retainLast(1)
        .deleteWith(path -> {
          deleted.incrementAndGet();
          table.io().deleteFile(path);
        })
        .commit();
    table.refresh();
    int after = count(table.snapshots());
    return new Result(cutoff, partitions.size(), files, records, false, before - after, deleted.get());
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static int count(Iterable<Snapshot> snapshots) {
    int n = 0;
    for (Snapshot ignored : snapshots) {
      n++;
    }
    return n;
  }
}
