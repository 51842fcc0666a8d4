package dev.eyrie.jobs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.backfill.ArchiveEvents;
import dev.eyrie.jobs.backfill.ArchiveScan;
import dev.eyrie.jobs.backfill.ReadPath;
import dev.eyrie.jobs.backfill.TimeRange;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive follows the Avro schema: a table created by an older Event schema (without {@code cpu} and
 * {@code proc.is_exe_from_memfd}, both added with defaults) gains the columns when the current schema's job
 * starts, and old rows read back with the Avro defaults.
 */
class SchemaEvolutionIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

  @TempDir Path tmp;

  static org.apache.avro.Schema olderEventSchema() throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = (ObjectNode) m.readTree(Event.getClassSchema().toString());
    remove((ArrayNode) root.get("fields"), "cpu");
    for (var f : root.get("fields")) {
      if (f.get("name").asText().equals("proc")) {
        remove((ArrayNode) f.get("type").get("fields"), "is_exe_from_memfd");
      }
    }
    return new org.apache.avro.Schema.Parser().parse(root.toString());
  }

  private static void remove(ArrayNode fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(name)) {
        fields.remove(i);
        return;
      }
    }
    throw new IllegalStateException("no field " + name);
  }

  /** The event as a producer on the older schema would have sent it. */
  static IndexedRecord asOlder(Event e, org.apache.avro.Schema older) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<Event>(Event.getClassSchema()).write(e, enc);
    enc.flush();
    return new GenericDatumReader<IndexedRecord>(Event.getClassSchema(), older)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }

  @Test
  void addingAnAvroFieldWithADefaultAddsAnOptionalColumnAndOldRowsReadTheDefault() throws Exception {
    ArchiveSettings s = ArchiveTestTables.settings(tmp.resolve("wh").toString());
    org.apache.avro.Schema older = olderEventSchema();
    Table t = ArchiveTables.ensure(s, ArchiveSchema.of(older));
    assertNull(t.schema().findField("cpu"));
    List<IndexedRecord> old = new ArrayList<>();
    for (int seq = 1; seq <= 10; seq++) {
      Event e = TestEvents.open("node-1", seq, "cat", "/etc/hosts");
      e.setCpu(5);
      old.add(asOlder(e, older));
    }
    ArchiveFixtures.write(s, t, old, older);
    int columnsBefore = t.schema().columns().size();

    // the current job starts: the table follows the Avro schema
    t = ArchiveTables.ensure(s, ArchiveSchema.current());
    Types.NestedField cpu = t.schema().findField("cpu");
    assertNotNull(cpu, "cpu column added");
    assertTrue(cpu.isOptional(), "added columns are optional (old files have no values)");
    assertNotNull(t.schema().findField("proc.is_exe_from_memfd"), "nested column added");
    assertEquals(columnsBefore + 1, t.schema().columns().size());
    assertEquals(List.of(ArchiveSchema.EVENT_TIME, ArchiveSchema.EVENT_AVRO),
        t.schema().columns().subList(columnsBefore - 2, columnsBefore).stream().map(Types.NestedField::name).toList(),
        "existing columns keep their ids and order; new top-level columns are appended");

    List<Event> fresh = new ArrayList<>();
    for (int seq = 11; seq <= 15; seq++) {
      Event e = TestEvents.open("node-1", seq, "cat", "/etc/hosts");
      e.setCpu(7);
      e.getProc().setIsExeFromMemfd(true);
      fresh.add(e);
    }
    ArchiveFixtures.write(s, t, new ArrayList<>(fresh), Event.getClassSchema());

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(1);
    TimeRange all = new TimeRange(Instant.ofEpochSecond(0, TestEvents.T0), Instant.ofEpochSecond(0, TestEvents.T0 + 60_000_000_000L));
    List<Event> read = new ArrayList<>();
    ArchiveScan.Plan plan = ArchiveScan.plan(t, all);
    ReadPath path = ReadPath.choose(ReadPath.Mode.AUTO, plan);
    assertFalse(path.eventBytes(), "the old rows have no event bytes: " + path.reason());
    ArchiveEvents.read(env, s, t, plan, all, path).executeAndCollect().forEachRemaining(read::add);
    assertEquals(15, read.size());
    Map<Long, Event> bySeq = new HashMap<>();
    read.forEach(e -> bySeq.put(e.getSeq(), e));
    for (long seq = 1; seq <= 10; seq++) {
      assertEquals(-1, bySeq.get(seq).getCpu(), "old row: Avro default of cpu");
      assertFalse(bySeq.get(seq).getProc().getIsExeFromMemfd(), "old row: Avro default of is_exe_from_memfd");
      assertEquals("/etc/hosts", bySeq.get(seq).getFd().getName());
    }
    for (long seq = 11; seq <= 15; seq++) {
      assertEquals(7, bySeq.get(seq).getCpu());
      assertTrue(bySeq.get(seq).getProc().getIsExeFromMemfd());
      assertEquals(fresh.get((int) seq - 11), bySeq.get(seq), "a current event reads back equal to what was written");
    }
  }
}
