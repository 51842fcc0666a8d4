package dev.eyrie.jobs.rules;

import java.time.ZoneOffset;
import dev.eyrie.engine.runtime.FalcoAlertText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.jobs.config.RulesSettings;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class RulesetCompilerTest {
  private static final RulesSettings FIRST = new RulesSettings(RulesSettings.Matching.FIRST, 10);

  private static RulesetRecord record(String version, String... testFiles) {
    List<RuleFile> files = RulesPublisher.read(java.util.Arrays.stream(testFiles).map(Paths::testRules).toList());
    return new RulesetRecord(version, Instant.parse("2026-01-01T00:00:00Z"), "test", files);
  }

  private static List<Alert> evaluate(RulesetEvaluator ev, Event e) {
    List<Alert> out = new ArrayList<>();
    ev.evaluate(e, new Collector<>() {
      @Override
      public void collect(Alert a) {
        out.add(a);
      }

      @Override
      public void close() {}
    });
    return out;
  }

  @Test
  void aGoodRulesetYieldsAlertsTaggedWithItsVersion() {
    Compilation c = RulesetCompiler.compile(record("v1", "shadow-v1.yaml"), FIRST);
    assertTrue(c.accepted(), c.message() + " " + c.errors());
    assertEquals(1, c.evaluator().enabledRules());
    Event shadow = TestEvents.open("web-1", 3, "cat", "/etc/shadow");
    List<Alert> alerts = evaluate(c.evaluator(), shadow);
    assertEquals(1, alerts.size());
    Alert a = alerts.get(0);
    assertEquals("Read sensitive file", a.getRule());
    assertEquals("Warning", a.getPriority());
    assertEquals(FalcoAlertText.line(shadow.getTs(), ZoneOffset.UTC, "Warning",
        "Sensitive file opened (user=root command=cat file=/etc/shadow host=web-1)"), a.getOutput());
    assertEquals(shadow.getTs(), a.getOutputFields().get("evt.time"));
    assertEquals("v1", a.getRulesetVersion());
    assertEquals(AlertFactory.alertId(AlertKind.EVENT_RULE, "Read sensitive file", List.of(shadow.getEventId())),
        a.getAlertId());
    assertTrue(evaluate(c.evaluator(), TestEvents.open("web-1", 4, "cat", "/etc/hosts")).isEmpty());
  }

  @Test
  void aBrokenRulesetIsRejectedWithFalcoStyleErrors() {
    Compilation c = RulesetCompiler.compile(record("v3", "broken-v3.yaml"), FIRST);
    assertFalse(c.accepted());
    JsonNode first = c.errors().get(0);
    assertTrue(first.path("code").asText().startsWith("LOAD_ERR"), first.toString());
    assertTrue(first.path("message").asText().contains("fd.nme"), first.toString());
    assertEquals("broken-v3.yaml",
        first.path("context").path("locations").get(0).path("position").path("name").asText(), first.toString());
  }

  @Test
  void theThreeOfficialFalcoFilesLoadUnchanged() {
    RulesetRecord r = new RulesetRecord("falco", Instant.now(), "test",
        RulesPublisher.read(Paths.officialFalcoRules()));
    Compilation c = RulesetCompiler.compile(r, FIRST);
    assertTrue(c.accepted(), c.message() + " " + c.errors());
    assertTrue(c.evaluator().enabledRules() > 20, "enabled: " + c.evaluator().enabledRules());
  }

  @Test
  void contentVersionsAreStableAndContentSensitive() {
    List<RuleFile> a = List.of(new RuleFile("a.yaml", "- list: x\n  items: []\n"));
    List<RuleFile> b = List.of(new RuleFile("a.yaml", "- list: x\n  items: [1]\n"));
    assertEquals(RulesetRecord.contentVersion(a), RulesetRecord.contentVersion(List.copyOf(a)));
    assertNotEquals(RulesetRecord.contentVersion(a), RulesetRecord.contentVersion(b));
  }

  @Test
  void recordsRoundTripThroughJson() {
    RulesetRecord r = record("v1", "shadow-v1.yaml", "shadow-v2.yaml");
    assertEquals(r, RulesetRecord.fromJson(r.toJson()));
  }
}
