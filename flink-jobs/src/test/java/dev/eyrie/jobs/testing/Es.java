package dev.eyrie.jobs.testing;

import dev.eyrie.testinfra.ElasticsearchServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Small query helpers over the test-infra Elasticsearch client. */
public final class Es {
  private Es() {}

  public static long count(ElasticsearchServer es, String index, String queryJson) {
    es.refresh(index);
    ElasticsearchServer.Response r = es.request("POST", "/" + index + "/_count",
        queryJson == null ? null : "{\"query\":" + queryJson + "}");
    if (!r.ok()) {
      throw new IllegalStateException("count on " + index + ": " + r.status() + " " + r.body());
    }
    return Json.parse(r.body()).get("count").asLong();
  }

  public static long count(ElasticsearchServer es, String index) {
    return count(es, index, null);
  }

  public static JsonNode source(ElasticsearchServer es, String index, String id) {
    String doc = es.get(index, id);
    return doc == null ? null : Json.parse(doc).get("_source");
  }
}
