package dev.eyrie.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Elasticsearch connection and bulk-sink tuning. Authentication is either basic ({@code username}/{@code password})
 * or an API key ({@code apiKey}, the base64 "id:key" form Elasticsearch returns as {@code encoded}). TLS trusts
 * the JVM's trust store, plus {@code caCertPath} (a PEM CA certificate) when given.
 */
public record ElasticsearchSettings(
    boolean enabled,
    List<String> urls,
    String index,
    String username,
    String password,
    String apiKey,
    String caCertPath,
    boolean installTemplate,
    int maxBatchSize,
    int maxInFlightRequests,
    int maxBufferedRequests,
    Duration maxTimeInBuffer,
    Duration requestTimeout,
    Duration retryBackoffInitial,
    Duration retryBackoffMax,
    boolean failOnPermanentError) implements Serializable {

  public ElasticsearchSettings {
    urls = List.copyOf(urls);
    if (username != null && apiKey != null) {
      throw new IllegalArgumentException("elasticsearch: set either username/password or api-key, not both");
    }
    if (username != null && password == null) {
      throw new IllegalArgumentException("elasticsearch.username is set but elasticsearch.password is not");
    }
  }

  static ElasticsearchSettings from(Settings s) {
    return new ElasticsearchSettings(
        s.bool("elasticsearch.enabled", true),
        Arrays.stream(s.string("elasticsearch.url", "http://127.0.0.1:19200").split(","))
            .map(String::trim).filter(u -> !u.isEmpty()).toList(),
        s.string("elasticsearch.index", "eyrie-alerts"),
        s.optional("elasticsearch.username"),
        s.optional("elasticsearch.password"),
        s.optional("elasticsearch.api-key"),
        s.optional("elasticsearch.ca-cert"),
        s.bool("elasticsearch.install-template", true),
        s.integer("elasticsearch.max-batch-size", 500),
        s.integer("elasticsearch.max-in-flight-requests", 4),
        s.integer("elasticsearch.max-buffered-requests", 10_000),
        s.duration("elasticsearch.max-time-in-buffer", Duration.ofMillis(500)),
        s.duration("elasticsearch.request-timeout", Duration.ofMinutes(2)),
        s.duration("elasticsearch.retry-backoff-initial", Duration.ofMillis(200)),
        s.duration("elasticsearch.retry-backoff-max", Duration.ofSeconds(30)),
        s.bool("elasticsearch.fail-on-permanent-error", false));
  }
}
