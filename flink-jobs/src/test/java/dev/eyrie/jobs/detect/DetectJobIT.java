package dev.eyrie.jobs.detect;

import java.time.ZoneOffset;
import dev.eyrie.engine.runtime.FalcoAlertText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.testing.Es;
import dev.eyrie.jobs.testing.Json;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresKafka
@RequiresElasticsearch
class DetectJobIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String RULE = "Read sensitive file";

  private static RulesPublisher publisher(JobConfig cfg) {
    return new RulesPublisher(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus());
  }

  /** seq%4: 0 → cat reads /etc/shadow (alert), 1 → sudo reads /etc/sudoers (alert), 2 → /etc/hosts, 3 → exec. */
  private static Event event(long seq) {
    String host = "web-" + (seq % 3);
    return switch ((int) (seq % 4)) {
      case 0 -> TestEvents.open(host, seq, "cat", "/etc/shadow");
      case 1 -> TestEvents.open(host, seq, "sudo", "/etc/sudoers");
      case 2 -> TestEvents.open(host, seq, "curl", "/etc/hosts");
      default -> TestEvents.exec(host, seq, "ls", "-l");
    };
  }

  private static boolean alerting(Event e) {
    return e.getFd() != null && (e.getFd().getName().equals("/etc/shadow") || e.getFd().getName().equals("/etc/sudoers"));
  }

  @Test
  void eventsFromKafkaBecomeFalcoShapedAlertsInKafkaAndElasticsearch(KafkaServer kafka, ElasticsearchServer es)
      throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 2);
    String index = es.uniqueIndex("alerts");
    Map<String, String> s = TestJobs.settings(kafka, t, es, index);
    s.put("job.parallelism", "2");
    JobConfig cfg = TestJobs.config(s);
    RulesPublisher rules = publisher(cfg);
    rules.publish(RulesPublisher.read(List.of(Paths.testRules("shadow-v1.yaml"))), "v1", true, cfg.rules());

    JobClient job = TestJobs.start(cfg);
    try (Topics.CommittedReader alerts = new Topics.CommittedReader(kafka, t.alerts())) {
      List<Event> events = new ArrayList<>();
      for (long seq = 1; seq <= 400; seq++) {
        events.add(event(seq));
      }
      Topics.produceEvents(kafka, t.events(), events, 2);
      Map<String, Event> expected = new HashMap<>();
      for (Event e : events) {
        if (alerting(e)) {
          expected.put(AlertFactory.alertId(AlertKind.EVENT_RULE, RULE, List.of(e.getEventId())), e);
        }
      }
      assertEquals(200, expected.size());

      alerts.atLeast(expected.size(), WAIT);
      List<ConsumerRecord<byte[], byte[]>> got = alerts.settle(Duration.ofSeconds(2));
      assertEquals(expected.size(), got.size(), "alerts in Kafka (read_committed)");
      for (ConsumerRecord<byte[], byte[]> r : got) {
        JsonNode a = Json.parse(r.value());
        String id = a.get("alert_id").asText();
        Event e = expected.get(id);
        assertNotNull(e, "unexpected alert " + a);
        assertEquals(id, new String(r.key(), StandardCharsets.UTF_8));
        assertEquals(FalcoAlertText.rfc3339Nanos(e.getTs()), a.get("time").asText());
        assertEquals(RULE, a.get("rule").asText());
        assertEquals("Warning", a.get("priority").asText());
        assertEquals(FalcoAlertText.line(e.getTs(), ZoneOffset.UTC, "Warning", "Sensitive file opened (user=root command="
            + e.getProc().getName() + " file=" + e.getFd().getName() + " host=" + e.getHost().getHostname() + ")"),
            a.get("output").asText());
        JsonNode f = a.get("output_fields");
        assertEquals(e.getTs(), f.get("evt.time").asLong(), "Falco's prefix field");
        assertEquals("root", f.get("user.name").asText());
        assertEquals(e.getProc().getName(), f.get("proc.name").asText());
        assertEquals(e.getFd().getName(), f.get("fd.name").asText());
        assertEquals(e.getHost().getHostname(), f.get("evt.hostname").asText());
        assertEquals("syscall", a.get("source").asText());
        // Falco prints tags sorted (a std::set)
        assertEquals("[\"credentials\",\"filesystem\"]", a.get("tags").toString());
        assertEquals(e.getHost().getHostname(), a.get("hostname").asText());
        assertEquals("EVENT_RULE", a.get("kind").asText());
        assertEquals("v1", a.get("ruleset_version").asText());
        assertEquals(e.getEventId(), a.get("events").get(0).get("event_id").asText());
      }

      long inEs = awaitCount(es, index, expected.size());
      assertEquals(expected.size(), inEs);
      Map.Entry<String, Event> one = expected.entrySet().iterator().next();
      JsonNode doc = Es.source(es, index, one.getKey());
      assertEquals(RULE, doc.get("rule").asText());
      assertEquals("Warning", doc.get("priority").asText());
      assertEquals(one.getValue().getFd().getName(), doc.get("output_fields").get("fd.name").asText());
      assertEquals(one.getValue().getProc().getName(), doc.get("process.name").asText());
      assertEquals(4, doc.get("event.severity").asInt());
      assertEquals(100, Es.count(es, index, "{\"term\":{\"output_fields.fd.name\":\"/etc/shadow\"}}"));

      JsonNode status = Json.parse(rules.awaitStatus("v1", WAIT).orElseThrow());
      assertEquals("accepted", status.get("status").asText());
      assertEquals("v1", status.get("active_version").asText());
    } finally {
      TestJobs.stop(job);
    }
  }

  @Test
  void aNewRulesetTakesOverWhileEventsFlowAndABrokenOneIsRejected(KafkaServer kafka) throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    JobConfig cfg = TestJobs.config(TestJobs.settings(kafka, t, null, null));
    RulesPublisher rules = publisher(cfg);
    rules.publish(RulesPublisher.read(List.of(Paths.testRules("shadow-v1.yaml"))), "v1", true, cfg.rules());
    JobClient job = TestJobs.start(cfg);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong produced = new AtomicLong();
    Thread producer = new Thread(() -> {
      long seq = 0;
      while (!stop.get()) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          batch.add(TestEvents.open("db-" + (seq % 2), ++seq, "cat", "/etc/shadow"));
        }
        Topics.produceEvents(kafka, t.events(), batch, 0);
        produced.set(seq);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "event-producer");
    producer.start();
    try (Topics.CommittedReader alerts = new Topics.CommittedReader(kafka, t.alerts())) {
      alerts.atLeast(30, WAIT);
      rules.publish(RulesPublisher.read(List.of(Paths.testRules("shadow-v2.yaml"))), "v2", true, cfg.rules());
      JsonNode v2 = Json.parse(rules.awaitStatus("v2", WAIT).orElseThrow());
      assertEquals("accepted", v2.get("status").asText(), v2.toString());
      alerts.until(s -> Topics.json(s).stream().anyMatch(a -> a.get("ruleset_version").asText().equals("v2")),
          WAIT, "an alert from ruleset v2");

      // broken: published without local validation, so the job has to reject it
      rules.publish(RulesPublisher.read(List.of(Paths.testRules("broken-v3.yaml"))), "v3", false, cfg.rules());
      JsonNode v3 = Json.parse(rules.awaitStatus("v3", WAIT).orElseThrow());
      assertEquals("rejected", v3.get("status").asText(), v3.toString());
      assertEquals("v2", v3.get("active_version").asText(), v3.toString());
      JsonNode err = v3.get("errors").get(0);
      assertTrue(err.get("code").asText().startsWith("LOAD_ERR"), err.toString());
      assertTrue(err.get("message").asText().contains("fd.nme"), err.toString());

      long afterReject = produced.get();
      alerts.atLeast((int) afterReject + 30, WAIT);
      stop.set(true);
      producer.join();
      int total = (int) produced.get();
      List<JsonNode> all = Topics.json(alerts.atLeast(total, WAIT));
      all = Topics.json(alerts.settle(Duration.ofSeconds(2)));
      assertEquals(total, all.size(), "one alert per event");

      // in event order: v1 ... v1 v2 ... v2, never v3
      List<JsonNode> ordered = new ArrayList<>(all);
      ordered.sort((a, b) -> Long.compare(seqOf(a), seqOf(b)));
      Set<String> ids = new HashSet<>();
      String previous = "v1";
      long switchedAt = -1;
      for (JsonNode a : ordered) {
        assertTrue(ids.add(a.get("alert_id").asText()), "duplicate " + a);
        String version = a.get("ruleset_version").asText();
        if (!version.equals(previous)) {
          assertEquals("v1", previous, "second switch at " + a);
          assertEquals("v2", version, a.toString());
          switchedAt = seqOf(a);
          previous = version;
        }
        if (version.equals("v1")) {
          assertEquals("Warning", a.get("priority").asText());
          assertTrue(a.get("output").asText().contains(": Warning Sensitive file opened"), a.toString());
        } else {
          assertEquals("Critical", a.get("priority").asText());
          assertTrue(a.get("output").asText().contains(": Critical v2 sensitive file opened (user=root command=cat pid="),
              a.toString());
        }
      }
      assertTrue(switchedAt > 1, "v1 alerts come first, then v2: switched at " + switchedAt);
      assertFalse(ordered.get(ordered.size() - 1).get("ruleset_version").asText().equals("v1"));
    } finally {
      stop.set(true);
      producer.join();
      TestJobs.stop(job);
    }
  }

  @Test
  void aFreshJobStartsWithTheNewestPublishedRulesetThatLoads(KafkaServer kafka) throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    JobConfig cfg = TestJobs.config(TestJobs.settings(kafka, t, null, null));
    RulesPublisher rules = publisher(cfg);
    rules.publish(RulesPublisher.read(List.of(Paths.testRules("shadow-v2.yaml"))), "v2", true, cfg.rules());
    rules.publish(RulesPublisher.read(List.of(Paths.testRules("broken-v3.yaml"))), "v3", false, cfg.rules());
    // events wait in Kafka before the job exists: none may be evaluated without rules or lost
    List<Event> events = new ArrayList<>();
    for (long seq = 1; seq <= 50; seq++) {
      events.add(TestEvents.open("db-1", seq, "cat", "/etc/shadow"));
    }
    Topics.produceEvents(kafka, t.events(), events, 0);

    JobClient job = TestJobs.start(cfg);
    try (Topics.CommittedReader alerts = new Topics.CommittedReader(kafka, t.alerts())) {
      alerts.atLeast(50, WAIT);
      List<JsonNode> all = Topics.json(alerts.settle(Duration.ofSeconds(1)));
      assertEquals(50, all.size());
      assertTrue(all.stream().allMatch(a -> a.get("ruleset_version").asText().equals("v2")), all.get(0).toString());
      JsonNode status = Json.parse(rules.awaitStatus("v2", WAIT).orElseThrow());
      assertEquals("accepted", status.get("status").asText());
      assertTrue(status.get("message").asText().startsWith("active at job start"), status.toString());
    } finally {
      TestJobs.stop(job);
    }
  }

  private static long seqOf(JsonNode alert) {
    String id = alert.get("events").get(0).get("event_id").asText();
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }

  static long awaitCount(ElasticsearchServer es, String index, long n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long c;
    while ((c = Es.count(es, index)) < n && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return c;
  }
}
