package dev.eyrie.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three official Falco rule files, loaded together, evaluated by the runtime. */
class OfficialRulesTest {
  static CompiledRuleset ruleset;

  static Path rules(String file) {
    return Path.of(System.getProperty("eyrie.root", "..")).resolve("../shared/falco-rules").resolve(file)
        .normalize();
  }

  @BeforeAll
  static void load() throws Exception {
    LoadResult r = RulesLoader.load(List.of(RulesSource.of(rules("falco_rules.yaml")),
        RulesSource.of(rules("falco-incubating_rules.yaml")), RulesSource.of(rules("falco-sandbox_rules.yaml"))));
    assertTrue(r.successful(), r::toText);
    ruleset = r.ruleset().withOptions(new RulesetOptions(RuleMatching.ALL, null));
  }

  private static List<Match> eval(Event e) {
    List<Match> out = new ArrayList<>();
    ruleset.evaluate(e, out::add);
    return out;
  }

  private static List<String> names(List<Match> ms) {
    return ms.stream().map(Match::ruleName).toList();
  }

  @Test
  void readSensitiveFileFiresWithFalcoOutput() {
    Event e = FieldEvents.of("evt.type", "openat", "fd.name", "/etc/shadow", "evt.arg.flags", "O_RDONLY",
        "proc.name", "cat", "proc.args", "/etc/shadow", "fd.type", "file");
    List<Match> ms = eval(e);
    assertTrue(names(ms).contains("Read sensitive file untrusted"), names(ms)::toString);
    Match m = ms.stream().filter(x -> x.ruleName().equals("Read sensitive file untrusted")).findFirst().get();
    assertTrue(m.output().contains("file=/etc/shadow"), m.output());
    assertTrue(m.output().contains("command=cat /etc/shadow"), m.output());
    assertEquals("/etc/shadow", m.outputFields().get("fd.name"));
  }

  @Test
  void benignOpenDoesNotFire() {
    Event e = FieldEvents.of("evt.type", "openat", "fd.name", "/home/alice/notes.txt", "evt.arg.flags",
        "O_RDONLY", "proc.name", "cat", "fd.type", "file");
    assertEquals(List.of(), names(eval(e)));
  }

  @Test
  void unknownEventTypesCostNothing() {
    assertEquals(0, ruleset.candidateCount("getpid"));
    assertFalse(ruleset.candidateCount("execve") == 0);
  }
}
