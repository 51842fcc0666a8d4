package dev.eyrie.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rules file to load: its name (used in messages; usually the path as given) and its content. */
public record RulesSource(String name, String content) {

  public static RulesSource of(String name, String content) {
    return new RulesSource(name, content);
  }

  /** Reads the file; the name is the path as given. */
  public static RulesSource of(Path path) throws IOException {
    return new RulesSource(path.toString(), Files.readString(path));
  }
}
