package dev.eyrie.jobs.archive;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes events into the archive table from one process, without a Flink job: the same row conversion
 * ({@link EventToRow}) and the same Iceberg task writer the archive job's sink uses (Parquet, partitioned by the
 * table's spec, the table's target file size), and everything written becomes visible in ONE snapshot at
 * {@link #commit}, as a checkpoint's files do in the job. Until then nothing is visible; {@link #close} without a
 * commit deletes the files written so far.
 *
 * <p>The task writer keeps one open file per partition it has seen; {@link #roll} closes them. Callers writing in
 * event-time order (captures, the benchmark generator) roll at each hour boundary so only one hour's host buckets
 * are open at a time.
 *
 * <p>With event bytes on, each event is also encoded with {@link WireCodec} into {@link ArchiveSchema#EVENT_AVRO}
 * (the archive job keeps the bytes it received instead; here there are none to keep).
 */
public final class ArchiveWriter implements AutoCloseable {
  private final Table table;
  private final EventToRow toRow;
  /** Null when event bytes are off. */
  private final WireCodec<Event> codec;
  private final RowDataTaskWriterFactory factory;
  private final List<DataFile> files = new ArrayList<>();
  private TaskWriter<RowData> writer;
  private long rows;
  private boolean committed;

  public ArchiveWriter(Table table) {
    this(table, true);
  }

  /** {@code eventBytes}: the setting archive.event-bytes. */
  public ArchiveWriter(Table table, boolean eventBytes) {
    this(table, Event.getClassSchema(), eventBytes);
  }

  /**
   * For records of Avro schema {@code avro} (an older or newer Event schema); event bytes need the current
   * {@link Event} schema, the only one this process can encode with its fingerprint.
   */
  public ArchiveWriter(Table table, org.apache.avro.Schema avro, boolean eventBytes) {
    if (eventBytes && !avro.equals(Event.getClassSchema())) {
      throw new IllegalArgumentException("archive.event-bytes needs records of the current Event schema, not "
          + avro.getFullName() + " (fingerprint differs); write them with event bytes off");
    }
    this.table = table;
    this.toRow = new EventToRow(table.schema(), avro);
    this.codec = eventBytes ? WireCodec.events() : null;
    Map<String, String> props = table.properties();
    long targetFileSize = PropertyUtil.propertyAsLong(props, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    FileFormat format = FileFormat.fromString(props.getOrDefault(TableProperties.DEFAULT_FILE_FORMAT,
        TableProperties.DEFAULT_FILE_FORMAT_DEFAULT).toUpperCase(Locale.ROOT));
    this.factory = new RowDataTaskWriterFactory(table, FlinkSchemaUtil.convert(table.schema()), targetFileSize,
        format, props, Collections.emptyList(), false);
    // task id / attempt: file names also carry a random operation id, so two writers never collide
    factory.initialize(0, 0);
  }

  public void write(IndexedRecord event) {
    if (committed) {
      throw new IllegalStateException("archive writer for " + table.name() + " already committed");
    }
    if (writer == null) {
      writer = factory.create();
    }
    try {
      writer.write(toRow.convert(event, codec == null ? null : codec.encode((Event) event)));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to the archive table " + table.name() + " at " + table.location(), e);
    }
    rows++;
  }

  /** Closes the open data files (they stay uncommitted); the next write opens new ones. */
  public void roll() {
    if (writer == null) {
      return;
    }
    try {
      Collections.addAll(files, writer.complete().dataFiles());
    } catch (IOException e) {
      throw new UncheckedIOException("closing data files of the archive table " + table.name(), e);
    }
    writer = null;
  }

  public long rows() {
    return rows;
  }

  /**
   * Appends every file written so far in one snapshot, and sets {@code properties} on the table in the same
   * atomic commit (used to record what was imported). Returns the snapshot id, or -1 when nothing was written.
   */
  public long commit(Map<String, String> snapshotSummary, Map<String, String> properties) {
    roll();
    committed = true;
    if (files.isEmpty() && properties.isEmpty()) {
      return -1;
    }
    Transaction txn = table.newTransaction();
    AppendFiles append = txn.newAppend();
    files.forEach(append::appendFile);
    snapshotSummary.forEach(append::set);
    append.commit();
    if (!properties.isEmpty()) {
      UpdateProperties update = txn.updateProperties();
      properties.forEach(update::set);
      update.commit();
    }
    txn.commitTransaction();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }

  /** Without a commit: deletes the files written so far (nothing of them was ever visible). */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    committed = true;
    try {
      if (writer != null) {
        writer.abort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing uncommitted files of the archive table " + table.name(), e);
    } finally {
      for (DataFile f : files) {
        table.io().deleteFile(f.location());
      }
    }
  }
}
