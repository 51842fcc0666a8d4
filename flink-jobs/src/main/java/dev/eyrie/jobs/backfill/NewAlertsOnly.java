package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.config.ElasticsearchSettings;
import dev.eyrie.jobs.sink.elasticsearch.EsClients;
import dev.eyrie.schema.Alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.apache.http.util.EntityUtils;

/**
 * Drops the alerts that are already in the alerts index (looked up by {@code _id} = alert_id, in batches), so a
 * backfill sends Kafka consumers only what the live job never raised, and never overwrites a live alert's
 * document. Must run before the backfill's own Elasticsearch writes (it does: only its output is written).
 */
final class NewAlertsOnly extends AbstractStreamOperator<Alert>
    implements OneInputStreamOperator<Alert, Alert>, BoundedOneInput {
  static final String EXISTING = "backfill.alerts-already-present";
  static final String NEW = "backfill.alerts-new";
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchSettings settings;
  private transient RestClient client;
  private transient List<Alert> pending;
  private transient LongCounter existing;
  private transient LongCounter fresh;

  NewAlertsOnly(ElasticsearchSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    client = EsClients.restClient(settings);
    pending = new ArrayList<>(BATCH);
    existing = new LongCounter();
    fresh = new LongCounter();
    getRuntimeContext().addAccumulator(EXISTING, existing);
    getRuntimeContext().addAccumulator(NEW, fresh);
  }

  @Override
  public void processElement(StreamRecord<Alert> element) {
    pending.add(element.getValue());
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  @Override
  public void endInput() {
    flush();
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Set<String> present = present(pending.stream().map(Alert::getAlertId).toList());
    for (Alert a : pending) {
      if (present.contains(a.getAlertId())) {
        existing.add(1L);
      } else {
        present.add(a.getAlertId());
        fresh.add(1L);
        output.collect(new StreamRecord<>(a));
      }
    }
    pending.clear();
  }

  private Set<String> present(List<String> ids) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode arr = body.putArray("ids");
    ids.forEach(arr::add);
    Request r = new Request("POST", "/" + settings.index() + "/_mget");
    r.addParameter("_source", "false");
    r.setJsonEntity(body.toString());
    Set<String> found = new HashSet<>();
    try {
      Response resp = client.performRequest(r);
      JsonNode docs = JSON.readTree(EntityUtils.toString(resp.getEntity())).path("docs");
      for (JsonNode d : docs) {
        if (d.path("found").asBoolean(false)) {
          found.add(d.path("_id").asText());
        } else if (d.has("error") && !d.path("error").path("type").asText().equals("index_not_found_exception")) {
          throw new IllegalStateException("looking up alert " + d.path("_id").asText() + " in "
              + settings.index() + " failed: " + d.path("error"));
        }
      }
      return found;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return found;
      }
      throw new IllegalStateException("looking up alert ids in Elasticsearch index " + settings.index() + " at "
          + settings.urls() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("looking up alert ids in Elasticsearch index " + settings.index() + " at "
          + settings.urls(), e);
    }
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      client.close();
    }
    super.close();
  }
}
