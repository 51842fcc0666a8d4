package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `eyrie replay` prints: Falco's text line and JSON line, escaped as Falco escapes them. */
class ReplayOutputShapeTest {
  @Test
  void quotesBackslashesAndControlsAreEscapedInBothShapes() throws Exception {
    String rules = Paths.get(ReplayOutputShapeTest.class.getResource("escaping-rules.yaml").toURI()).toString();
    String message = "He said \"hi\" \\ back\ttab (file=/dev/null)";

    Cli.Result text = replay("--rules", rules, capture("cat_write"));
    assertEquals(List.of("16:17:57.882054739: Warning He said \\\"hi\\\" \\\\ back\\ttab (file=/dev/null)"),
        text.lines());

    Cli.Result json = replay("--json", "--rules", rules, capture("cat_write"));
    JsonNode alert = new ObjectMapper().readTree(json.lines().get(0));
    assertEquals("16:17:57.882054739: Warning " + message, alert.get("output").asText());
    assertEquals("[\"alpha\",\"zeta\"]", alert.get("tags").toString());
  }
}
