package dev.eyrie.jobs.archive;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.IcebergSink;

/** Writes records into an archive table in one commit, with the same conversion and sink as the archive job. */
public final class ArchiveFixtures {
  private ArchiveFixtures() {}

  public static void write(ArchiveSettings settings, List<Event> events) throws Exception {
    Table t = ArchiveTables.ensure(settings, ArchiveSchema.current());
    write(settings, t, new ArrayList<IndexedRecord>(events), Event.getClassSchema());
  }

  /**
   * {@code records} of Avro schema {@code avro} (e.g. an older Event schema) into the table as it is now; with
   * their wire bytes when the settings keep event bytes and the records are of the current schema.
   */
  public static void write(ArchiveSettings settings, Table t, List<IndexedRecord> records,
      org.apache.avro.Schema avro) throws Exception {
    EventToRow conv = new EventToRow(t.schema(), avro);
    WireCodec<Event> codec = settings.eventBytes() && avro.equals(Event.getClassSchema()) ? WireCodec.events() : null;
    List<RowData> rows = new ArrayList<>();
    for (IndexedRecord r : records) {
      rows.add(conv.convert(r, codec == null ? null : codec.encode((Event) r)));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(1);
    IcebergSink.forRowData(env.fromData(rows, InternalTypeInfo.of(FlinkSchemaUtil.convert(t.schema()))))
        .tableLoader(ArchiveTables.tableLoader(settings))
        .append();
    env.execute("archive fixture");
    t.refresh();
  }
}
