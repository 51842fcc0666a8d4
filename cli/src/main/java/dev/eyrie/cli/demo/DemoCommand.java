package dev.eyrie.cli.demo;

import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveJob;
import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.correlate.CorrelateJob;
import dev.eyrie.jobs.correlate.SequenceRules;
import dev.eyrie.jobs.detect.DetectJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eyrie demo}: Eyrie on this machine — local Kafka and Elasticsearch (the project's scripts), Eyrie's rules
 * published, the detection and archive jobs on one embedded Flink MiniCluster, the collector capturing this host,
 * and the alerts printed as they come. Ctrl-C stops what this run started, in order.
 */
@Command(name = "demo",
    header = "Run Eyrie on this machine (Kafka, Elasticsearch, jobs, live collector) and show alerts live.", mixinStandardHelpOptions = true,
    subcommands = DemoRecordCommand.class,
    description = {
        "Run Eyrie on this machine and show alerts live: starts the local Kafka and Elasticsearch "
            + "(scripts/kafka.sh, scripts/elasticsearch.sh) unless running or given, publishes rules/*.yaml, runs the "
            + "detection and archive jobs on an embedded Flink cluster and the collector on this host (eBPF; "
            + "without the privileges it replays a bundled recording instead).",
        "Ctrl-C stops everything this run started; servers that were already running are left running."})
public final class DemoCommand implements Callable<Integer> {
  static final String READY = "READY";
  private static final String BUNDLED_EVENTS = "demo-events.avro";
  private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(3);

  @Spec CommandSpec spec;

  @Option(names = "--kafka", paramLabel = "HOST:PORT",
      description = "Use this Kafka instead of the local one (default: $KAFKA_BOOTSTRAP_SERVERS, else start "
          + "scripts/kafka.sh on 127.0.0.1:$EYRIE_KAFKA_PORT, 19092).")
  String kafka;

  @Option(names = "--elasticsearch", paramLabel = "URL",
      description = "Use this Elasticsearch instead of the local one (default: $ELASTICSEARCH_URL, else start "
          + "scripts/elasticsearch.sh on 127.0.0.1:$EYRIE_ES_PORT, 19200).")
  String elasticsearch;

  @Option(names = "--no-elasticsearch", description = "Alerts to Kafka only; no Elasticsearch is started.")
  boolean noElasticsearch;

  @Option(names = "--no-collector",
      description = "Capture nothing here: the jobs process what other collectors or `eyrie import --to kafka` send.")
  boolean noCollector;

  @Option(names = "--capture", paramLabel = "FILE",
      description = "Replay this file instead of capturing live: an Eyrie events file (eyrie collector --output) or "
          + "a scap capture. Event times are shifted to now.")
  Path capture;

  @Option(names = "--no-archive", description = "Do not run the archive job (events to the Iceberg table).")
  boolean noArchive;

  @Option(names = "--no-correlation", description = "Do not run the correlation job (sequence rules).")
  boolean noCorrelation;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (noCollector && capture != null) {
      say("eyrie demo: --no-collector and --capture exclude each other");
      return 2;
    }
    Path root = DemoPaths.root();
    Path state = root.resolve(".eyrie").resolve("demo");
    Files.createDirectories(state);
    StopSignal stop = StopSignal.install(this::say, this::say);
    Path log = state.resolve("demo.log");
    DemoLogging.toFile(log);
    say("Eyrie demo (" + root + "). Logs of Flink, the jobs and the clients: " + root.relativize(log));
    Deque<Step> cleanup = new ArrayDeque<>();
    int rc = 0;
    try {
      rc = run(root, state, stop, cleanup);
    } catch (Exception e) {
      say("");
      say("eyrie demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (System.getenv("EYRIE_DEBUG") != null) {
        e.printStackTrace(out);
      }
      rc = 1;
    } finally {
      if (!cleanup.isEmpty()) {
        say("");
        say("Stopping" + (stop.requested() ? " (" + stop.reason() + ")" : "") + "...");
      }
      while (!cleanup.isEmpty()) {
        Step s = cleanup.pop();
        try {
          s.action.run();
        } catch (Exception e) {
          say("  " + s.name + ": " + e.getMessage());
          rc = rc == 0 ? 1 : rc;
        }
      }
      say("Stopped.");
    }
    return rc;
  }

  private int run(Path root, Path state, StopSignal stop, Deque<Step> cleanup) throws Exception {
    if (capture != null) {
      EventReplay.check(capture); // a bad file fails now, not after a minute of starting servers
    }
    // ---- servers
    String bootstrap = firstNonBlank(kafka, System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
    String esUrl = noElasticsearch ? null : firstNonBlank(elasticsearch, System.getenv("ELASTICSEARCH_URL"));
    LocalServer localKafka = bootstrap == null ? new LocalServer(root, "kafka") : null;
    LocalServer localEs = !noElasticsearch && esUrl == null ? new LocalServer(root, "elasticsearch") : null;
    // pushed before starting: a server whose start was attempted is stopped even if the start failed half-way
    if (localKafka != null) {
      cleanup.push(new Step("kafka", () -> localKafka.stopIfStartedHere(out)));
    }
    if (localEs != null) {
      cleanup.push(new Step("elasticsearch", () -> localEs.stopIfStartedHere(out)));
    }
    say("Servers:");
    startServers(localKafka, localEs);
    if (localKafka != null) {
      bootstrap = localKafka.address();
    } else {
      say("  kafka: using " + bootstrap + " (not started or stopped by this run)");
    }
    if (localEs != null) {
      esUrl = localEs.address();
    } else if (esUrl != null) {
      say("  elasticsearch: using " + esUrl + " (not started or stopped by this run)");
    }
    if (stop.requested()) {
      return 0;
    }

    // ---- topics and rules
    Map<String, String> common = new LinkedHashMap<>();
    common.put("kafka.bootstrap-servers", bootstrap);
    if (esUrl == null) {
      common.put("elasticsearch.enabled", "false");
    } else {
      common.put("elasticsearch.url", esUrl);
    }
    Map<String, String> detectSettings = new LinkedHashMap<>(common);
    // alerts become visible to read_committed readers when a checkpoint commits the sink's transaction
    detectSettings.put("checkpoints.interval", "2s");
    JobConfig detect = ConfigLoader.load(null, detectSettings, "eyrie-demo-detect");
    Properties client = detect.kafka().clientConfig();
    List<String> created = DemoTopics.ensure(client, detect.topics());
    say("Topics: " + (created.isEmpty() ? "all exist" : "created " + String.join(", ", created)));
    DemoRules.Outcome rules = DemoRules.publishIfChanged(client, detect.topics().rules(),
        detect.topics().rulesStatus(), DemoRules.projectRules(root), detect.rules());
    say("Rules: " + rules.files().stream().map(p -> root.relativize(p).toString()).toList() + " "
        + (rules.published() ? "published as ruleset " + rules.version()
            : "unchanged, ruleset " + rules.version() + " already on topic " + detect.topics().rules()));
    if (stop.requested()) {
      return 0;
    }

    // ---- alerts table: positioned before the jobs start, so no alert of this run is missed
    AlertTable table = AlertTable.start(client, detect.topics().alerts(), out);
    cleanup.push(new Step("alerts table", table::close));

    // ---- Flink jobs
    SequenceRules sequences = null;
    JobConfig correlate = null;
    String correlateNote = "";
    if (!noCorrelation) {
      try {
        sequences = SequenceRules.read(rules.files());
        Map<String, String> correlateSettings = new LinkedHashMap<>(common);
        correlateSettings.put("checkpoints.interval", "2s");
        correlate = ConfigLoader.load(null, correlateSettings, "eyrie-demo-correlate");
      } catch (IllegalArgumentException e) {
        // no sequence rules among the project's rules files: detection alone
        correlateNote = "correlation job NOT running: " + e.getMessage();
      }
    }
    ArchiveConfig archive = null;
    if (!noArchive) {
      Map<String, String> archiveSettings = new LinkedHashMap<>(common);
      archiveSettings.put("archive.warehouse", root.resolve(".eyrie").resolve("warehouse").toString());
      // each checkpoint is an Iceberg commit: fewer, larger files than the detection job's 2 s
      archiveSettings.put("checkpoints.interval", "30s");
      archive = ArchiveConfig.load(null, archiveSettings, "eyrie-demo-archive");
    }
    DemoJobs jobs = DemoJobs.start(1 + (correlate == null ? 0 : 1) + (archive == null ? 0 : 1));
    cleanup.push(new Step("flink", () -> {
      jobs.close();
      say("flink: MiniCluster closed");
    }));
    jobs.submit(detect, DetectJob::build);
    if (correlate != null) {
      SequenceRules seq = sequences;
      jobs.submit(correlate, (env, cfg) -> CorrelateJob.build(env, cfg, seq));
      correlateNote = seq.matcher().sequences().size() + " sequence rules from " + rules.files().stream()
          .map(p -> p.getFileName().toString()).toList() + " (SEQUENCE alerts, same topic and index)";
    }
    String archiveNote = "";
    if (archive != null) {
      ArchiveConfig a = archive;
      try {
        jobs.submit(a.job(), (env, cfg) -> ArchiveJob.build(env, cfg, a.archive()));
        archiveNote = "events archived to the Iceberg table " + a.archive().namespace() + "." + a.archive().table()
            + " in " + a.archive().warehouse();
      } catch (RuntimeException e) {
        // detection is what the demo is about: it goes on without the archive, saying why
        archiveNote = "archive job NOT running: " + e.getMessage();
      }
    }
    String eventsTopic = detect.topics().events();
    cleanup.push(new Step("flink jobs", () -> {
      // the event source is already stopped here: let the jobs finish what reached the topic
      boolean caughtUp = jobs.catchUp(client, eventsTopic, Duration.ofSeconds(20));
      List<String> problems = jobs.stopAll(state.resolve("savepoints"), Duration.ofSeconds(60));
      problems.forEach(p -> say("flink: " + p));
      say("flink: jobs " + jobs.names() + " stopped" + (problems.isEmpty()
          ? " after a final savepoint (alerts and archive files committed)" : "") + (caughtUp
          ? "; every event of " + eventsTopic + " processed"
          : "; not all events of " + eventsTopic + " were processed: the next run starts with them"));
    }));
    say("Flink: starting " + jobs.names() + " on an embedded MiniCluster (REST " + jobs.restAddress() + ")");
    jobs.awaitRunning(JOB_START_TIMEOUT);
    if (stop.requested()) {
      return 0;
    }

    // ---- events
    EventFeed feed = startFeed(state, bootstrap, client, detect.topics().events(), stop);
    if (feed != null) {
      cleanup.push(new Step("events", () -> {
        feed.close();
        say("events: " + feed.describe() + " stopped" + (feed instanceof LiveCapture l
            ? " (" + l.captured() + " events captured, all delivered to Kafka)" : ""));
      }));
    }

    // ---- where to look, what to try
    banner(bootstrap, esUrl, detect, correlate != null, correlateNote, archiveNote, feed);
    say(READY + "  Eyrie is running: " + jobs.names() + " on Flink, events from "
        + (feed == null ? "other producers (--no-collector)" : feed.describe())
        + ". Alerts appear below as they come; Ctrl-C stops everything this run started.");
    while (!stop.await(1000)) {
      List<String> ended = jobs.ended();
      if (!ended.isEmpty()) {
        say("flink: a job ended on its own: " + ended);
        stop.request("a Flink job ended");
        return 1;
      }
    }
    return 0;
  }

  private void startServers(LocalServer localKafka, LocalServer localEs) throws Exception {
    // Elasticsearch takes the longest: it starts on its own thread while Kafka starts here
    Thread esThread = null;
    Exception[] esFailure = new Exception[1];
    if (localEs != null) {
      esThread = new Thread(() -> {
        try {
          localEs.ensureRunning(out);
        } catch (Exception e) {
          esFailure[0] = e;
        }
      }, "eyrie-demo-elasticsearch");
      esThread.start();
    }
    Exception kafkaFailure = null;
    if (localKafka != null) {
      try {
        localKafka.ensureRunning(out);
      } catch (Exception e) {
        kafkaFailure = e;
      }
    }
    if (esThread != null) {
      esThread.join();
    }
    if (kafkaFailure != null) {
      throw kafkaFailure;
    }
    if (esFailure[0] != null) {
      throw new IOException(esFailure[0].getMessage() + " (or run without it: --no-elasticsearch)", esFailure[0]);
    }
  }

  private EventFeed startFeed(Path state, String bootstrap, Properties client, String topic, StopSignal stop)
      throws IOException {
    if (noCollector) {
      say("Events: no collector (--no-collector); send events to topic " + topic + " at " + bootstrap);
      return null;
    }
    if (capture != null) {
      EventReplay r = EventReplay.start(capture, capture.toString(), client, topic, this::say);
      say("Events: replaying " + capture + " (--capture)");
      return r;
    }
    String why = LiveCapture.unavailableReason();
    if (why == null) {
      try {
        LiveCapture live = LiveCapture.start(bootstrap, topic, state.resolve("collector"), m -> say("collector: " + m));
        live.onUnexpectedStop(() -> stop.request("the collector stopped"));
        say("Events: live eBPF capture of this host");
        return live;
      } catch (RuntimeException e) {
        why = e.getMessage();
      }
    }
    Path bundled = extractBundledEvents(state);
    say("Events: live capture is not possible here: " + why);
    say("        replaying instead a recording bundled with Eyrie (" + BUNDLED_EVENTS + ", made with "
        + "`eyrie demo record` on a test machine: shell commands an intruder would run)");
    return EventReplay.start(bundled, "the bundled recording " + BUNDLED_EVENTS, client, topic, this::say);
  }

  private static Path extractBundledEvents(Path state) throws IOException {
    Path target = state.resolve(BUNDLED_EVENTS);
    try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_EVENTS)) {
      if (in == null) {
        throw new IOException("the bundled recording " + BUNDLED_EVENTS + " is missing from the eyrie-cli jar");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private void banner(String bootstrap, String esUrl, JobConfig detect, boolean correlating, String correlateNote,
      String archiveNote, EventFeed feed) {
    say("");
    say("Where the alerts go:");
    say("  Kafka          topic " + detect.topics().alerts() + " at " + bootstrap
        + " (JSON; read with isolation.level=read_committed)");
    if (esUrl != null) {
      String index = detect.elasticsearch().index();
      say("  Elasticsearch  index " + index + " at " + esUrl + ", e.g. the 5 newest:");
      say("                 curl -s '" + esUrl + "/" + index + "/_search?size=5&sort=@timestamp:desc&pretty'");
    }
    if (!correlateNote.isEmpty()) {
      say("  Correlation    " + correlateNote);
    }
    if (!archiveNote.isEmpty()) {
      say("  Archive        " + archiveNote);
    }
    if (feed instanceof LiveCapture) {
      say("");
      say("Try in another terminal (as root, on this host):");
      for (Suggestion s : Suggestion.ALL) {
        if (correlating || !s.sequence()) {
          say("  " + s.command());
          say("      -> " + s.alerts());
        }
      }
    }
    say("");
  }

  /**
   * Commands that fire Eyrie's rules on this host, shown at start (DemoIT performs the first three). {@code
   * sequence}: needs the correlation job.
   */
  record Suggestion(String command, String alerts, boolean sequence) {
    static final List<Suggestion> ALL = List.of(
        new Suggestion("cat /etc/shadow > /dev/null", "Password or Sudo Database Read (Warning)", false),
        new Suggestion("bash -c 'bash -i >& /dev/tcp/127.0.0.1/9 0>&1'", "Reverse Shell Command Line (Critical)",
            false),
        new Suggestion("touch /etc/eyrie-demo; rm /etc/eyrie-demo", "File Written Below /etc (Error)", false),
        new Suggestion("curl -so /tmp/payload file:///bin/true; chmod +x /tmp/payload; /tmp/payload; rm /tmp/payload",
            "Program Executed from Temporary Directory (Warning), then a few seconds later the sequence Eyrie "
                + "Downloaded File Executed (Error)", true));
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b == null || b.isBlank() ? null : b.trim();
  }

  private record Step(String name, Action action) {}

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }
}
