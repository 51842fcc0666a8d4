package dev.eyrie.jobs.archive;

import dev.eyrie.schema.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The archive table's layout, derived from the Avro {@link Event} schema so that the archive follows the wire
 * format: records become structs, arrays lists, maps maps, {@code ["null", X]} an optional X; nothing is
 * flattened. One column is added: {@value #EVENT_TIME}, the event time as an Iceberg {@code timestamptz}
 * (microseconds), because Iceberg's {@code hours()} transform (and every engine's time filters) need a timestamp
 * type while {@code ts} stays the exact nanosecond long of the wire format. And {@value #EVENT_AVRO}: the event's
 * Avro single-object bytes as received, so a reader that wants whole events (the backfill) reads one column and
 * decodes it with the wire codec instead of assembling ~90 nested leaf columns.
 *
 * <p>Partitioning: {@code hours(event_time)} and {@code bucket(N, host.id)}. A bucket rather than the identity of
 * the host id: a fleet has thousands of hosts, and identity partitioning would write one file per host per hour
 * per checkpoint (millions of tiny files a day); N buckets bound the file count per hour whatever the fleet size,
 * while an equality filter on {@code host.id} still prunes to one bucket.
 */
public final class ArchiveSchema {
  public static final String EVENT_TIME = "event_time";
  public static final String TS = "ts";
  public static final String HOST_ID = "host.id";
  public static final String EVENT_AVRO = "event_avro";

  private ArchiveSchema() {}

  /** The table schema for the Avro schema the code was built with. */
  public static Schema current() {
    return of(Event.getClassSchema());
  }

  public static Schema of(org.apache.avro.Schema avroRecord) {
    AtomicInteger ids = new AtomicInteger(0);
    List<Types.NestedField> fields = new ArrayList<>(struct(avroRecord, ids).fields());
    for (String derived : List.of(EVENT_TIME, EVENT_AVRO)) {
      if (avroRecord.getField(derived) != null) {
        throw new IllegalArgumentException("the Avro schema has a field named " + derived
            + ", a column the archive adds itself");
      }
    }
    fields.add(Types.NestedField.required(ids.incrementAndGet(), EVENT_TIME, Types.TimestampType.withZone(),
        "Event time (ts) as a timestamp with microsecond precision; partition source and filter column."));
    fields.add(Types.NestedField.optional(ids.incrementAndGet(), EVENT_AVRO, Types.BinaryType.get(),
        "The event as received: Avro single-object encoding (marker, schema fingerprint, body), decodable with "
            + "WireCodec whatever schema version wrote it. Null when written with archive.event-bytes=false or "
            + "before the column existed."));
    return new Schema(fields);
  }

  public static PartitionSpec partitionSpec(Schema schema, int hostBuckets) {
    return PartitionSpec.builderFor(schema)
        .hour(EVENT_TIME, "event_hour")
        .bucket(HOST_ID, hostBuckets, "host_bucket")
        .build();
  }

  private static Types.StructType struct(org.apache.avro.Schema record, AtomicInteger ids) {
    List<Types.NestedField> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field f : record.getFields()) {
      org.apache.avro.Schema s = f.schema();
      boolean optional = isNullable(s);
      Type t = type(nonNull(s, record.getFullName() + "." + f.name()), ids, record.getFullName() + "." + f.name());
      int id = ids.incrementAndGet();
      fields.add(optional
          ? Types.NestedField.optional(id, f.name(), t, f.doc())
          : Types.NestedField.required(id, f.name(), t, f.doc()));
    }
    return Types.StructType.of(fields);
  }

  private static Type type(org.apache.avro.Schema s, AtomicInteger ids, String where) {
    switch (s.getType()) {
      case RECORD:
        return struct(s, ids);
      case ARRAY: {
        org.apache.avro.Schema items = s.getElementType();
        Type element = type(nonNull(items, where + "[]"), ids, where + "[]");
        int id = ids.incrementAndGet();
        return isNullable(items) ? Types.ListType.ofOptional(id, element) : Types.ListType.ofRequired(id, element);
      }
      case MAP: {
        org.apache.avro.Schema values = s.getValueType();
        Type value = type(nonNull(values, where + "{}"), ids, where + "{}");
        int keyId = ids.incrementAndGet();
        int valueId = ids.incrementAndGet();
        return isNullable(values)
            ? Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), value)
            : Types.MapType.ofRequired(keyId, valueId, Types.StringType.get(), value);
      }
      case STRING:
      case ENUM:
        return Types.StringType.get();
      case BYTES:
      case FIXED:
        return Types.BinaryType.get();
      case INT:
        return Types.IntegerType.get();
      case LONG:
        return Types.LongType.get();
      case FLOAT:
        return Types.FloatType.get();
      case DOUBLE:
        return Types.DoubleType.get();
      case BOOLEAN:
        return Types.BooleanType.get();
      default:
        throw new IllegalArgumentException("Avro type " + s.getType() + " at " + where
            + " has no archive column mapping (only [\"null\", X] unions are supported)");
    }
  }

  static boolean isNullable(org.apache.avro.Schema s) {
    return s.getType() == org.apache.avro.Schema.Type.UNION
        && s.getTypes().stream().anyMatch(t -> t.getType() == org.apache.avro.Schema.Type.NULL);
  }

  /** X of {@code ["null", X]}, or the schema itself; other unions are rejected with their location. */
  static org.apache.avro.Schema nonNull(org.apache.avro.Schema s, String where) {
    if (s.getType() != org.apache.avro.Schema.Type.UNION) {
      return s;
    }
    List<org.apache.avro.Schema> branches = s.getTypes().stream()
        .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
    if (branches.size() != 1) {
      throw new IllegalArgumentException("Avro union " + s + " at " + where
          + " has no archive column mapping (only [\"null\", X] unions are supported)");
    }
    return branches.get(0);
  }
}
