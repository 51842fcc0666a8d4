package dev.eyrie.jobs.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.runtime.JobEnvironments;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.transforms.Transforms;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@RequiresKafka
class ArchiveJobIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
  private static final long HOUR_NS = 3_600_000_000_000L;

  @TempDir Path tmp;

  /** {@code n} events over 3 hours and 5 hosts; event ids unique. */
  static List<Event> events(int from, int to) {
    List<Event> out = new ArrayList<>();
    for (int seq = from; seq <= to; seq++) {
      Event e = TestEvents.open("node-" + (seq % 5), seq, "cat", "/etc/f" + (seq % 7));
      e.setTs(TestEvents.T0 + (seq % 3) * HOUR_NS + seq * 1_000L);
      out.add(e);
    }
    return out;
  }

  @Test
  void everyEventLandsExactlyOnceAcrossAFailureAndPartitionsAreHourAndHostBucket(KafkaServer kafka) throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 2);
    Path warehouse = tmp.resolve("warehouse");
    Path marker = tmp.resolve("failed-once");
    Map<String, String> s = new HashMap<>(TestJobs.settings(kafka, t, null, null));
    s.put("job.name", "archive-" + t.events());
    s.put("job.parallelism", "2");
    s.put("checkpoints.interval", "500ms");
    s.put("archive.warehouse", warehouse.toString());
    s.put("archive.host-buckets", "4");
    // each subtask sees ~500 events of the first batch; the failure happens (once) during the second
    s.put("fault.fail-once-after-events", "700");
    s.put("fault.marker-file", marker.toString());
    ArchiveConfig cfg = ArchiveConfig.load(null, s, ArchiveJob.DEFAULT_NAME);

    List<Event> first = events(1, 1000);
    List<Event> second = events(1001, 2000);
    StreamExecutionEnvironment env = JobEnvironments.create(cfg.job());
    ArchiveJob.build(env, cfg.job(), cfg.archive());
    JobClient job = env.executeAsync(cfg.job().jobName());
    TestJobs.awaitRunning(job, Duration.ofSeconds(60));
    Table table = ArchiveTables.loadIfExists(cfg.archive());
    try {
      Topics.produceEvents(kafka, t.events(), first, 2);
      await(table, 1000);
      Topics.produceEvents(kafka, t.events(), second, 2);
      await(table, 2000);
      // a few more checkpoints: a duplicate commit would show up as extra records now
      Thread.sleep(3000);
      assertTrue(Files.exists(marker), "the injected failure never happened");
      assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "job did not recover");
    } finally {
      TestJobs.stop(job);
    }

    List<Record> rows = ArchiveTestTables.rows(table);
    assertEquals(2000, rows.size(), "rows in the table, duplicates included");
    Set<String> ids = new HashSet<>();
    for (Record r : rows) {
      ids.add((String) r.getField("event_id"));
    }
    assertEquals(2000, ids.size(), "distinct event ids");
    Set<String> expected = new HashSet<>();
    first.forEach(e -> expected.add(e.getEventId()));
    second.forEach(e -> expected.add(e.getEventId()));
    assertEquals(expected, ids);

    // each row keeps the record value exactly as it sits in the events topic (not a re-encoding)
    Map<String, byte[]> sent = new HashMap<>();
    WireCodec<Event> codec = WireCodec.events();
    try (Topics.CommittedReader reader = new Topics.CommittedReader(kafka, t.events())) {
      for (var rec : reader.atLeast(2000, Duration.ofSeconds(60))) {
        sent.put(codec.decode(rec.value(), null).getEventId(), rec.value());
      }
    }
    assertEquals(2000, sent.size());
    for (Record r : rows) {
      ByteBuffer kept = (ByteBuffer) r.getField(ArchiveSchema.EVENT_AVRO);
      byte[] bytes = new byte[kept.remaining()];
      kept.duplicate().get(bytes);
      assertArrayEquals(sent.get((String) r.getField("event_id")), bytes, "event_avro of " + r.getField("event_id"));
    }

    // partitions: (hour of event_time, bucket(4, host.id)); each file holds one hour and one host bucket
    List<PartitionField> fields = table.spec().fields();
    assertEquals(List.of("event_hour", "host_bucket"), fields.stream().map(PartitionField::name).toList());
    assertEquals("hour", fields.get(0).transform().toString());
    assertEquals("bucket[4]", fields.get(1).transform().toString());
    var bucket = Transforms.bucket(4).bind(Types.StringType.get());
    Map<String, Long> perPartition = new TreeMap<>();
    for (DataFile f : ArchiveTestTables.files(table)) {
      int hour = f.partition().get(0, Integer.class);
      int b = f.partition().get(1, Integer.class);
      perPartition.merge(hour + "/" + b, f.recordCount(), Long::sum);
    }
    Map<String, Long> expectedPerPartition = new TreeMap<>();
    for (Event e : first.size() > 0 ? concat(first, second) : second) {
      long hour = Math.floorDiv(e.getTs(), HOUR_NS);
      int b = (Integer) bucket.apply(e.getHost().getId());
      expectedPerPartition.merge(hour + "/" + b, 1L, Long::sum);
    }
    assertEquals(expectedPerPartition, perPartition, "records per (hour, host bucket) partition");
    // event_time carries ts at microsecond precision
    for (Record r : rows) {
      long ts = (Long) r.getField("ts");
      java.time.OffsetDateTime et = (java.time.OffsetDateTime) r.getField("event_time");
      assertEquals(Instant.EPOCH.plus(Math.floorDiv(ts, 1000L), ChronoUnit.MICROS), et.toInstant());
    }
  }

  private static List<Event> concat(List<Event> a, List<Event> b) {
    List<Event> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void await(Table t, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    long got;
    while ((got = ArchiveTestTables.committedRecords(t)) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited for " + n + " committed records; table has " + got);
      }
      Thread.sleep(200);
    }
  }
}
