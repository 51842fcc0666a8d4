package dev.eyrie.cli.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs the replay/import commands in-process with captured stdout/stderr; finds the shared captures. */
final class Cli {
  private Cli() {}

  record Result(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }
  }

  /** Replay with alert times in UTC, so expected lines do not depend on the machine's time zone. */
  static Result replay(String... args) {
    ReplayCommand cmd = new ReplayCommand();
    cmd.zone = ZoneOffset.UTC;
    return run(cmd, args);
  }

  static Result importing(String... args) {
    return run(new ImportCommand(), args);
  }

  private static Result run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static String capture(String name) {
    return captures().resolve(name + ".scap").toString();
  }

  static String rules() {
    try {
      return Paths.get(Cli.class.getResource("replay-rules.yaml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ../shared/captures relative to the project root (the directory holding cli/). */
  static Path captures() {
    String root = System.getProperty("eyrie.root");
    Path start = root != null && !root.isBlank() ? Paths.get(root) : Paths.get("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("../shared/captures").normalize();
      if (Files.isDirectory(c) && Files.isDirectory(p.resolve("cli"))) {
        return c;
      }
    }
    throw new IllegalStateException("cannot find ../shared/captures above " + start);
  }
}
