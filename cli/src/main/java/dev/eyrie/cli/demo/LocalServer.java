package dev.eyrie.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the project's local servers, driven through its script ({@code scripts/kafka.sh}, {@code
 * scripts/elasticsearch.sh}: start|stop|status, idempotent, port from EYRIE_KAFKA_PORT / EYRIE_ES_PORT). Remembers
 * whether this run started it, so only those are stopped at the end.
 */
final class LocalServer {
  private final String name;
  private final Path script;
  private final Path root;
  private volatile boolean startedHere;
  private volatile String address;

  LocalServer(Path root, String name) {
    this.root = root;
    this.name = name;
    this.script = root.resolve("scripts").resolve(name + ".sh");
  }

  String name() {
    return name;
  }

  boolean startedHere() {
    return startedHere;
  }

  /** The address the script reports ({@code 127.0.0.1:19092}, {@code http://127.0.0.1:19200}). */
  String address() {
    return address;
  }

  /** Reuses a running server (left running at the end) or starts one (stopped at the end). */
  void ensureRunning(PrintWriter out) throws IOException, InterruptedException {
    if (!Files.isExecutable(script)) {
      throw new IOException("cannot start " + name + ": " + script + " is missing or not executable");
    }
    Result status = run("status", null);
    if (status.code == 0) {
      address = lastWord(status.lines);
      out.println("  " + name + ": reusing the server already running at " + address + " (left running on exit)");
      return;
    }
    // ours from here on, even if the start fails half-way (an interrupted script can leave a server starting)
    startedHere = true;
    Result start = run("start", out);
    if (start.code != 0) {
      throw new IOException(name + " did not start (" + script + " start exited with " + start.code + "; its output "
          + "is above). Or give an existing server: --" + (name.equals("kafka") ? "kafka HOST:PORT" : "elasticsearch URL"));
    }
    status = run("status", null);
    if (status.code != 0) {
      throw new IOException(name + " started but " + script + " status says: " + String.join(" ", status.lines));
    }
    address = lastWord(status.lines);
  }

  /** Stops the server if this run started it; a reused one is left alone. */
  void stopIfStartedHere(PrintWriter out) {
    if (!startedHere) {
      return;
    }
    try {
      Result r = run("stop", out);
      if (r.code != 0) {
        out.println("  " + name + ": " + script + " stop exited with " + r.code + "; check with " + script + " status");
      }
      startedHere = false;
    } catch (IOException e) {
      out.println("  " + name + ": could not stop it: " + e.getMessage() + "; run " + script + " stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("  " + name + ": interrupted while stopping; run " + script + " stop");
    }
  }

  private record Result(int code, List<String> lines) {}

  /** Runs the script; its output goes line by line to {@code echo} (when given) and is returned. */
  private Result run(String action, PrintWriter echo) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(script.toString(), action).directory(root.toFile()).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        if (echo != null) {
          echo.println("  " + line);
          echo.flush();
        }
      }
    }
    return new Result(p.waitFor(), lines);
  }

  private static String lastWord(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i).trim();
      if (!l.isEmpty()) {
        return l.substring(l.lastIndexOf(' ') + 1);
      }
    }
    return "";
  }
}
