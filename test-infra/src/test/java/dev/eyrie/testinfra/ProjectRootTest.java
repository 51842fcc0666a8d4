package dev.eyrie.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {
  @TempDir Path tmp;

  @Test
  void walksUpFromAModuleToTheParentPom() throws IOException {
    Path root = checkout(tmp.resolve("eyrie"));
    Path module = Files.createDirectories(root.resolve("flink-jobs/target"));
    Files.writeString(root.resolve("flink-jobs/pom.xml"),
        "<project><parent><artifactId>eyrie-parent</artifactId></parent><artifactId>eyrie-flink-jobs</artifactId>");
    // a module that happens to hold a scripts/ dir must not be mistaken for the root
    Files.createDirectories(root.resolve("flink-jobs/scripts"));
    Files.writeString(root.resolve("flink-jobs/scripts/kafka.sh"), "");

    assertEquals(root, LocalScripts.projectRoot(List.of(module)));
  }

  @Test
  void aMissingCheckoutIsReportedWithWhereItLooked() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LocalScripts.projectRoot(List.of(tmp)));
    assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
  }

  @Test
  void theRealCheckoutIsFound() {
    Path root = LocalScripts.projectRoot();
    assertTrue(Files.isRegularFile(root.resolve("scripts/kafka.sh")), root.toString());
  }

  private static Path checkout(Path root) throws IOException {
    Files.createDirectories(root.resolve("scripts"));
    Files.writeString(root.resolve("scripts/kafka.sh"), "");
    Files.writeString(root.resolve("pom.xml"),
        "<project><groupId>dev.eyrie</groupId><artifactId>eyrie-parent</artifactId><modules/></project>");
    return root;
  }
}
