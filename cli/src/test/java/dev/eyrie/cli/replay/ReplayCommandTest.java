package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.replay;
import static dev.eyrie.cli.replay.Cli.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays real captures with the small rules in replay-rules.yaml. Expected times come from the sysdig oracle
 * (*.sysdig.txt) of each capture, rendered in UTC.
 */
class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CAT_LDSO = "16:17:57.881785348: Debug cat open (file=/etc/ld.so.cache)";
  private static final String CAT_LIBC =
      "16:17:57.881799840: Informational library opened (file=/lib/x86_64-linux-gnu/libc.so.6 cmd=cat /dev/null)";
  private static final String CAT_LOCALE = "16:17:57.882008208: Debug cat open (file=/usr/lib/locale/locale-archive)";
  private static final String CAT_NULL =
      "16:17:57.882054739: Notice cat opened a null device (file=/dev/null proc=cat pid=20072 flags=O_RDONLY)";
  private static final String CONNECT = "21:27:03.470627540: Warning Localhost connection "
      + "(connection=127.0.0.1:47192->127.0.0.1:80 res=EINPROGRESS proto=tcp)";
  private static final String TMP_WRITE = "22:13:50.575387852: Error File below /tmp opened for writing "
      + "(file=/tmp/test user=root uid=0 container=697956520d89)";

  @Test
  void textAlertsOfThreeCapturesInInputOrder() {
    Cli.Result r = replay("--rules", rules(), capture("cat_write"), capture("connect_localhost"),
        capture("psp-write_tmp_test"));

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(CAT_LDSO, CAT_LIBC, CAT_LOCALE, CAT_NULL, CONNECT, TMP_WRITE), r.lines());
    assertTrue(r.err().contains("from 3 inputs: 6 alerts"), r.err());
    assertTrue(r.err().contains("  2  Any open by cat\n"), r.err());
    assertTrue(r.err().contains("  1  Write below tmp\n"), r.err());
    assertTrue(r.err().contains("Error         1"), r.err());
  }

  @Test
  void jsonAlertHasFalcoShapeAndFields() throws Exception {
    Cli.Result r = replay("--json", "--rules", rules(), capture("cat_write"), capture("psp-write_tmp_test"));

    assertEquals(0, r.code(), r.err());
    assertEquals(5, r.lines().size(), r.out());
    JsonNode nullDev = JSON.readTree(r.lines().get(3));
    assertEquals(List.of("hostname", "output", "output_fields", "priority", "rule", "source", "tags", "time"),
        keys(nullDev));
    assertEquals("Cat opens null device", nullDev.get("rule").asText());
    assertEquals("Notice", nullDev.get("priority").asText());
    assertEquals("syscall", nullDev.get("source").asText());
    assertEquals(CAT_NULL, nullDev.get("output").asText());
    assertEquals("2016-08-04T16:17:57.882054739Z", nullDev.get("time").asText());
    assertEquals("[\"filesystem\",\"test_cat\"]", nullDev.get("tags").toString());
    JsonNode f = nullDev.get("output_fields");
    assertEquals(List.of("evt.arg.flags", "evt.time", "fd.name", "proc.name", "proc.pid"), keys(f));
    assertEquals("/dev/null", f.get("fd.name").asText());
    assertEquals(20072, f.get("proc.pid").asLong());
    assertTrue(f.get("proc.pid").isIntegralNumber());
    assertEquals(1470327477882054739L, f.get("evt.time").asLong());
    assertEquals("O_RDONLY", f.get("evt.arg.flags").asText());

    JsonNode tmp = JSON.readTree(r.lines().get(4));
    assertEquals("Write below tmp", tmp.get("rule").asText());
    assertEquals(TMP_WRITE, tmp.get("output").asText());
    assertEquals("697956520d89", tmp.get("output_fields").get("container.id").asText());
    assertEquals(0, tmp.get("output_fields").get("user.uid").asLong());
    assertEquals("[\"filesystem\",\"mitre_persistence\"]", tmp.get("tags").toString());
  }

  @Test
  void ruleMatchingAllReportsEveryMatchingRule() {
    Cli.Result first = replay("--rules", rules(), capture("cat_write"));
    Cli.Result all = replay("--rule-matching", "all", "--rules", rules(), capture("cat_write"));

    assertEquals(List.of(CAT_LDSO, CAT_LIBC, CAT_LOCALE, CAT_NULL), first.lines());
    assertEquals(List.of(CAT_LDSO, CAT_LIBC, "16:17:57.881799840: Debug cat open (file=/lib/x86_64-linux-gnu/libc.so.6)",
        CAT_LOCALE, CAT_NULL, "16:17:57.882054739: Debug cat open (file=/dev/null)"), all.lines());
  }

  @Test
  void disableBySubstringIsCaseSensitiveAndMatchesFullNames() {
    // "cat" is in "Any open by cat" but not in "Cat opens null device"
    Cli.Result sub = replay("-D", "cat", "--rules", rules(), capture("cat_write"));
    assertEquals(List.of(CAT_LIBC, CAT_NULL), sub.lines());

    Cli.Result exact = replay("--disable", "Cat opens null device", "-D", "library", "--rules", rules(),
        capture("cat_write"));
    // with the null-device rule off, the catch-all rule is the first to match that open
    assertEquals(List.of(CAT_LDSO, "16:17:57.881799840: Debug cat open (file=/lib/x86_64-linux-gnu/libc.so.6)",
        CAT_LOCALE, "16:17:57.882054739: Debug cat open (file=/dev/null)"), exact.lines());
  }

  @Test
  void disabledTagsTurnOffEveryRuleCarryingOne() {
    Cli.Result r = replay("-T", "filesystem", "--rules", rules(), capture("cat_write"), capture("connect_localhost"),
        capture("psp-write_tmp_test"));

    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(CAT_LDSO, "16:17:57.881799840: Debug cat open (file=/lib/x86_64-linux-gnu/libc.so.6)",
        CAT_LOCALE, "16:17:57.882054739: Debug cat open (file=/dev/null)", CONNECT), r.lines());
  }

  @Test
  void enabledTagsRunOnlyThoseRulesIncludingOnesDisabledInTheFile() {
    Cli.Result dormant = replay("-t", "dormant", "--rules", rules(), capture("cat_write"));
    assertEquals(List.of("16:17:57.882054739: Critical disabled rule fired (file=/dev/null)"), dormant.lines());

    Cli.Result two = replay("--enable-tag", "test_cat", "-t", "library", "--rules", rules(), capture("cat_write"),
        capture("connect_localhost"));
    assertEquals(List.of(CAT_LIBC, CAT_NULL), two.lines());
  }

  @Test
  void minimumPriorityDropsLessSevereRules() {
    Cli.Result r = replay("--min-priority", "notice", "--rules", rules(), capture("cat_write"),
        capture("connect_localhost"), capture("psp-write_tmp_test"));
    assertEquals(List.of(CAT_NULL, CONNECT, TMP_WRITE), r.lines());

    Cli.Result err = replay("--min-priority", "ERROR", "--rules", rules(), capture("cat_write"),
        capture("connect_localhost"), capture("psp-write_tmp_test"));
    assertEquals(List.of(TMP_WRITE), err.lines());
  }

  @Test
  void severalRulesFilesThenInputs() {
    // --rules takes the .yaml files that follow it; the capture after them is an INPUT
    Cli.Result r = replay("--rules", rules(), rules(), capture("connect_localhost"));
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(CONNECT), r.lines());
  }

  @Test
  void enabledTagsCannotBeMixedWithDisabledRules() {
    Cli.Result r = replay("-t", "network", "-D", "cat", "--rules", rules(), capture("cat_write"));
    assertEquals(1, r.code());
    assertTrue(r.err().contains("-t") && r.err().contains("-D/-T"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badOptionsAndInputsFailWithClearMessages() {
    Cli.Result prio = replay("--min-priority", "loud", "--rules", rules(), capture("cat_write"));
    assertEquals(1, prio.code());
    assertTrue(prio.err().contains("unknown priority 'loud'"), prio.err());

    Cli.Result matching = replay("--rule-matching", "some", "--rules", rules(), capture("cat_write"));
    assertEquals(1, matching.code());
    assertTrue(matching.err().contains("first or all"), matching.err());

    Cli.Result missing = replay("--rules", rules(), "no-such-capture.scap");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("input not found: no-such-capture.scap"), missing.err());

    Cli.Result noInput = replay("--rules", rules());
    assertEquals(1, noInput.code());
    assertTrue(noInput.err().contains("no INPUT"), noInput.err());
  }

  @Test
  void rulesThatDoNotLoadStopTheReplay() throws Exception {
    Path bad = Files.createTempFile("bad-rules", ".yaml");
    try {
      Files.writeString(bad, "- rule: broken\n  desc: x\n  condition: evt.type = open and\n"
          + "  output: x\n  priority: INFO\n");
      Cli.Result r = replay("--rules", bad.toString(), capture("cat_write"));
      assertEquals(1, r.code());
      assertTrue(r.err().contains("rules did not load"), r.err());
      assertTrue(r.err().contains("broken"), r.err());
      assertEquals("", r.out());
    } finally {
      Files.deleteIfExists(bad);
    }
  }

  private static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
