package dev.eyrie.jobs.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where tests find the shared reference material and the project's rules. */
public final class Paths {
  private Paths() {}

  public static Path root() {
    String root = System.getProperty("eyrie.root");
    Path p = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    return p;
  }

  public static Path falcoRules(String file) {
    Path p = root().resolve("../shared/falco-rules").resolve(file).normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("official Falco rules file missing: " + p);
    }
    return p;
  }

  /** The three official files in Falco's load order. */
  public static List<Path> officialFalcoRules() {
    return List.of(falcoRules("falco_rules.yaml"), falcoRules("falco-incubating_rules.yaml"),
        falcoRules("falco-sandbox_rules.yaml"));
  }

  /** Eyrie's own rules (rules/*.yaml), if any were written yet. */
  public static List<Path> eyrieRules() {
    Path dir = root().resolve("rules");
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(out::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }

  public static Path testRules(String name) {
    try {
      return Path.of(Paths.class.getResource("/rules/" + name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test rules file missing: " + name, e);
    }
  }
}
