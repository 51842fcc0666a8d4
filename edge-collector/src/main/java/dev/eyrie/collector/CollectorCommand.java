package dev.eyrie.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eyrie collector}: run the node agent until SIGTERM/Ctrl-C, which drains and exits. */
@Command(name = "collector", mixinStandardHelpOptions = true,
    description = "Capture syscalls with eBPF, enrich them and ship Avro events to Kafka (or to an Avro file).")
public final class CollectorCommand implements Callable<Integer> {
  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
  String kafka;

  @Option(names = "--topic", defaultValue = "eyrie.events", description = "events topic (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--output", paramLabel = "FILE", description = "write an Avro events file instead of Kafka")
  Path output;

  @Option(names = "--syscalls", split = ",", paramLabel = "NAME",
      description = "syscalls to trace (default: every one Falco rules use)")
  List<String> syscalls;

  @Option(names = "--metrics-port", defaultValue = "9464",
      description = "Prometheus endpoint on 127.0.0.1 (negative: none; default ${DEFAULT-VALUE})")
  int metricsPort;

  @Option(names = "--state-dir", defaultValue = "/var/lib/eyrie/collector",
      description = "sequence state and default spool location (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Option(names = "--spool-dir", description = "spool for Kafka outages (default: STATE_DIR/spool)")
  Path spoolDir;

  @Option(names = "--spool-max-bytes", defaultValue = "1073741824",
      description = "spool bound; past it the oldest events are dropped and counted (default ${DEFAULT-VALUE})")
  long spoolMaxBytes;

  @Option(names = "--producer-config", paramLabel = "FILE",
      description = "Kafka producer properties (TLS, SASL, tuning) layered over the collector's defaults")
  Path producerConfig;

  @Option(names = "--env-bytes", defaultValue = "0",
      description = "capture up to this many bytes of each new process' environment (power of two ≤ 4096; 0: none)")
  int envBytes;

  @Option(names = "--ancestors", defaultValue = "8", description = "ancestor depth carried by each event")
  int ancestors;

  @Override
  public Integer call() throws Exception {
    CollectorConfig d = CollectorConfig.defaults();
    CollectorConfig cfg = new CollectorConfig(kafka, topic, output, syscalls == null ? List.of() : syscalls,
        metricsPort, stateDir, spoolDir, spoolMaxBytes, producerConfig, d.ringBytes(), d.wakeupBytes(), d.pollMs(),
        ancestors, d.argsMax(), envBytes, d.libbpf(), null, Duration.ofSeconds(30), d.maxUnacked());
    Collector c;
    try {
      c = Collector.start(cfg, System.err::println);
    } catch (CollectorException e) {
      System.err.println("eyrie collector: " + e.getMessage());
      return 2;
    }
    System.err.println("eyrie collector: capturing" + (output != null ? " to " + output : " to " + kafka + " topic "
        + topic) + (c.metricsPort() >= 0 ? ", metrics on http://127.0.0.1:" + c.metricsPort() + "/metrics" : ""));
    Thread hook = new Thread(() -> {
      try {
        c.close();
      } catch (RuntimeException e) {
        System.err.println("eyrie collector: " + e.getMessage());
      }
    }, "eyrie-collector-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    c.awaitStopped();
    return 0;
  }

  public static void main(String[] args) {
    int rc = new CommandLine(new CollectorCommand()).execute(args);
    if (rc != 0) {
      System.exit(rc);
    }
  }
}
