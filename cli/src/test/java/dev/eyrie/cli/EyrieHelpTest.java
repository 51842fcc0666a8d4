package dev.eyrie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `eyrie --help` is the map a newcomer reads first: every command, in data-path order, with a whole sentence. */
class EyrieHelpTest {

  @Test
  void listsEveryCommandInDataPathOrderWithAOneLineSummary() {
    RulesCommandsTest.Run r = RulesCommandsTest.run("--help");
    assertEquals(0, r.exit(), r.err());
    List<String> names = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : r.out().lines().toList()) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.matches("  \\S.*")) {
        String[] parts = line.trim().split("\\s+", 2);
        names.add(parts[0]);
        summaries.add(parts[1]);
      } else if (inCommands && !summaries.isEmpty() && line.startsWith("   ")) {
        summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line.trim());
      }
    }
    assertEquals(List.of("rules", "collector", "detect", "correlate", "archive", "backfill", "import", "replay", "demo",
        "help"), names, r.out());
    for (int i = 0; i < names.size(); i++) {
      String s = summaries.get(i);
      // a summary cut from a longer description ends mid-sentence (e.g. with a comma)
      assertTrue(s.endsWith("."), names.get(i) + ": " + s);
      assertFalse(s.length() > 110, names.get(i) + " summary is not one line: " + s);
    }
  }
}
