package dev.eyrie.cli.demo;

import dev.eyrie.collector.Collector;
import dev.eyrie.collector.CollectorConfig;
import dev.eyrie.collector.CollectorException;
import dev.eyrie.collector.Preflight;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The edge collector in this JVM, shipping this host's events to the events topic (it never traces itself). */
final class LiveCapture implements EventFeed {
  private final Collector collector;

  private LiveCapture(Collector collector) {
    this.collector = collector;
  }

  /**
   * Why live capture cannot run here (missing privileges, BTF, tracefs), or null when it can; checked before
   * anything is loaded into the kernel.
   */
  static String unavailableReason() {
    try {
      Preflight.check(null);
      return null;
    } catch (CollectorException e) {
      return e.getMessage();
    }
  }

  static LiveCapture start(String bootstrap, String topic, Path stateDir, Consumer<String> log) {
    CollectorConfig cfg = CollectorConfig.defaults()
        .withKafka(bootstrap, topic)
        .withStateDir(stateDir)
        // the demo prints its own status; a fixed metrics port could clash with a collector already on this host
        .withMetricsPort(-1)
        .withSpool(stateDir.resolve("spool"), 256L << 20);
    return new LiveCapture(Collector.start(cfg, log));
  }

  /** Runs {@code onStop} (on a daemon thread) if the collector stops on its own, e.g. on a ring-buffer error. */
  void onUnexpectedStop(Runnable onStop) {
    Thread t = new Thread(() -> {
      try {
        collector.awaitStopped();
        onStop.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eyrie-demo-collector-watch");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public String describe() {
    return "live eBPF capture of this host (the collector runs in this process)";
  }

  long captured() {
    return collector.metrics().captured.get();
  }

  @Override
  public void close() {
    collector.close();
  }
}
