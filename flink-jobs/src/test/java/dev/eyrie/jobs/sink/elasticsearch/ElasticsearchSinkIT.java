package dev.eyrie.jobs.sink.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.ElasticsearchSettings;
import dev.eyrie.jobs.testing.Es;
import dev.eyrie.jobs.testing.Json;
import dev.eyrie.jobs.testing.MiniClusters;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Alert;
import dev.eyrie.testinfra.ElasticsearchServer;
import dev.eyrie.testinfra.RequiresElasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresElasticsearch
class ElasticsearchSinkIT {
  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.extension();

  private static ElasticsearchSettings settings(ElasticsearchServer es, String index, Map<String, String> extra) {
    Map<String, String> m = new java.util.HashMap<>(Map.of(
        "elasticsearch.url", es.url(),
        "elasticsearch.index", index,
        "elasticsearch.max-time-in-buffer", "100ms",
        "elasticsearch.max-batch-size", "50",
        "elasticsearch.retry-backoff-initial", "50ms",
        "elasticsearch.retry-backoff-max", "500ms"));
    m.putAll(extra);
    return ConfigLoader.load(null, m, "test").elasticsearch();
  }

  private static List<Alert> alerts(int n) {
    List<Alert> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(TestEvents.alert(i % 2 == 0 ? "Read sensitive file" : "Shell in container", i % 2 == 0 ? "Warning" : "Notice",
          TestEvents.open("host-" + (i % 3), i, "cat", "/etc/shadow"), "v1"));
    }
    return out;
  }

  private static void run(List<Alert> alerts, ElasticsearchSink<Alert> sink) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromData(alerts, new AvroTypeInfo<>(Alert.class)).sinkTo(sink);
    env.execute("es-sink-test");
  }

  @Test
  void indexesEveryAlertOnceUnderItsAlertIdWithExplicitMappings(ElasticsearchServer es) throws Exception {
    String index = es.uniqueIndex("alerts");
    List<Alert> alerts = alerts(300);
    List<Alert> withDuplicates = new ArrayList<>(alerts);
    withDuplicates.addAll(alerts.subList(0, 100));

    run(withDuplicates, ElasticsearchSink.forAlerts(settings(es, index, Map.of())));
    assertEquals(300, Es.count(es, index));
    // a replay of the whole stream overwrites, it does not add
    run(alerts, ElasticsearchSink.forAlerts(settings(es, index, Map.of())));
    assertEquals(300, Es.count(es, index));

    Alert first = alerts.get(1);
    JsonNode doc = Es.source(es, index, first.getAlertId());
    assertNotNull(doc, "document " + first.getAlertId());
    assertEquals("Read sensitive file", doc.get("rule").asText());
    assertEquals("Read sensitive file", doc.get("rule.name").asText());
    assertEquals("Warning", doc.get("priority").asText());
    assertEquals(4, doc.get("event.severity").asInt());
    assertEquals(first.getOutput(), doc.get("output").asText());
    assertEquals(first.getOutput(), doc.get("message").asText());
    assertEquals("cat", doc.get("output_fields").get("proc.name").asText());
    assertEquals("cat", doc.get("process.name").asText());
    assertEquals("root", doc.get("user.name").asText());
    assertEquals("host-2", doc.get("host.name").asText());
    assertEquals("2026-01-01T00:00:00.002000000Z", doc.get("@timestamp").asText());

    JsonNode mapping = Json.parse(es.request("GET", "/" + index + "/_mapping", null).body()).get(index).get("mappings");
    assertEquals("false", mapping.get("subobjects").asText());
    JsonNode props = mapping.get("properties");
    assertEquals("keyword", props.get("rule").get("type").asText());
    assertEquals("keyword", props.get("rule.name").get("type").asText());
    assertEquals("date_nanos", props.get("time").get("type").asText());
    assertEquals("date_nanos", props.get("@timestamp").get("type").asText());
    assertEquals("flattened", props.get("output_fields").get("type").asText());
    assertEquals("text", props.get("output").get("type").asText());

    // the mappings are the ones searches rely on: keyword terms, flattened sub-keys, numeric severity, nanos
    assertEquals(150, Es.count(es, index, "{\"term\":{\"rule.name\":\"Read sensitive file\"}}"));
    assertEquals(150, Es.count(es, index, "{\"term\":{\"priority\":\"Notice\"}}"));
    assertEquals(100, Es.count(es, index, "{\"term\":{\"host.name\":\"host-0\"}}"));
    assertEquals(300, Es.count(es, index, "{\"term\":{\"output_fields.proc.name\":\"cat\"}}"));
    assertEquals(150, Es.count(es, index, "{\"range\":{\"event.severity\":{\"lte\":4}}}"));
    assertEquals(1, Es.count(es, index,
        "{\"range\":{\"time\":{\"gt\":\"2026-01-01T00:00:00.000999999Z\",\"lt\":\"2026-01-01T00:00:00.001000001Z\"}}}"));
    assertEquals(300, Es.count(es, index, "{\"match\":{\"output\":\"proc.name\"}}"));
  }

  @Test
  void retriesWhileTheIndexRefusesWritesAndDeliversEverythingAfterwards(ElasticsearchServer es) throws Exception {
    String index = es.uniqueIndex("alerts-blocked");
    ElasticsearchSettings s = settings(es, index, Map.of());
    AlertIndexTemplate.install(s);
    // a flood-stage block: Elasticsearch answers 429 to every write until it is lifted
    ElasticsearchServer.Response block = es.request("PUT", "/" + index + "/_settings",
        "{\"index.blocks.read_only_allow_delete\": true}");
    assertTrue(block.ok(), block.body());

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(alerts(120), new AvroTypeInfo<>(Alert.class)).sinkTo(ElasticsearchSink.forAlerts(s));
    JobClient job = env.executeAsync("es-sink-429");
    // while blocked nothing is written and the bounded job cannot finish: it keeps retrying
    Thread.sleep(3000);
    assertFalse(job.getJobExecutionResult().isDone(), "job finished although the index refused every write");
    assertEquals(0, Es.count(es, index));

    ElasticsearchServer.Response unblock = es.request("PUT", "/" + index + "/_settings",
        "{\"index.blocks.read_only_allow_delete\": null}");
    assertTrue(unblock.ok(), unblock.body());
    job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
    assertEquals(120, Es.count(es, index));
  }

  @Test
  void aDocumentTheIndexRejectsIsCountedAndSkippedByDefault(ElasticsearchServer es) throws Exception {
    String index = es.uniqueIndex("alerts-rejects");
    ElasticsearchSettings s = settings(es, index, Map.of());
    run(alerts(20), new ElasticsearchSink<>(new BreakingConverter(index, 7), s, new InstallTemplate(index)));
    assertEquals(19, Es.count(es, index));
  }

  @Test
  void aRejectedDocumentFailsTheJobWhenConfiguredTo(ElasticsearchServer es) {
    String index = es.uniqueIndex("alerts-strict");
    ElasticsearchSettings s = settings(es, index, Map.of("elasticsearch.fail-on-permanent-error", "true"));
    Exception e = assertThrows(Exception.class,
        () -> run(alerts(20), new ElasticsearchSink<>(new BreakingConverter(index, 7), s, new InstallTemplate(index))));
    assertTrue(ExceptionUtils.findThrowable(e, EsPermanentFailureException.class).isPresent(),
        "expected EsPermanentFailureException in " + ExceptionUtils.stringifyException(e));
  }

  /** Turns the n-th alert (by its event seq) into a document the mapping refuses (a non-date time). */
  private record BreakingConverter(String index, long badSeq) implements ElementConverter<Alert, EsDocument> {
    @Override
    public EsDocument apply(Alert a, SinkWriter.Context ctx) {
      byte[] body = AlertDocument.toBytes(a);
      if (a.getEvents().get(0).getTs() == TestEvents.T0 + badSeq * 1_000_000L) {
        body = "{\"time\": \"not a time\", \"rule\": \"x\"}".getBytes(StandardCharsets.UTF_8);
      }
      return new EsDocument(index, a.getAlertId(), body, 0);
    }
  }

  private record InstallTemplate(String index) implements EsStartup {
    @Override
    public void run(org.elasticsearch.client.RestClient client) {
      AlertIndexTemplate.install(client, index);
    }
  }
}
