package dev.eyrie.jobs.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.testing.Es;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.ElasticsearchServer;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresElasticsearch;
import dev.eyrie.testinfra.RequiresKafka;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@RequiresKafka
@RequiresElasticsearch
class ExactlyOnceIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();
  private static final Duration WAIT = Duration.ofSeconds(180);

  @TempDir Path tmp;

  @Test
  void aFailureMidStreamLosesAndDuplicatesNoAlert(KafkaServer kafka, ElasticsearchServer es) throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 2);
    String index = es.uniqueIndex("alerts-eo");
    Path marker = tmp.resolve("failed-once");
    Map<String, String> s = TestJobs.settings(kafka, t, es, index);
    s.put("job.parallelism", "2");
    // each subtask sees ~300 events in the first batch and fails (once, job-wide) in the second
    s.put("fault.fail-once-after-events", "450");
    s.put("fault.marker-file", marker.toString());
    JobConfig cfg = TestJobs.config(s);
    new RulesPublisher(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus())
        .publish(RulesPublisher.read(List.of(Paths.testRules("shadow-v1.yaml"))), "v1", true, cfg.rules());

    List<Event> first = new ArrayList<>();
    List<Event> second = new ArrayList<>();
    for (long seq = 1; seq <= 1200; seq++) {
      // two of three events alert
      String path = seq % 3 == 0 ? "/etc/hosts" : (seq % 3 == 1 ? "/etc/shadow" : "/etc/sudoers");
      (seq <= 600 ? first : second).add(TestEvents.open("node-" + (seq % 5), seq, "cat", path));
    }
    Set<String> expected = new HashSet<>();
    for (List<Event> batch : List.of(first, second)) {
      for (Event e : batch) {
        if (!e.getFd().getName().equals("/etc/hosts")) {
          expected.add(AlertFactory.alertId(AlertKind.EVENT_RULE, "Read sensitive file", List.of(e.getEventId())));
        }
      }
    }
    assertEquals(800, expected.size());

    JobClient job = TestJobs.start(cfg);
    try (Topics.CommittedReader alerts = new Topics.CommittedReader(kafka, t.alerts())) {
      Topics.produceEvents(kafka, t.events(), first, 2);
      // alerts of the first batch are committed: a checkpoint completed before the failure below
      alerts.atLeast(400, WAIT);
      Topics.produceEvents(kafka, t.events(), second, 2);

      alerts.atLeast(expected.size(), WAIT);
      List<JsonNode> got = Topics.json(alerts.settle(Duration.ofSeconds(3)));
      assertTrue(Files.exists(marker), "the injected failure never happened");
      assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "job did not recover");

      List<String> ids = got.stream().map(a -> a.get("alert_id").asText()).toList();
      assertEquals(expected.size(), ids.size(), "alerts in Kafka (read_committed), duplicates included");
      assertEquals(expected, new HashSet<>(ids), "the alerts in Kafka are exactly the expected ones");
      // the ruleset survived the restart in broadcast state: every alert still comes from v1
      assertTrue(got.stream().allMatch(a -> a.get("ruleset_version").asText().equals("v1")));

      assertEquals(expected.size(), DetectJobIT.awaitCount(es, index, expected.size()));
      assertEquals(expected.size(), Es.count(es, index), "documents in Elasticsearch");
    } finally {
      TestJobs.stop(job);
    }
  }
}
