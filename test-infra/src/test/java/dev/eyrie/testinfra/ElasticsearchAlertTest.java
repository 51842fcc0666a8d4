package dev.eyrie.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.EventRef;

@RequiresElasticsearch
class ElasticsearchAlertTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void alertIndexedUnderItsIdIsFoundByRuleName(ElasticsearchServer es) throws Exception {
    String index = es.uniqueIndex("alerts");
    Alert alert = SampleRecords.alertFor(SampleRecords.shadowRead(), "Read sensitive file untrusted");
    Alert other = SampleRecords.alertFor(SampleRecords.shadowRead(), "Terminal shell in container");
    other.setAlertId("b2-other");
    try {
      es.index(index, alert.getAlertId(), JSON.writeValueAsString(document(alert)));
      es.index(index, other.getAlertId(), JSON.writeValueAsString(document(other)));

      JsonNode hits = JSON.readTree(es.search(index,
          "{\"query\":{\"match_phrase\":{\"rule\":\"Read sensitive file untrusted\"}}}")).path("hits");

      assertEquals(1, hits.path("total").path("value").asInt(), hits.toString());
      JsonNode hit = hits.path("hits").get(0);
      assertEquals(alert.getAlertId(), hit.path("_id").asText());
      assertEquals("Read sensitive file untrusted", hit.path("_source").path("rule").asText());
      assertEquals("worker-3.prod.example", hit.path("_source").path("hostname").asText());
    } finally {
      es.deleteIndex(index);
    }
  }

  /** Falco's alert JSON field names, as an alert sink would write them. */
  private static Map<String, Object> document(Alert alert) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("time", alert.getTime());
    doc.put("rule", alert.getRule());
    doc.put("priority", alert.getPriority());
    doc.put("output", alert.getOutput());
    doc.put("output_fields", alert.getOutputFields());
    doc.put("source", alert.getSource());
    doc.put("tags", alert.getTags());
    doc.put("hostname", alert.getHostname());
    doc.put("alert_id", alert.getAlertId());
    doc.put("kind", alert.getKind().name());
    doc.put("event_ids", alert.getEvents().stream().map(EventRef::getEventId).toList());
    return doc;
  }
}
