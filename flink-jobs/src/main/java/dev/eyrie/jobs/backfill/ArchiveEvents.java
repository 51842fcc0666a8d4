package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.archive.ArchiveSchema;
import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.archive.RowToEvent;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.schema.WireFormatException;

import java.util.Set;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.reader.RowDataConverter;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The archive as a bounded stream of events for a time range: an Iceberg source over the planned snapshot with
 * the range as filter (partition and file pruning), rows converted to {@link Event} inside the source reader, and
 * the exact nanosecond range applied per event. On the {@link ReadPath event-bytes path} the source reads only
 * {@code event_time} (the filter's column) and {@link ArchiveSchema#EVENT_AVRO}, and decodes the bytes with the
 * wire codec (older schema versions resolved as on Kafka); otherwise every column, through {@link RowToEvent}.
 * Counts every event read in the accumulator {@value #SCANNED} (for the progress bar; it reaches the plan's record
 * count when the scan is done).
 */
public final class ArchiveEvents {
  public static final String SCANNED = "backfill.events-scanned";
  public static final String IN_RANGE = "backfill.events-in-range";

  private ArchiveEvents() {}

  public static DataStream<Event> read(StreamExecutionEnvironment env, ArchiveSettings archive, Table table,
      ArchiveScan.Plan plan, TimeRange range, ReadPath path) {
    IcebergSource.Builder<Event> builder;
    if (path.eventBytes()) {
      Schema projected = table.schema().select(ArchiveSchema.EVENT_TIME, ArchiveSchema.EVENT_AVRO);
      builder = IcebergSource.forOutputType(new BytesToEvent(projected.columns().indexOf(
          projected.findField(ArchiveSchema.EVENT_AVRO)))).project(projected);
    } else {
      // not the event bytes: RowToEvent ignores them, and reading them would add the largest column to the scan
      Types.NestedField bytes = table.schema().findField(ArchiveSchema.EVENT_AVRO);
      Schema columns = bytes == null ? table.schema() : TypeUtil.selectNot(table.schema(), Set.of(bytes.fieldId()));
      builder = IcebergSource.forOutputType(new ToEvent(columns)).project(columns);
    }
    IcebergSource<Event> source = builder
        .tableLoader(ArchiveTables.tableLoader(archive))
        .useSnapshotId(plan.snapshotId())
        .filters(ArchiveScan.filters(range))
        .streaming(false)
        .build();
    return env.fromSource(source,
            WatermarkStrategy.<Event>noWatermarks().withTimestampAssigner((e, t) -> Math.floorDiv(e.getTs(), 1_000_000L)),
            "archive " + archive.qualifiedTable() + " [" + range.from() + ", " + range.to() + ")",
            new AvroTypeInfo<>(Event.class))
        .uid("archive-source")
        .filter(new InRange(range)).name("event time in range").uid("in-range");
  }

  static final class ToEvent implements RowDataConverter<Event> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;
    private transient RowToEvent convert;

    ToEvent(Schema schema) {
      this.schema = schema;
    }

    @Override
    public Event apply(RowData row) {
      if (convert == null) {
        convert = new RowToEvent(schema);
      }
      return convert.convert(row);
    }

    @Override
    public TypeInformation<Event> getProducedType() {
      return new AvroTypeInfo<>(Event.class);
    }
  }

  /**
   * A new {@link Event} per row: the source reader hands rows on in batches, so one reused instance would be
   * overwritten before it is processed.
   */
  static final class BytesToEvent implements RowDataConverter<Event> {
    private static final long serialVersionUID = 1L;
    private final int pos;
    private transient WireCodec<Event> codec;

    BytesToEvent(int pos) {
      this.pos = pos;
    }

    @Override
    public Event apply(RowData row) {
      if (codec == null) {
        codec = WireCodec.events();
      }
      if (row.isNullAt(pos)) {
        // the plan saw a value in every row of every file; a null here means the file changed under the scan
        throw new IllegalStateException("archived event without " + ArchiveSchema.EVENT_AVRO
            + " on the event-bytes read path; rerun with --read columns");
      }
      try {
        return codec.decode(row.getBinary(pos), null);
      } catch (WireFormatException e) {
        throw new IllegalStateException("archived " + ArchiveSchema.EVENT_AVRO + " does not decode ("
            + e.getMessage() + "); rerun with --read columns", e);
      }
    }

    @Override
    public TypeInformation<Event> getProducedType() {
      return new AvroTypeInfo<>(Event.class);
    }
  }

  static final class InRange extends RichFilterFunction<Event> {
    private static final long serialVersionUID = 1L;
    private final long from;
    private final long to;
    private transient LongCounter scanned;
    private transient LongCounter inRange;

    InRange(TimeRange range) {
      this.from = range.fromNanos();
      this.to = range.toNanos();
    }

    @Override
    public void open(OpenContext ctx) {
      scanned = new LongCounter();
      inRange = new LongCounter();
      getRuntimeContext().addAccumulator(SCANNED, scanned);
      getRuntimeContext().addAccumulator(IN_RANGE, inRange);
    }

    @Override
    public boolean filter(Event e) {
      scanned.add(1L);
      long ts = e.getTs();
      if (ts >= from && ts < to) {
        inRange.add(1L);
        return true;
      }
      return false;
    }
  }
}
