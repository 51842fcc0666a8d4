package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.collector.metrics.Metrics;
import dev.eyrie.collector.metrics.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** /healthz follows the health supplier (the consumer thread in the collector); /metrics keeps serving. */
class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthzIs200WhileHealthyAnd503WithTheReasonOtherwise() throws Exception {
    AtomicReference<String> reason = new AtomicReference<>();
    try (MetricsServer server = new MetricsServer(new Metrics(), "127.0.0.1", 0, reason::get)) {
      HttpResponse<String> ok = get(server.port(), "/healthz");
      assertEquals(200, ok.statusCode());
      assertEquals("ok", ok.body());

      reason.set("consumer thread stopped: boom");
      HttpResponse<String> down = get(server.port(), "/healthz");
      assertEquals(503, down.statusCode());
      assertEquals("consumer thread stopped: boom", down.body());

      HttpResponse<String> metrics = get(server.port(), "/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("# TYPE"), metrics.body());
    }
  }

  @Test
  void bindsTheConfiguredAddress() throws Exception {
    try (MetricsServer server = new MetricsServer(new Metrics(), "0.0.0.0", 0, () -> null)) {
      assertEquals(200, get(server.port(), "/healthz").statusCode());
    }
  }

  @Test
  void unbindableAddressIsNamed() {
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> new MetricsServer(new Metrics(), "192.0.2.1", 0, () -> null));
    assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
