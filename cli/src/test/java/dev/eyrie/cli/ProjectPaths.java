package dev.eyrie.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root for tests: the eyrie.root property (set by the build) or the nearest dir with ./eyrie. */
final class ProjectPaths {
  private ProjectPaths() {}

  static Path root() {
    String prop = System.getProperty("eyrie.root");
    if (prop != null && Files.isRegularFile(Path.of(prop, "eyrie"))) {
      return Path.of(prop).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("eyrie"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the project root (no ./eyrie above " + Path.of("").toAbsolutePath() + ")");
  }
}
