package dev.eyrie.jobs.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Reads an archive table with Iceberg's generic reader, independent of the job's own row conversion. */
public final class ArchiveTestTables {
  private ArchiveTestTables() {}

  public static ArchiveSettings settings(String warehouse) {
    return ArchiveConfig.load(null, Map.of("archive.warehouse", warehouse), "test").archive();
  }

  public static long committedRecords(Table t) {
    t.refresh();
    return t.currentSnapshot() == null ? 0
        : Long.parseLong(t.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }

  public static List<Record> rows(Table t) {
    t.refresh();
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(t).build()) {
      it.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static List<DataFile> files(Table t) {
    t.refresh();
    List<DataFile> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
      tasks.forEach(task -> out.add(task.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
