package dev.eyrie.jobs.correlate;

import java.time.ZoneOffset;
import dev.eyrie.engine.runtime.FalcoAlertText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.JobEnvironments;
import dev.eyrie.jobs.testing.Es;
import dev.eyrie.jobs.testing.Json;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.ElasticsearchServer;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresElasticsearch;
import dev.eyrie.testinfra.RequiresKafka;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end with Eyrie's own rules: events of two hosts in Kafka → correlation job → exactly one SEQUENCE alert
 * (lateral movement web-1 → db-1) in the alerts topic and in Elasticsearch.
 */
@RequiresKafka
@RequiresElasticsearch
class CorrelateJobIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String RULE = "Eyrie Lateral Movement via Remote Login then Shell";

  private static Event event(long seq, long seconds, String host, String ip, Object... fields) {
    Event e = FieldEvents.onHost(host, ip, seconds, fields);
    e.setSeq(seq);
    e.setEventId(host + ":boot:" + seq);
    return e;
  }

  @Test
  void eventsOfTwoHostsBecomeOneSequenceAlertInKafkaAndElasticsearch(KafkaServer kafka, ElasticsearchServer es)
      throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 2);
    String index = es.uniqueIndex("alerts");
    Map<String, String> s = TestJobs.settings(kafka, t, es, index);
    s.put("job.name", "correlate-" + t.events());
    s.put("job.parallelism", "2");
    JobConfig cfg = ConfigLoader.load(null, s, CorrelateJob.DEFAULT_NAME);
    SequenceRules rules = SequenceRules.read(List.of(Paths.root().resolve("rules/eyrie_rules.yaml"),
        Paths.root().resolve("rules/eyrie_sequences.yaml")));
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    CorrelateJob.build(env, cfg, rules);
    JobClient job = env.executeAsync(cfg.jobName());
    TestJobs.awaitRunning(job, Duration.ofSeconds(60));
    try (Topics.CommittedReader alerts = new Topics.CommittedReader(kafka, t.alerts())) {
      List<Event> events = new ArrayList<>();
      events.add(event(1, 0, "web-1", "10.0.0.5", "evt.type", "connect", "proc.cmdline", "ssh admin@10.0.0.7",
          "fd.sip", "10.0.0.7", "fd.sport", 22L));
      events.add(event(1, 1, "db-1", "10.0.0.7", "evt.type", "openat", "evt.arg.flags", "O_RDONLY",
          "fd.name", "/etc/hosts", "proc.name", "cat"));
      events.add(event(2, 20, "web-1", "10.0.0.5", "evt.type", "execve", "proc.name", "ls"));
      events.add(event(2, 60, "db-1", "10.0.0.7", "evt.type", "execve", "proc.cmdline", "bash -l",
          "proc.pname", "sshd-session", "user.name", "admin"));
      // later activity on both hosts moves the watermark past the shell
      events.add(event(3, 600, "web-1", "10.0.0.5", "evt.type", "getpid"));
      events.add(event(3, 600, "db-1", "10.0.0.7", "evt.type", "getpid"));
      Topics.produceEvents(kafka, t.events(), events, 2);

      alerts.atLeast(1, WAIT);
      List<ConsumerRecord<byte[], byte[]>> got = alerts.settle(Duration.ofSeconds(3));
      assertEquals(1, got.size(), "sequence alerts in Kafka");
      JsonNode a = Json.parse(got.get(0).value());
      String id = a.get("alert_id").asText();
      assertEquals(id, new String(got.get(0).key(), StandardCharsets.UTF_8));
      assertEquals(RULE, a.get("rule").asText());
      assertEquals("SEQUENCE", a.get("kind").asText());
      assertEquals("Warning", a.get("priority").asText());
      assertEquals("db-1", a.get("hostname").asText());
      assertEquals(rules.version(), a.get("ruleset_version").asText());
      JsonNode refs = a.get("events");
      assertEquals(2, refs.size());
      assertEquals("web-1:boot:1", refs.get(0).get("event_id").asText());
      assertEquals("login", refs.get(0).get("step").asText());
      assertEquals("web-1", refs.get(0).get("host_id").asText());
      assertEquals("db-1:boot:2", refs.get(1).get("event_id").asText());
      assertEquals("shell", refs.get(1).get("step").asText());
      assertEquals(FalcoAlertText.line(a.get("output_fields").get("evt.time").asLong(), ZoneOffset.UTC, "Warning",
          "Lateral movement: web-1 (ssh admin@10.0.0.7, user alice) connected to 10.0.0.7:22, then "
          + "sshd-session started shell bash -l as admin on db-1"), a.get("output").asText());
      assertEquals(a.get("events").get(1).get("ts").asLong(), a.get("output_fields").get("evt.time").asLong(),
          "evt.time is the last step's event time");
      // step fields keep their types through CEP, like a per-event alert's output_fields
      assertTrue(a.get("output_fields").get("login.fd.sport").isIntegralNumber(), a::toString);
      assertEquals(22, a.get("output_fields").get("login.fd.sport").asInt());
      assertTrue(a.get("output_fields").get("login.fd.sip").isTextual(), a::toString);

      long deadline = System.nanoTime() + WAIT.toNanos();
      JsonNode doc;
      while ((doc = Es.source(es, index, id)) == null && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertNotNull(doc, "alert " + id + " in Elasticsearch index " + index);
      assertEquals(RULE, doc.get("rule").asText());
      assertEquals("SEQUENCE", doc.get("kind").asText());
      assertTrue(doc.get("output_fields").get("login.fd.sport").isIntegralNumber(), doc::toString);
      assertEquals(22, doc.get("output_fields").get("login.fd.sport").asInt());
      assertEquals(1, Es.count(es, index));
    } finally {
      TestJobs.stop(job);
    }
  }
}
