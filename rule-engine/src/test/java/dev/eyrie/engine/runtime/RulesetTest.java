package dev.eyrie.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.Priority;
import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.compile.ConditionCompiler;
import dev.eyrie.engine.output.OutputCompiler;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesetTest {
  private static int idx;

  static LoadedRule rule(String name, String cond, Priority p, String... tags) throws Exception {
    return rule(name, cond, p, true, tags);
  }

  static LoadedRule rule(String name, String cond, Priority p, boolean enabled, String... tags) throws Exception {
    Expr e = ConditionParser.parse(cond);
    String output = name + " by %proc.name on %fd.name";
    return new LoadedRule(idx++, name, "d", e, e.toString(), output, p, "syscall", Set.of(tags), enabled, false, 0,
        new ConditionCompiler().compile(e), new OutputCompiler().compile(output));
  }

  private final Event openShadow = FieldEvents.of("evt.type", "openat", "proc.name", "cat", "fd.type", "file",
      "fd.name", "/etc/shadow");

  private CompiledRuleset set() throws Exception {
    return CompiledRuleset.of(List.of(
        rule("Any open", "evt.type in (open, openat)", Priority.NOTICE, "filesystem"),
        rule("Shadow", "evt.type = openat and fd.name = /etc/shadow", Priority.CRITICAL, "filesystem", "T1003"),
        rule("Exec only", "evt.type = execve", Priority.WARNING, "process"),
        rule("Unconstrained cat", "proc.name = cat", Priority.DEBUG, "process"),
        rule("Disabled shadow", "fd.name = /etc/shadow", Priority.EMERGENCY, false)));
  }

  private static List<String> names(CompiledRuleset r, Event e) {
    List<String> out = new ArrayList<>();
    r.evaluate(e, m -> out.add(m.ruleName()));
    return out;
  }

  @Test
  void firstMatchStopsAllMatchContinuesInLoadOrder() throws Exception {
    CompiledRuleset r = set();
    assertEquals(List.of("Any open"), names(r, openShadow), "default rule_matching is first");
    CompiledRuleset all = r.withOptions(new RulesetOptions(RuleMatching.ALL, null));
    assertEquals(List.of("Any open", "Shadow", "Unconstrained cat"), names(all, openShadow));
  }

  @Test
  void indexSkipsRulesForOtherTypesAndRunsUnconstrainedRulesEverywhere() throws Exception {
    CompiledRuleset all = set().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    Event close = FieldEvents.of("evt.type", "close", "proc.name", "cat");
    assertEquals(List.of("Unconstrained cat"), names(all, close));
    Event unknownType = FieldEvents.of("evt.type", "brand_new_syscall", "proc.name", "cat");
    assertEquals(List.of("Unconstrained cat"), names(all, unknownType));
    assertEquals(3, all.candidateCount("openat"));
  }

  @Test
  void enableDisableAndMinimumPriority() throws Exception {
    CompiledRuleset all = set().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    assertEquals(List.of("Shadow", "Unconstrained cat"), names(all.withRuleEnabled("Any open", false), openShadow));
    assertEquals(List.of("Any open", "Unconstrained cat"),
        names(all.withRulesEnabledBySubstring("hado", false), openShadow), "substring also hits 'Disabled shadow'");
    assertEquals(List.of("Any open", "Shadow", "Unconstrained cat", "Disabled shadow"),
        names(all.withRulesEnabledByWildcard("Disabled*", true), openShadow));
    assertEquals(List.of("Unconstrained cat"), names(all.withRulesEnabledByTags(List.of("filesystem"), false),
        openShadow));
    assertEquals(List.of("Shadow"),
        names(all.withOptions(new RulesetOptions(RuleMatching.ALL, Priority.WARNING)), openShadow));
    assertFalse(all.isEnabled("Disabled shadow"));
    assertTrue(all.withRuleEnabled("Disabled shadow", true).isEnabled("Disabled shadow"));
    assertEquals(List.of("Any open", "Shadow", "Exec only", "Unconstrained cat"), all.activeRuleNames());
  }

  @Test
  void matchCarriesOutputTagsAndAlertShape() throws Exception {
    CompiledRuleset all = set().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    List<Match> ms = new ArrayList<>();
    all.evaluate(openShadow, ms::add);
    Match m = ms.get(1);
    assertEquals("Shadow by cat on /etc/shadow", m.output());
    assertEquals(Priority.CRITICAL, m.priority());
    assertEquals(Set.of("filesystem", "T1003"), m.tags());
    Alert a = AlertFactory.eventAlert(m, "v1");
    assertEquals("Critical", a.getPriority());
    assertEquals("Shadow", a.getRule());
    assertEquals(openShadow.getTs(), a.getTime());
    assertEquals("test-host", a.getHostname());
    assertEquals(AlertKind.EVENT_RULE, a.getKind());
    assertEquals("v1", a.getRulesetVersion());
    assertEquals(1, a.getEvents().size());
    assertEquals(openShadow.getEventId(), a.getEvents().get(0).getEventId());
    assertNull(a.getEvents().get(0).getStep());
    assertEquals("cat", a.getOutputFields().get("proc.name"));
    assertEquals(32, a.getAlertId().length());
    assertEquals(a.getAlertId(), AlertFactory.eventAlert(m, "v2").getAlertId(), "id ignores the ruleset version");
    assertNotEquals(a.getAlertId(), AlertFactory.eventAlert(ms.get(0), "v1").getAlertId());
    assertNotEquals(AlertFactory.alertId(AlertKind.SEQUENCE, "r", List.of("a", "bc")),
        AlertFactory.alertId(AlertKind.SEQUENCE, "r", List.of("ab", "c")));
  }

  @Test
  void concurrentEvaluationIsSafe() throws Exception {
    CompiledRuleset all = set().withOptions(new RulesetOptions(RuleMatching.ALL, null));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Event own = FieldEvents.of("evt.type", "openat", "proc.name", "cat", "fd.type", "file",
          "fd.name", t % 2 == 0 ? "/etc/shadow" : "/tmp/x");
      int expected = t % 2 == 0 ? 3 : 2;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          int[] n = {0};
          all.evaluate(own, m -> n[0]++);
          if (n[0] != expected) {
            errors.add(new AssertionError("got " + n[0]));
            return;
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), errors);
  }
}
