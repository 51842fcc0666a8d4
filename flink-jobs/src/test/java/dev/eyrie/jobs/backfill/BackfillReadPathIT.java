package dev.eyrie.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveFixtures;
import dev.eyrie.jobs.archive.ArchiveSchema;
import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.bench.BackfillBench;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two read paths of the backfill over the same archive: the event-bytes column alone and every column must
 * give the same events and the same alerts; a table with files written before event bytes (or with them off)
 * falls back to the columns and still finds everything.
 */
@RequiresKafka
class BackfillReadPathIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
  private static final int N = 2000;

  @TempDir Path tmp;

  /** The benchmark's fleet mix (execs, opens, connects, other syscalls), compressed into ~2.4 hours. */
  static List<Event> events(int from, int to) {
    List<Event> out = new ArrayList<>();
    for (int seq = from; seq <= to; seq++) {
      out.add(BackfillBench.Generate.event(seq, 10L * N));
    }
    return out;
  }

  static TimeRange all(List<Event> events) {
    long min = events.stream().mapToLong(Event::getTs).min().orElseThrow();
    long max = events.stream().mapToLong(Event::getTs).max().orElseThrow();
    return new TimeRange(Instant.ofEpochSecond(0, min), Instant.ofEpochSecond(0, max + 1));
  }

  private ArchiveSettings settings(boolean eventBytes) {
    return ArchiveConfig.load(null, Map.of("archive.warehouse", tmp.resolve("warehouse").toString(),
        "archive.event-bytes", Boolean.toString(eventBytes)), "test").archive();
  }

  private static RulesetSpec falcoRules() {
    return RulesetSpec.of(RulesPublisher.read(Paths.officialFalcoRules()), null, RuleMatching.FIRST, List.of());
  }

  @Test
  void eventBytesAndColumnsGiveTheSameEventsAndAlerts(KafkaServer kafka) throws Exception {
    List<Event> events = events(1, N);
    ArchiveSettings a = settings(true);
    ArchiveFixtures.write(a, events);
    Table t = ArchiveTables.loadIfExists(a);
    TimeRange range = all(events);
    ArchiveScan.Plan plan = ArchiveScan.plan(t, range);
    assertTrue(plan.files() > 1, plan.files() + " files");
    assertEquals(plan.files(), plan.filesWithEventBytes(), "every file written with event bytes has them");
    ReadPath auto = ReadPath.choose(ReadPath.Mode.AUTO, plan);
    assertTrue(auto.eventBytes(), auto.reason());

    List<Event> viaBytes = read(a, t, plan, range, auto);
    List<Event> viaColumns = read(a, t, plan, range, ReadPath.choose(ReadPath.Mode.COLUMNS, plan));
    assertEquals(N, viaBytes.size());
    assertEquals(events, viaBytes, "event bytes decode to the events written");
    assertEquals(viaColumns, viaBytes, "both paths read the same events");

    Map<String, JsonNode> bytesAlerts = alerts(kafka, a, range, ReadPath.Mode.BYTES, true);
    Map<String, JsonNode> columnAlerts = alerts(kafka, a, range, ReadPath.Mode.COLUMNS, false);
    assertTrue(bytesAlerts.size() > 20, bytesAlerts.size() + " alerts");
    assertEquals(columnAlerts.keySet(), bytesAlerts.keySet(), "alert ids");
    assertEquals(columnAlerts, bytesAlerts, "alerts (rule, output, fields) apart from the run id");
  }

  @Test
  void aTableWithFilesWithoutEventBytesFallsBackToColumnsAndFindsEverything(KafkaServer kafka) throws Exception {
    List<Event> older = events(1, N / 2);
    List<Event> newer = events(N / 2 + 1, N);
    ArchiveSettings off = settings(false);
    Table t = ArchiveTables.ensure(off, ArchiveSchema.current());
    ArchiveFixtures.write(off, t, new ArrayList<IndexedRecord>(older), Event.getClassSchema());
    ArchiveSettings on = settings(true);
    ArchiveFixtures.write(on, t, new ArrayList<IndexedRecord>(newer), Event.getClassSchema());

    List<Event> everything = new ArrayList<>(older);
    everything.addAll(newer);
    TimeRange range = all(everything);
    ArchiveScan.Plan plan = ArchiveScan.plan(t, range);
    assertTrue(plan.filesWithEventBytes() > 0 && plan.filesWithEventBytes() < plan.files(),
        plan.filesWithEventBytes() + " of " + plan.files() + " files have event bytes");
    ReadPath auto = ReadPath.choose(ReadPath.Mode.AUTO, plan);
    assertFalse(auto.eventBytes());
    assertTrue(auto.reason().contains((plan.files() - plan.filesWithEventBytes()) + " of " + plan.files()
        + " planned files predate event bytes"), auto.reason());
    IllegalArgumentException forced = assertThrows(IllegalArgumentException.class,
        () -> ReadPath.choose(ReadPath.Mode.BYTES, plan));
    assertTrue(forced.getMessage().startsWith("--read bytes: "), forced.getMessage());

    Map<String, JsonNode> fallback = alerts(kafka, on, range, ReadPath.Mode.AUTO, false);
    Map<String, JsonNode> reference = new TreeMap<>();
    // the reference: all events written again, with bytes, into a table of their own, read through the bytes
    ArchiveSettings fresh = ArchiveConfig.load(null, Map.of("archive.warehouse",
        tmp.resolve("reference").toString()), "test").archive();
    ArchiveFixtures.write(fresh, everything);
    reference.putAll(alerts(kafka, fresh, range, ReadPath.Mode.BYTES, true));
    assertTrue(reference.size() > 20, reference.size() + " alerts");
    assertEquals(reference, fallback, "the fallback finds every alert, old files included");
  }

  private static List<Event> read(ArchiveSettings a, Table t, ArchiveScan.Plan plan, TimeRange range, ReadPath path)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(2);
    List<Event> out = new ArrayList<>();
    ArchiveEvents.read(env, a, t, plan, range, path).executeAndCollect().forEachRemaining(out::add);
    out.sort(Comparator.comparingLong(Event::getSeq));
    return out;
  }

  /** A run to a fresh alerts topic; the alerts by id, without the run id (the only field meant to differ). */
  private static Map<String, JsonNode> alerts(KafkaServer kafka, ArchiveSettings a, TimeRange range,
      ReadPath.Mode mode, boolean expectBytes) throws Exception {
    TestJobs.Topics topics = TestJobs.topics(kafka, 1);
    Map<String, String> s = new HashMap<>(TestJobs.settings(kafka, topics, null, null));
    s.put("archive.warehouse", a.warehouse());
    s.put("job.parallelism", "2");
    JobConfig job = ArchiveConfig.load(null, s, "backfill-read-path").job();
    String runId = "run-" + mode.name().toLowerCase();
    BackfillJob.Result r = BackfillJob.run(new BackfillJob.Request(job, a, range, falcoRules(), null, runId, 0, true,
        mode), n -> { }, n -> { });
    assertEquals(expectBytes, r.readPath().eventBytes(), r.readPath().reason());
    long found = r.eventAlerts() + r.sequenceAlerts();
    Map<String, JsonNode> byId = new TreeMap<>();
    try (Topics.CommittedReader reader = new Topics.CommittedReader(kafka, topics.alerts())) {
      reader.atLeast((int) found, Duration.ofSeconds(60));
      for (JsonNode n : Topics.json(reader.settle(Duration.ofSeconds(1)))) {
        assertEquals(runId, n.get("backfill_run_id").asText(), n.toString());
        ((ObjectNode) n).remove("backfill_run_id");
        byId.put(n.get("alert_id").asText(), n);
      }
    }
    assertEquals(found, byId.size(), "alerts in Kafka = alerts found, each once");
    return byId;
  }
}
