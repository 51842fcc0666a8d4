package dev.eyrie.jobs.sink.elasticsearch;

import java.io.Serializable;

import org.elasticsearch.client.RestClient;

/**
 * Runs when a sink writer starts, before its first document (e.g. install an index template). Runs on the task,
 * so it works the same under {@code flink run} as on the embedded MiniCluster; it must be idempotent.
 */
@FunctionalInterface
public interface EsStartup extends Serializable {
  void run(RestClient client);

  EsStartup NONE = client -> {};
}
