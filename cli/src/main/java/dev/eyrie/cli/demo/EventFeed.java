package dev.eyrie.cli.demo;

/** Where the demo's events come from: the collector on this host, or a replayed file. */
interface EventFeed extends AutoCloseable {
  /** One line for the banner, e.g. "live eBPF capture on this host (collector in this process)". */
  String describe();

  /** Stops producing and makes what was produced durable in Kafka (collector drained, producer flushed). */
  @Override
  void close();
}
