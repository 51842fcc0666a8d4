package dev.eyrie.jobs.archive;

import dev.eyrie.schema.Event;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Archive rows → {@link Event}, the inverse of {@link EventToRow}, for whatever table schema version the rows
 * were read with: fields are matched by name, and an Avro field whose column is missing (a file written before
 * the column was added) or null while the Avro type is not nullable gets the Avro default — exactly Avro's
 * schema-resolution rule, so an archived event reads back as a newer reader would decode the old wire bytes.
 * Built once per reader; the per-row path is positional gets and puts with no reflection.
 */
public final class RowToEvent {
  private interface Conv {
    Object apply(Object internal);
  }

  private final RecordConv top;

  public RowToEvent(Schema table) {
    this(table, Event.getClassSchema());
  }

  RowToEvent(Schema table, org.apache.avro.Schema avro) {
    this.top = record(avro, FlinkSchemaUtil.convert(table), "");
  }

  public Event convert(RowData row) {
    return (Event) top.apply(row);
  }

  private static final class RecordConv implements Conv {
    private final Supplier<IndexedRecord> factory;
    private final RowData.FieldGetter[] getters;
    private final Conv[] convs;
    private final org.apache.avro.Schema.Field[] fields;
    private final boolean[] nullable;

    RecordConv(Supplier<IndexedRecord> factory, RowData.FieldGetter[] getters, Conv[] convs,
        org.apache.avro.Schema.Field[] fields, boolean[] nullable) {
      this.factory = factory;
      this.getters = getters;
      this.convs = convs;
      this.fields = fields;
      this.nullable = nullable;
    }

    @Override
    public Object apply(Object internal) {
      RowData row = (RowData) internal;
      IndexedRecord r = factory.get();
      for (int i = 0; i < fields.length; i++) {
        RowData.FieldGetter g = getters[i];
        Object v = g == null ? null : g.getFieldOrNull(row);
        if (v != null) {
          r.put(i, convs[i].apply(v));
        } else if (nullable[i]) {
          r.put(i, null);
        } else {
          r.put(i, defaultOf(fields[i]));
        }
      }
      return r;
    }
  }

  private static Object defaultOf(org.apache.avro.Schema.Field f) {
    if (!f.hasDefaultValue()) {
      throw new IllegalStateException("archive row has no value for Avro field '" + f.name()
          + "', which has no default: the table and the Avro schema have diverged incompatibly");
    }
    return SpecificData.get().getDefaultValue(f);
  }

  private static RecordConv record(org.apache.avro.Schema avro, RowType rowType, String path) {
    List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
    int n = avroFields.size();
    RowData.FieldGetter[] getters = new RowData.FieldGetter[n];
    Conv[] convs = new Conv[n];
    boolean[] nullable = new boolean[n];
    for (int i = 0; i < n; i++) {
      org.apache.avro.Schema.Field f = avroFields.get(i);
      nullable[i] = ArchiveSchema.isNullable(f.schema());
      int col = rowType.getFieldIndex(f.name());
      if (col < 0) {
        continue;
      }
      LogicalType t = rowType.getTypeAt(col);
      getters[i] = RowData.createFieldGetter(t, col);
      convs[i] = conv(ArchiveSchema.nonNull(f.schema(), path + f.name()), t, path + f.name());
    }
    return new RecordConv(factory(avro), getters, convs, avroFields.toArray(new org.apache.avro.Schema.Field[0]),
        nullable);
  }

  private static Conv conv(org.apache.avro.Schema avro, LogicalType t, String where) {
    switch (avro.getType()) {
      case RECORD:
        return record(avro, (RowType) t, where + ".");
      case ARRAY: {
        LogicalType elementType = ((org.apache.flink.table.types.logical.ArrayType) t).getElementType();
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        Conv element = conv(ArchiveSchema.nonNull(avro.getElementType(), where), elementType, where + "[]");
        return v -> {
          ArrayData a = (ArrayData) v;
          int size = a.size();
          List<Object> out = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            Object x = getter.getElementOrNull(a, i);
            out.add(x == null ? null : element.apply(x));
          }
          return out;
        };
      }
      case MAP: {
        org.apache.flink.table.types.logical.MapType mt = (org.apache.flink.table.types.logical.MapType) t;
        ArrayData.ElementGetter keyGetter = ArrayData.createElementGetter(mt.getKeyType());
        ArrayData.ElementGetter valueGetter = ArrayData.createElementGetter(mt.getValueType());
        Conv value = conv(ArchiveSchema.nonNull(avro.getValueType(), where), mt.getValueType(), where + "{}");
        return v -> {
          MapData m = (MapData) v;
          ArrayData keys = m.keyArray();
          ArrayData values = m.valueArray();
          int size = m.size();
          Map<String, Object> out = new HashMap<>(size * 2);
          for (int i = 0; i < size; i++) {
            Object x = valueGetter.getElementOrNull(values, i);
            out.put(keyGetter.getElementOrNull(keys, i).toString(), x == null ? null : value.apply(x));
          }
          return out;
        };
      }
      case STRING:
        return Object::toString;
      case ENUM:
        return v -> SpecificData.get().createEnum(v.toString(), avro);
      case BYTES:
        return v -> ByteBuffer.wrap((byte[]) v);
      case FIXED:
        return v -> SpecificData.get().createFixed(null, (byte[]) v, avro);
      case INT:
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
      case LONG:
        return v -> v;
      default:
        throw new IllegalArgumentException("Avro field " + where + " of type " + avro.getType()
            + " cannot be read from archive column type " + t);
    }
  }

  /** A constructor reference for the generated class, bound once; generic records where there is none. */
  @SuppressWarnings("unchecked")
  private static Supplier<IndexedRecord> factory(org.apache.avro.Schema avro) {
    Class<?> c = SpecificData.get().getClass(avro);
    if (c == null || !SpecificRecord.class.isAssignableFrom(c)) {
      return () -> new GenericData.Record(avro);
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle ctor = lookup.findConstructor(c, MethodType.methodType(void.class));
      CallSite site = LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
          MethodType.methodType(Object.class), ctor, MethodType.methodType(c));
      return (Supplier<IndexedRecord>) site.getTarget().invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot instantiate Avro class " + c.getName(), e);
    }
  }
}
