package dev.eyrie.collector.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * GET /metrics and GET /healthz on bind:port (port 0 picks a free one). The bind address defaults to loopback for
 * the CLI; a container sets 0.0.0.0 so kubelet probes and scrapers reach it on the pod IP.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  public MetricsServer(Metrics metrics, int port) {
    this(metrics, "127.0.0.1", port, () -> null);
  }

  /** @param unhealthy null while healthy, else the one-line reason /healthz answers 503 with */
  public MetricsServer(Metrics metrics, String bind, int port, Supplier<String> unhealthy) {
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("metrics endpoint: cannot bind " + bind + ":" + port,
          e instanceof IOException io ? io : new IOException(e));
    }
    server.createContext("/metrics", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      send(ex, 200, metrics.render());
    });
    server.createContext("/healthz", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      String reason = unhealthy.get();
      send(ex, reason == null ? 200 : 503, reason == null ? "ok" : reason);
    });
    server.start();
  }

  private static void send(HttpExchange ex, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
