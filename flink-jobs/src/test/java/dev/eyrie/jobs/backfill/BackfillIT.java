package dev.eyrie.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveFixtures;
import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.archive.ArchiveTestTables;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.sink.elasticsearch.AlertIndexTemplate;
import dev.eyrie.jobs.testing.Es;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.ElasticsearchServer;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresElasticsearch;
import dev.eyrie.testinfra.RequiresKafka;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@RequiresKafka
@RequiresElasticsearch
class BackfillIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
  private static final long HOUR_NS = 3_600_000_000_000L;
  private static final String[] PATHS = {"/etc/shadow", "/etc/sudoers", "/etc/passwd", "/etc/hosts"};
  private static final String RULE = "Read sensitive file";

  @TempDir Path tmp;

  /** 1200 events spread over hours 0, 1, 2 after T0 and 5 hosts; the path cycles through {@link #PATHS}. */
  static List<Event> events() {
    List<Event> out = new ArrayList<>();
    for (int seq = 1; seq <= 1200; seq++) {
      Event e = TestEvents.open("node-" + (seq % 5), seq, "cat", PATHS[seq % 4]);
      e.setTs(TestEvents.T0 + (seq % 3) * HOUR_NS + seq * 1_000_000L);
      out.add(e);
    }
    return out;
  }

  static boolean inHour1(Event e) {
    return e.getTs() >= TestEvents.T0 + HOUR_NS && e.getTs() < TestEvents.T0 + 2 * HOUR_NS;
  }

  private ArchiveSettings archive(List<Event> events) throws Exception {
    ArchiveSettings a = ArchiveTestTables.settings(tmp.resolve("warehouse").toString());
    ArchiveFixtures.write(a, events);
    return a;
  }

  private static TimeRange hour1() {
    return new TimeRange(Instant.ofEpochSecond(0, TestEvents.T0 + HOUR_NS),
        Instant.ofEpochSecond(0, TestEvents.T0 + 2 * HOUR_NS));
  }

  @Test
  void findsTheAlertsOfTheRangeReadingOnlyItsPartitionsAndSkipsThoseRaisedLive(KafkaServer kafka,
      ElasticsearchServer es) throws Exception {
    List<Event> events = events();
    ArchiveSettings a = archive(events);
    Table table = ArchiveTables.loadIfExists(a);

    // the partitions of the range, and only those, are planned
    ArchiveScan.Plan plan = ArchiveScan.plan(table, hour1());
    List<DataFile> all = ArchiveTestTables.files(table);
    long hour1Events = events.stream().filter(BackfillIT::inHour1).count();
    assertEquals(hour1Events, plan.records(), "records in the planned files = events of the hour");
    assertTrue(plan.files() > 0 && plan.files() < all.size(), plan.files() + " of " + all.size() + " files planned");
    int hour1 = (int) ((TestEvents.T0 + HOUR_NS) / HOUR_NS);
    assertTrue(plan.partitions().stream().allMatch(p -> p.startsWith("event_hour=")),
        "partition paths " + plan.partitions());
    long filesOfHour1 = all.stream().filter(f -> f.partition().get(0, Integer.class) == hour1).count();
    assertEquals(filesOfHour1, plan.files(), "planned files = the files of hour " + hour1);

    // one alert the live job already raised (ES _id = alert_id)
    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    String index = es.uniqueIndex("alerts-backfill");
    Set<String> expected = new HashSet<>();
    String liveId = null;
    for (Event e : events) {
      if (inHour1(e) && (e.getFd().getName().equals("/etc/shadow") || e.getFd().getName().equals("/etc/sudoers"))) {
        String id = AlertFactory.alertId(AlertKind.EVENT_RULE, RULE, List.of(e.getEventId()));
        expected.add(id);
        liveId = liveId == null ? id : liveId;
      }
    }
    assertEquals(200, expected.size());
    Map<String, String> s = new HashMap<>(TestJobs.settings(kafka, t, es, index));
    s.put("archive.warehouse", a.warehouse());
    s.put("job.parallelism", "2");
    JobConfig job = dev.eyrie.jobs.archive.ArchiveConfig.load(null, s, "backfill-test").job();
    // the index as the live job leaves it: template installed, one alert document (marked to see it survive)
    AlertIndexTemplate.install(job.elasticsearch());
    es.index(index, liveId, "{\"alert_id\":\"" + liveId + "\",\"source\":\"live\"}");
    es.refresh(index);
    RulesetSpec rules = RulesetSpec.of(RulesPublisher.read(List.of(Paths.testRules("shadow-v1.yaml"))), null,
        RuleMatching.FIRST, List.of());
    BackfillJob.Request req = new BackfillJob.Request(job, a, hour1(), rules, null, "run-42", 3, true);
    List<Long> progress = new ArrayList<>();
    BackfillJob.Result r = BackfillJob.run(req, n -> { }, progress::add);

    assertEquals(hour1Events, r.scanned(), "events scanned = records of the planned files");
    assertEquals(hour1Events, r.inRange());
    assertEquals(200, r.eventAlerts());
    assertEquals(199, r.newAlerts());
    assertEquals(1, r.alreadyPresent());
    assertFalse(progress.isEmpty());

    try (Topics.CommittedReader reader = new Topics.CommittedReader(kafka, t.alerts())) {
      List<JsonNode> got = Topics.json(reader.atLeast(199, Duration.ofSeconds(60)));
      got = Topics.json(reader.settle(Duration.ofSeconds(2)));
      Set<String> ids = new HashSet<>();
      for (JsonNode n : got) {
        ids.add(n.get("alert_id").asText());
        assertEquals("run-42", n.get("backfill_run_id").asText(), n.toString());
      }
      assertEquals(199, got.size(), "alerts in Kafka: only those not raised live");
      Set<String> expectedNew = new HashSet<>(expected);
      expectedNew.remove(liveId);
      assertEquals(expectedNew, ids);
    }
    assertEquals(200, Es.count(es, index), "ES: the live alert + 199 backfilled ones, each once");
    JsonNode live = Es.source(es, index, liveId);
    assertNotNull(live);
    assertEquals("live", live.get("source").asText(), "the live alert's document was not overwritten");
    assertEquals("run-42", Es.source(es, index, expectedNew(expected, liveId)).get("backfill_run_id").asText());
  }

  private static String expectedNew(Set<String> expected, String liveId) {
    return expected.stream().filter(id -> !id.equals(liveId)).findFirst().orElseThrow();
  }

  @Test
  void dryRunReportsAddedRemovedAndUnchangedPerRule(KafkaServer kafka) throws Exception {
    List<Event> events = events();
    ArchiveSettings a = archive(events);
    Map<String, String> s = new HashMap<>();
    s.put("archive.warehouse", a.warehouse());
    s.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    s.put("elasticsearch.enabled", "false");
    JobConfig job = dev.eyrie.jobs.archive.ArchiveConfig.load(null, s, "what-if-test").job();
    RulesetSpec candidate = RulesetSpec.of(RulesPublisher.read(List.of(Paths.testRules("backfill/candidate.yaml"))),
        null, RuleMatching.FIRST, List.of());
    RulesetSpec baseline = RulesetSpec.of(RulesPublisher.read(List.of(Paths.testRules("backfill/baseline.yaml"))),
        null, RuleMatching.FIRST, List.of());
    BackfillJob.Result r = BackfillJob.run(
        new BackfillJob.Request(job, a, hour1(), candidate, baseline, "what-if-1", 2, false), n -> { }, n -> { });

    Map<String, Long> byPath = new HashMap<>();
    events.stream().filter(BackfillIT::inHour1).forEach(e -> byPath.merge(e.getFd().getName(), 1L, Long::sum));
    WhatIfDiff d = r.diff();
    WhatIfDiff.RuleDiff sensitive = d.rules().get(RULE);
    assertEquals(byPath.get("/etc/passwd"), sensitive.count(WhatIfDiff.Change.ADDED));
    assertEquals(byPath.get("/etc/sudoers"), sensitive.count(WhatIfDiff.Change.REMOVED));
    assertEquals(byPath.get("/etc/shadow"), sensitive.count(WhatIfDiff.Change.UNCHANGED));
    WhatIfDiff.RuleDiff hosts = d.rules().get("Hosts file read");
    assertEquals(0, hosts.count(WhatIfDiff.Change.ADDED));
    assertEquals(0, hosts.count(WhatIfDiff.Change.REMOVED));
    assertEquals(byPath.get("/etc/hosts"), hosts.count(WhatIfDiff.Change.UNCHANGED));

    assertEquals(2, sensitive.examples(WhatIfDiff.Change.ADDED).size(), "examples capped at 2");
    for (WhatIfDiff.Example x : sensitive.examples(WhatIfDiff.Change.ADDED)) {
      assertTrue(x.output().contains("file=/etc/passwd"), x.output());
      assertEquals(AlertFactory.alertId(AlertKind.EVENT_RULE, RULE, List.of(x.eventId())), x.alertId());
    }
    for (WhatIfDiff.Example x : sensitive.examples(WhatIfDiff.Change.REMOVED)) {
      assertTrue(x.output().contains("file=/etc/sudoers"), x.output());
    }
    String json = BackfillReport.json(new BackfillJob.Request(job, a, hour1(), candidate, baseline, "what-if-1", 2,
        false), r);
    JsonNode n = dev.eyrie.jobs.testing.Json.parse(json);
    assertEquals(byPath.get("/etc/passwd"), n.at("/what_if/totals/added").asLong());
    assertEquals(byPath.get("/etc/sudoers"), n.at("/what_if/totals/removed").asLong());
  }
}
