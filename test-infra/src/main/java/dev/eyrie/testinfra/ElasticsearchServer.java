package dev.eyrie.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A reachable Elasticsearch node and plain-HTTP helpers for tests (JSON in, JSON text out). Obtain it through
 * {@link RequiresElasticsearch}.
 */
public final class ElasticsearchServer {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String url;
  private final HttpClient http;

  private ElasticsearchServer(String url) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Checks the cluster is at least yellow so that a wrong URL fails here, naming its origin. */
  static ElasticsearchServer verified(String url, String origin) {
    ElasticsearchServer server = new ElasticsearchServer(url);
    Response health;
    try {
      health = server.request("GET", "/_cluster/health?wait_for_status=yellow&timeout=30s", null);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("Elasticsearch at " + url + " (from " + origin + ") does not answer: "
          + e.getCause(), e);
    }
    if (health.status() != 200) {
      throw new IllegalStateException("Elasticsearch at " + url + " (from " + origin + ") is not healthy: HTTP "
          + health.status() + " " + health.body());
    }
    return server;
  }

  /** Base URL without trailing slash, e.g. {@code http://127.0.0.1:19200}. */
  public String url() {
    return url;
  }

  /** An index name not used before (lower case, as Elasticsearch requires). Not created. */
  public String uniqueIndex(String prefix) {
    return UniqueNames.of(prefix);
  }

  public record Response(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** One HTTP request; {@code jsonBody} may be null. Never throws on HTTP error statuses: check the response. */
  public Response request(String method, String path, String jsonBody) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw new UncheckedIOException("cannot connect to Elasticsearch at " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Indexes a document under {@code id}, visible to searches as soon as this returns. */
  public void index(String index, String id, String json) {
    expectOk(request("PUT", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
        + "?refresh=wait_for", json), "indexing " + id + " into " + index);
  }

  /** Makes everything indexed so far visible to searches. */
  public void refresh(String index) {
    expectOk(request("POST", "/" + index + "/_refresh", null), "refreshing " + index);
  }

  /** Runs a search ({@code {"query": ...}}) and returns the response JSON. */
  public String search(String index, String queryJson) {
    return expectOk(request("POST", "/" + index + "/_search", queryJson), "searching " + index).body();
  }

  /** Returns the stored document JSON ({@code _source} and metadata), or null when absent. */
  public String get(String index, String id) {
    Response r = request("GET", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
    return r.status() == 404 ? null : expectOk(r, "getting " + id + " from " + index).body();
  }

  public void deleteIndex(String index) {
    Response r = request("DELETE", "/" + index, null);
    if (r.status() != 404) {
      expectOk(r, "deleting index " + index);
    }
  }

  private Response expectOk(Response response, String what) {
    if (!response.ok()) {
      throw new IllegalStateException(what + " at " + url + " failed: HTTP " + response.status() + " "
          + response.body());
    }
    return response;
  }

  @Override
  public String toString() {
    return "Elasticsearch at " + url;
  }
}
