package dev.eyrie.jobs.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class AlertJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void falcoShapeFirstThenEyrieFields() throws Exception {
    Event e = TestEvents.open("web-1", 7, "cat", "/etc/shadow");
    Alert a = TestEvents.alert("Read sensitive file", "Warning", e, "v1");
    JsonNode n = JSON.readTree(AlertJson.toBytes(a));

    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertEquals(List.of("time", "rule", "priority", "output", "output_fields", "source", "tags", "hostname",
        "alert_id", "kind", "ruleset_version", "backfill_run_id", "events"), names);
    assertEquals("2026-01-01T00:00:00.007000000Z", n.get("time").asText());
    assertEquals("Read sensitive file", n.get("rule").asText());
    assertEquals("Warning", n.get("priority").asText());
    assertEquals("cat", n.get("output_fields").get("proc.name").asText());
    assertTrue(n.get("output_fields").get("proc.pid").isIntegralNumber());
    assertTrue(n.get("output_fields").get("proc.is_exe_writable").isBoolean());
    assertEquals("syscall", n.get("source").asText());
    assertEquals("test", n.get("tags").get(0).asText());
    assertEquals("web-1", n.get("hostname").asText());
    assertEquals("EVENT_RULE", n.get("kind").asText());
    assertEquals("v1", n.get("ruleset_version").asText());
    assertTrue(n.get("backfill_run_id").isNull());
    assertEquals("web-1:boot-1:7", n.get("events").get(0).get("event_id").asText());
  }

  @Test
  void outputFieldsAreSortedAndNaIsNull() throws Exception {
    Event e = TestEvents.exec("h", 1, "bash");
    Alert a = TestEvents.alert("R", "Notice", e, "v");
    JsonNode fields = JSON.readTree(AlertJson.toBytes(a)).get("output_fields");
    List<String> keys = new ArrayList<>();
    fields.fieldNames().forEachRemaining(keys::add);
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    assertEquals(sorted, keys);
    assertTrue(fields.get("fd.name").isNull());
  }

  @Test
  void timeHasNineFractionDigitsInUtc() {
    assertEquals("1970-01-01T00:00:00.000000000Z", AlertJson.rfc3339Nanos(0));
    assertEquals("2024-02-29T23:59:59.999999999Z", AlertJson.rfc3339Nanos(1_709_251_199_999_999_999L));
    assertEquals("1969-12-31T23:59:59.999999999Z", AlertJson.rfc3339Nanos(-1));
  }
}
