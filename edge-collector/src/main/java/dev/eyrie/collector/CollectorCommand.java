package dev.eyrie.collector;

import dev.eyrie.collector.state.runtime.RuntimeRoots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eyrie collector}: run the node agent until SIGTERM/Ctrl-C, which drains and exits. */
@Command(name = "collector",
    header = "Capture syscalls on this node with eBPF and ship enriched events to Kafka.", mixinStandardHelpOptions = true,
    description = "Capture syscalls with eBPF, enrich them and ship Avro events to Kafka (or to an Avro file).")
public final class CollectorCommand implements Callable<Integer> {
  // Defaults come from the EYRIE_* environment the deploy files set (deploy/config-keys.md); a flag wins over both.
  @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "${env:EYRIE_KAFKA_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (env EYRIE_KAFKA_BOOTSTRAP_SERVERS)")
  String kafka;

  @Option(names = "--topic", defaultValue = "${env:EYRIE_TOPIC_EVENTS:-eyrie.events}",
      description = "events topic (env EYRIE_TOPIC_EVENTS; default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--output", paramLabel = "FILE", description = "write an Avro events file instead of Kafka")
  Path output;

  @Option(names = "--syscalls", split = ",", paramLabel = "NAME",
      description = "syscalls to trace (default: every one Falco rules use)")
  List<String> syscalls;

  @Option(names = "--metrics-port", defaultValue = "${env:EYRIE_COLLECTOR_METRICS_PORT:-9464}",
      description = "port of /metrics and /healthz (negative: none; env EYRIE_COLLECTOR_METRICS_PORT; "
          + "default ${DEFAULT-VALUE})")
  int metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
      defaultValue = "${env:EYRIE_COLLECTOR_METRICS_BIND:-127.0.0.1}",
      description = "bind address of the metrics server (env EYRIE_COLLECTOR_METRICS_BIND; default ${DEFAULT-VALUE})")
  String metricsBind;

  @Option(names = "--host-proc", paramLabel = "DIR", defaultValue = "${env:EYRIE_COLLECTOR_HOST_PROC:-/proc}",
      description = "the host's /proc (env EYRIE_COLLECTOR_HOST_PROC; default ${DEFAULT-VALUE})")
  Path hostProc;

  @Option(names = "--passwd-file", paramLabel = "FILE",
      defaultValue = "${env:EYRIE_COLLECTOR_PASSWD_FILE:-/etc/passwd}",
      description = "the host's passwd, for user.name (env EYRIE_COLLECTOR_PASSWD_FILE; default ${DEFAULT-VALUE})")
  Path passwdFile;

  @Option(names = "--group-file", paramLabel = "FILE", defaultValue = "${env:EYRIE_COLLECTOR_GROUP_FILE:-/etc/group}",
      description = "the host's group, for group.name (env EYRIE_COLLECTOR_GROUP_FILE; default ${DEFAULT-VALUE})")
  Path groupFile;

  @Option(names = "--tracefs", paramLabel = "DIR", defaultValue = "${env:EYRIE_COLLECTOR_TRACEFS}",
      description = "tracefs mount (env EYRIE_COLLECTOR_TRACEFS; default: where libbpf looks)")
  Path tracefs;

  @Option(names = "--hostname", defaultValue = "${env:EYRIE_COLLECTOR_HOSTNAME}",
      description = "hostname stamped on events (env EYRIE_COLLECTOR_HOSTNAME; default: the host's)")
  String hostname;

  @Option(names = "--docker-root", paramLabel = "DIR",
      defaultValue = "${env:EYRIE_COLLECTOR_DOCKER_ROOT:-" + RuntimeRoots.DOCKER + "}",
      description = "dockerd's data root, for container metadata (env EYRIE_COLLECTOR_DOCKER_ROOT; "
          + "default ${DEFAULT-VALUE})")
  Path dockerRoot;

  @Option(names = "--containerd-state", paramLabel = "DIR",
      defaultValue = "${env:EYRIE_COLLECTOR_CONTAINERD_STATE:-" + RuntimeRoots.CONTAINERD + "}",
      description = "containerd's state directory (task bundles), for container/pod metadata "
          + "(env EYRIE_COLLECTOR_CONTAINERD_STATE; default ${DEFAULT-VALUE})")
  Path containerdState;

  @Option(names = "--storage-runroot", paramLabel = "DIR",
      defaultValue = "${env:EYRIE_COLLECTOR_STORAGE_RUNROOT:-" + RuntimeRoots.STORAGE_RUN + "}",
      description = "containers/storage run root (CRI-O, podman) (env EYRIE_COLLECTOR_STORAGE_RUNROOT; "
          + "default ${DEFAULT-VALUE})")
  Path storageRunRoot;

  @Option(names = "--storage-root", paramLabel = "DIR",
      defaultValue = "${env:EYRIE_COLLECTOR_STORAGE_ROOT:-" + RuntimeRoots.STORAGE_GRAPH + "}",
      description = "containers/storage graph root (podman, CRI-O) (env EYRIE_COLLECTOR_STORAGE_ROOT; "
          + "default ${DEFAULT-VALUE})")
  Path storageRoot;

  @Spec
  CommandSpec spec;

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

  @Option(names = "--snaplen", defaultValue = "80",
      description = "bytes of read/write/sendto/recvfrom data kept in evt.buffer (0: none, max 4095; read and write "
          + "are traced only when named in --syscalls; default ${DEFAULT-VALUE})")
  int snaplen;

  @Override
  public Integer call() throws Exception {
    CollectorConfig d = CollectorConfig.defaults();
    if (snaplen < 0 || snaplen > CollectorConfig.MAX_SNAPLEN) {
      System.err.println("eyrie collector: --snaplen " + snaplen + " out of range 0.." + CollectorConfig.MAX_SNAPLEN);
      return 2;
    }
    // an explicit --output beats a bootstrap address that only came from the environment
    String bootstrap = output != null && !spec.commandLine().getParseResult().hasMatchedOption("--kafka")
        ? null : blankToNull(kafka);
    CollectorConfig cfg = new CollectorConfig(bootstrap, topic, output, syscalls == null ? List.of() : syscalls,
        metricsPort, stateDir, spoolDir, spoolMaxBytes, producerConfig, d.ringBytes(), d.wakeupBytes(), d.pollMs(),
        ancestors, d.argsMax(), envBytes, d.libbpf(), tracefs, Duration.ofSeconds(30), d.maxUnacked(),
        metricsBind, new HostView(hostProc, passwdFile, groupFile, blankToNull(hostname),
        new RuntimeRoots(dockerRoot, containerdState, storageRunRoot, storageRoot)), snaplen);
    Collector c;
    try {
      c = Collector.start(cfg, System.err::println);
    } catch (CollectorException e) {
      System.err.println("eyrie collector: " + e.getMessage());
      return 2;
    }
    System.err.println("eyrie collector: capturing" + (output != null ? " to " + output : " to " + bootstrap + " topic "
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

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public static void main(String[] args) {
    int rc = new CommandLine(new CollectorCommand()).execute(args);
    if (rc != 0) {
      System.exit(rc);
    }
  }
}
