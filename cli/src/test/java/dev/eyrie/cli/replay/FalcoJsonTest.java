package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escaping and time formats of the Falco output shapes. */
class FalcoJsonTest {
  @Test
  void quotesBackslashesAndControlsAreEscapedInBothShapes() throws Exception {
    String rules = Paths.get(FalcoJsonTest.class.getResource("escaping-rules.yaml").toURI()).toString();
    String message = "He said \"hi\" \\ back\ttab (file=/dev/null)";

    Cli.Result text = replay("--rules", rules, capture("cat_write"));
    assertEquals(List.of("16:17:57.882054739: Warning He said \\\"hi\\\" \\\\ back\\ttab (file=/dev/null)"),
        text.lines());

    Cli.Result json = replay("--json", "--rules", rules, capture("cat_write"));
    JsonNode alert = new ObjectMapper().readTree(json.lines().get(0));
    assertEquals("16:17:57.882054739: Warning " + message, alert.get("output").asText());
    assertEquals("[\"alpha\",\"zeta\"]", alert.get("tags").toString());
  }

  @Test
  void controlCharactersWithoutShortFormUseUnicodeEscapes() {
    StringBuilder sb = new StringBuilder();
    FalcoJson.escape(sb, "a\u0001b\u007fc\u00e9");
    assertEquals("a\\u0001b\u007fc\u00e9", sb.toString());
  }

  @Test
  void timesKeepNanosecondsAndZones() {
    long ns = 1_470_327_477_000_000_005L;
    assertEquals("2016-08-04T16:17:57.000000005Z", FalcoJson.iso8601(ns));
    assertEquals("16:17:57.000000005", FalcoJson.evtTime(ns, ZoneOffset.UTC));
    assertEquals("18:17:57.000000005", FalcoJson.evtTime(ns, ZoneId.of("Europe/Rome")));
    assertEquals("1969-12-31T23:59:59.999999999Z", FalcoJson.iso8601(-1));
  }
}
