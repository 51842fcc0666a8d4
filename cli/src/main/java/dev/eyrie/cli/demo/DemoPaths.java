package dev.eyrie.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project checkout the demo runs from: its scripts start the servers, its rules/ are published. */
final class DemoPaths {
  private DemoPaths() {}

  /** The eyrie.root property (set by the ./eyrie launcher), else the nearest directory above cwd with ./eyrie. */
  static Path root() {
    String prop = System.getProperty("eyrie.root");
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop).toAbsolutePath().normalize();
      if (isRoot(p)) {
        return p;
      }
      throw new IllegalStateException("eyrie.root=" + prop + " is not an Eyrie checkout (no eyrie launcher, "
          + "scripts/ or rules/ there)");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isRoot(p)) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the Eyrie checkout: run the demo as ./eyrie demo from it (no "
        + "./eyrie, scripts/ and rules/ in " + Path.of("").toAbsolutePath() + " or above)");
  }

  private static boolean isRoot(Path p) {
    return Files.isRegularFile(p.resolve("eyrie")) && Files.isDirectory(p.resolve("scripts"))
        && Files.isDirectory(p.resolve("rules"));
  }
}
