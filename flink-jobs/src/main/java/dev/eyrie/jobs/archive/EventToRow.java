package dev.eyrie.jobs.archive;

import dev.eyrie.schema.Event;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Event → Flink {@link RowData} in the archive table's column layout. The conversion tree is built once from the
 * (Avro schema, table schema) pair, matching fields by name, so the per-event path is positional gets and puts.
 * Table columns the Avro schema lacks (written by a newer producer) stay null.
 */
public final class EventToRow {
  private interface Conv {
    Object apply(Object avro);
  }

  private final RecordConv top;
  private final int eventTimePos;
  private final int tsPos;
  /** -1 when the table has no event-bytes column (a table not yet evolved by {@link ArchiveTables#ensure}). */
  private final int eventAvroPos;

  public EventToRow(Schema table) {
    this(table, Event.getClassSchema());
  }

  EventToRow(Schema table, org.apache.avro.Schema avro) {
    this.top = record(avro, table.asStruct(), "");
    Types.NestedField eventTime = table.findField(ArchiveSchema.EVENT_TIME);
    if (eventTime == null) {
      throw new IllegalArgumentException("archive table has no " + ArchiveSchema.EVENT_TIME + " column");
    }
    this.eventTimePos = table.columns().indexOf(eventTime);
    this.tsPos = avro.getField(ArchiveSchema.TS).pos();
    Types.NestedField bytes = table.findField(ArchiveSchema.EVENT_AVRO);
    this.eventAvroPos = bytes == null ? -1 : table.columns().indexOf(bytes);
  }

  /** An {@link Event}, or a record of an older/newer Event schema when built for that schema. */
  public RowData convert(IndexedRecord e) {
    return convert(e, null);
  }

  /**
   * As {@link #convert(IndexedRecord)}, keeping {@code avroBytes} (the event's single-object encoding, or null)
   * in the event-bytes column. The array is stored, not copied: the caller must not reuse it.
   */
  public RowData convert(IndexedRecord e, byte[] avroBytes) {
    GenericRowData row = top.apply(e);
    if (avroBytes != null) {
      if (eventAvroPos < 0) {
        throw new IllegalStateException("archive table has no " + ArchiveSchema.EVENT_AVRO
            + " column to keep the event bytes in");
      }
      row.setField(eventAvroPos, avroBytes);
    }
    long nanos = (Long) e.get(tsPos);
    row.setField(eventTimePos, TimestampData.fromEpochMillis(
        Math.floorDiv(nanos, 1_000_000L), (int) Math.floorMod(nanos, 1_000_000L)));
    return row;
  }

  private static final class RecordConv implements Conv {
    private final int arity;
    private final int[] avroPos;
    private final Conv[] convs;

    RecordConv(int arity, int[] avroPos, Conv[] convs) {
      this.arity = arity;
      this.avroPos = avroPos;
      this.convs = convs;
    }

    @Override
    public GenericRowData apply(Object avro) {
      IndexedRecord r = (IndexedRecord) avro;
      GenericRowData row = new GenericRowData(arity);
      for (int i = 0; i < arity; i++) {
        int p = avroPos[i];
        if (p >= 0) {
          Object v = r.get(p);
          row.setField(i, v == null ? null : convs[i].apply(v));
        }
      }
      return row;
    }
  }

  private static RecordConv record(org.apache.avro.Schema avro, Types.StructType struct, String path) {
    List<Types.NestedField> cols = struct.fields();
    int[] pos = new int[cols.size()];
    Conv[] convs = new Conv[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      Types.NestedField col = cols.get(i);
      org.apache.avro.Schema.Field f = avro.getField(col.name());
      if (f == null) {
        pos[i] = -1;
        continue;
      }
      String where = path + col.name();
      pos[i] = f.pos();
      convs[i] = conv(ArchiveSchema.nonNull(f.schema(), where), col.type(), where);
    }
    return new RecordConv(cols.size(), pos, convs);
  }

  private static Conv conv(org.apache.avro.Schema avro, Type type, String where) {
    switch (type.typeId()) {
      case STRUCT:
        return record(avro, type.asStructType(), where + ".");
      case LIST: {
        Conv element = conv(ArchiveSchema.nonNull(avro.getElementType(), where), type.asListType().elementType(),
            where + "[]");
        return v -> {
          List<?> l = (List<?>) v;
          Object[] out = new Object[l.size()];
          for (int i = 0; i < out.length; i++) {
            Object x = l.get(i);
            out[i] = x == null ? null : element.apply(x);
          }
          return new GenericArrayData(out);
        };
      }
      case MAP: {
        Conv value = conv(ArchiveSchema.nonNull(avro.getValueType(), where), type.asMapType().valueType(),
            where + "{}");
        return v -> {
          Map<?, ?> m = (Map<?, ?>) v;
          Map<Object, Object> out = new HashMap<>(m.size() * 2);
          for (Map.Entry<?, ?> e : m.entrySet()) {
            Object x = e.getValue();
            out.put(StringData.fromString(e.getKey().toString()), x == null ? null : value.apply(x));
          }
          return new GenericMapData(out);
        };
      }
      case STRING:
        return v -> StringData.fromString(v.toString());
      case BINARY:
        return v -> {
          if (v instanceof GenericFixed f) {
            return f.bytes().clone();
          }
          ByteBuffer b = ((ByteBuffer) v).duplicate();
          byte[] out = new byte[b.remaining()];
          b.get(out);
          return out;
        };
      case LONG:
        // Avro and Iceberg both allow int → long promotion
        return avro.getType() == org.apache.avro.Schema.Type.INT ? v -> ((Integer) v).longValue() : v -> v;
      case INTEGER:
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
        return v -> v;
      default:
        throw new IllegalArgumentException("archive column " + where + " of type " + type
            + " cannot be written from Avro " + avro);
    }
  }
}
