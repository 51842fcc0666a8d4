package dev.eyrie.jobs.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.jobs.sink.elasticsearch.AlertDocument;
import dev.eyrie.engine.runtime.AlertJson;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A sequence alert's output_fields are typed like a per-event alert's (numbers, booleans, null for {@code <NA>}),
 * and the Kafka JSON and the Elasticsearch document render them as JSON numbers/booleans/null.
 */
class SequenceAlertFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RULES = """
      - sequence: Typed fields
        desc: a connection, then an exec on the target
        priority: NOTICE
        within: 1m
        steps:
          - name: conn
            condition: evt.type = connect
            by: [fd.sip]
          - name: run
            condition: evt.type = execve
            by: [host.ip]
        output: >-
          %conn.fd.sip:%conn.fd.sport then %run.proc.name pid=%run.proc.pid
          writable=%run.proc.is_exe_writable file=%run.fd.name last=%proc.pid
      """;

  private static Event event(long seconds, String host, String ip, Object... fields) {
    Event e = FieldEvents.onHost(host, ip, seconds, fields);
    e.setEventId(host + "@" + seconds);
    return e;
  }

  private static Alert alert() throws Exception {
    Path f = Files.createTempFile("typed", ".yaml");
    try {
      Files.writeString(f, RULES);
      SequenceRules rules = SequenceRules.read(List.of(f));
      SequenceEvaluator ev = new SequenceEvaluator(rules.matcher());
      List<Alert> out = new ArrayList<>();
      ev.accept(event(0, "web-1", "10.0.0.5", "evt.type", "connect", "fd.sip", "10.0.0.7", "fd.sport", 5432L),
          m -> out.add(m.toAlert("v")));
      ev.accept(event(5, "db-1", "10.0.0.7", "evt.type", "execve", "proc.name", "psql", "proc.pid", 4242L,
          "proc.is_exe_writable", true), m -> out.add(m.toAlert("v")));
      ev.flush(m -> out.add(m.toAlert("v")));
      assertEquals(1, out.size(), out::toString);
      return out.get(0);
    } finally {
      Files.delete(f);
    }
  }

  private static void assertTyped(JsonNode fields) {
    assertTrue(fields.get("conn.fd.sport").isIntegralNumber(), fields::toString);
    assertEquals(5432, fields.get("conn.fd.sport").asInt());
    assertTrue(fields.get("conn.fd.sip").isTextual(), fields::toString);
    assertTrue(fields.get("run.proc.pid").isIntegralNumber(), fields::toString);
    assertEquals(4242, fields.get("run.proc.pid").asInt());
    assertTrue(fields.get("run.proc.is_exe_writable").isBoolean(), fields::toString);
    assertTrue(fields.get("run.proc.is_exe_writable").asBoolean());
    assertTrue(fields.get("run.fd.name").isNull(), fields::toString);
    assertTrue(fields.get("proc.pid").isIntegralNumber(), fields::toString);
  }

  @Test
  void alertCarriesTypedValues() throws Exception {
    Alert a = alert();
    assertEquals(5432L, a.getOutputFields().get("conn.fd.sport"));
    assertEquals(4242L, a.getOutputFields().get("run.proc.pid"));
    assertEquals(Boolean.TRUE, a.getOutputFields().get("run.proc.is_exe_writable"));
    assertTrue(a.getOutputFields().containsKey("run.fd.name"));
    assertEquals(null, a.getOutputFields().get("run.fd.name"));
    assertTrue(a.getOutput().endsWith(": Notice 10.0.0.7:5432 then psql pid=4242 writable=true file=<NA> last=4242"),
        a.getOutput());
    assertEquals(a.getTime(), a.getOutputFields().get("evt.time"));
  }

  @Test
  void kafkaJsonRendersSequenceFieldsTyped() throws Exception {
    assertTyped(JSON.readTree(AlertJson.withEyrieFields(alert())).get("output_fields"));
  }

  @Test
  void elasticsearchDocumentRendersSequenceFieldsTyped() throws Exception {
    JsonNode doc = JSON.readTree(AlertDocument.toBytes(alert()));
    assertTyped(doc.get("output_fields"));
    assertEquals("SEQUENCE", doc.get("kind").asText());
  }
}
