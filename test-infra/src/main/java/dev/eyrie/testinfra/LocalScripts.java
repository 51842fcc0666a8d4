package dev.eyrie.testinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts servers with the project's scripts/&lt;name&gt;.sh, which are idempotent and leave them running. */
final class LocalScripts {
  /** Covers a first run that downloads the server artifacts with Maven. */
  private static final long SCRIPT_TIMEOUT_MINUTES = 15;

  private LocalScripts() {}

  /** Runs {@code scripts/<name>.sh start} and returns the address that {@code status} reports. */
  static String start(String name) {
    Path script = projectRoot().resolve("scripts").resolve(name + ".sh");
    Result started = run(script, "start");
    if (started.exit != 0) {
      throw new IllegalStateException(script + " start failed (exit " + started.exit + "):\n" + started.output);
    }
    Result status = run(script, "status");
    // status prints "<name> running <address>", exit 0 when running
    String[] words = status.output.strip().split("\\s+");
    if (status.exit != 0 || words.length < 3 || !words[1].equals("running")) {
      throw new IllegalStateException(script + " start succeeded but status says (exit " + status.exit + "): "
          + status.output.strip() + "\nstart printed:\n" + started.output);
    }
    return words[words.length - 1];
  }

  /**
   * The Eyrie checkout: {@code eyrie.root} (set by the parent pom's surefire configuration) when it holds the
   * scripts, else the nearest directory above the working directory that does.
   */
  static Path projectRoot() {
    List<Path> starts = new ArrayList<>();
    String property = System.getProperty("eyrie.root");
    if (property != null && !property.isBlank()) {
      starts.add(Path.of(property));
    }
    starts.add(Path.of(System.getProperty("user.dir")));
    return projectRoot(starts);
  }

  static Path projectRoot(List<Path> starts) {
    for (Path start : starts) {
      for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("scripts/kafka.sh"))
            && (Files.isRegularFile(dir.resolve("eyrie")) || isParentPom(dir.resolve("pom.xml")))) {
          return dir;
        }
      }
    }
    throw new IllegalStateException("cannot find the Eyrie project root (a directory with scripts/kafka.sh and"
        + " ./eyrie) at or above " + starts + "; set -Deyrie.root=<checkout> or KAFKA_BOOTSTRAP_SERVERS /"
        + " ELASTICSEARCH_URL");
  }

  private static boolean isParentPom(Path pom) {
    try {
      String text = Files.readString(pom);
      int artifact = text.indexOf("<artifactId>eyrie-parent</artifactId>");
      int parent = text.indexOf("<parent>");
      // module poms name eyrie-parent only inside their <parent> element
      return artifact >= 0 && (parent < 0 || artifact < parent);
    } catch (IOException e) {
      return false;
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(Path script, String command) {
    Path out = null;
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
      out = Files.createTempFile("eyrie-" + command, ".out");
      // Output goes to a file, not a pipe: nothing here can block on a server that inherited a descriptor.
      Process process = new ProcessBuilder("bash", script.toString(), command)
          .directory(script.getParent().getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " " + command + " did not finish within " + SCRIPT_TIMEOUT_MINUTES
            + " minutes; output so far:\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("running " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }
}
