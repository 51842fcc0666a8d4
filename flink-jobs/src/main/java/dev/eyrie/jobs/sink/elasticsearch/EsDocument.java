package dev.eyrie.jobs.sink.elasticsearch;

import java.io.Serializable;

/**
 * One document to index: {@code id} is the document {@code _id} (for alerts, the deterministic alert_id, so a
 * replay overwrites instead of duplicating), {@code source} the JSON body. {@code attempt} counts failed
 * deliveries for the retry backoff.
 */
public record EsDocument(String index, String id, byte[] source, int attempt) implements Serializable {

  public EsDocument retried() {
    return new EsDocument(index, id, source, attempt + 1);
  }
}
