package dev.eyrie.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code eyrie demo} as a child JVM, started the way the ./eyrie launcher starts the CLI (same JVM options,
 * eyrie.root, the module's classpath), its output collected line by line and copied to a log file.
 */
final class DemoProcess implements AutoCloseable {
  static final String MARKER_PROPERTY = "eyrie.demo.it";

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final Path logFile;

  private DemoProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.reader = new Thread(this::read, "demo-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** {@code wrapper}: a command the JVM runs under (e.g. setpriv dropping capabilities), or empty. */
  static DemoProcess start(Path root, Map<String, String> env, Path logFile, List<String> wrapper, String... args)
      throws IOException {
    Path tmp = root.resolve(".eyrie").resolve("tmp");
    Files.createDirectories(tmp);
    List<String> cmd = new ArrayList<>(wrapper);
    // A JVM keeps SIGINT ignored when it inherits it so (children of background jobs do): reset it to the default,
    // as a terminal would have it, so Ctrl-C reaches the demo.
    cmd.addAll(List.of("env", "--default-signal=INT"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx1g", "-Deyrie.root=" + root, "-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp,
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        // marks the child so the test can find any JVM of it left behind
        "-D" + MARKER_PROPERTY + "=" + ProcessHandle.current().pid(),
        "-cp", System.getProperty("java.class.path"), "dev.eyrie.cli.Eyrie", "demo"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
    // the test's own servers, never the shared ones `./eyrie test` exports
    pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    pb.environment().remove("ELASTICSEARCH_URL");
    pb.environment().putAll(env);
    Files.createDirectories(logFile.getParent());
    return new DemoProcess(pb.start(), logFile);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        log.println(line);
      }
    } catch (IOException e) {
      lines.add("(test: reading the demo's output failed: " + e + ")");
    }
  }

  long pid() {
    return process.pid();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String output() {
    return String.join("\n", lines);
  }

  /**
   * Waits for a line matching {@code p}; fails with the output when the demo exits first or {@code limit} passes
   * (a safety net for a hung demo, not a performance check).
   */
  String await(String what, Predicate<String> p, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int seen = 0;
    while (true) {
      List<String> now = lines();
      for (; seen < now.size(); seen++) {
        if (p.test(now.get(seen))) {
          return now.get(seen);
        }
      }
      if (!process.isAlive() && !reader.isAlive() && lines().size() == seen) {
        throw new AssertionError("the demo exited (code " + process.exitValue() + ") before " + what
            + "; output (also in " + logFile + "):\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + limit.toSeconds() + " s; output (also in " + logFile
            + "):\n" + output());
      }
      Thread.sleep(200);
    }
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT " + process.pid() + " failed");
    }
  }

  /** Waits for the exit and the end of its output; returns the exit code. */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the demo did not exit within " + limit.toSeconds() + " s of SIGINT; output:\n"
          + output());
    }
    reader.join(10_000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the demo stops what it started
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
