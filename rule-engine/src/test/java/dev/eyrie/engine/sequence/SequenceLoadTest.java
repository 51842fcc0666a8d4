package dev.eyrie.engine.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.Priority;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.load.ItemType;
import dev.eyrie.engine.load.LoadCode;
import dev.eyrie.engine.load.LoadMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading {@code - sequence:} items: what a valid one compiles to, and each mistake's Falco-style error. */
class SequenceLoadTest {
  private static final String RULES = """
      - macro: ssh_port
        condition: fd.sport = 22
      - list: shells
        items: [bash, sh]
      - rule: Shell spawned by sshd
        desc: d
        condition: evt.type = execve and proc.name in (shells) and proc.pname = sshd
        output: shell %proc.name
        priority: NOTICE
      """;

  private static final String VALID = """
      - sequence: SSH lateral movement then shell
        desc: ssh out, then a shell on the target
        priority: CRITICAL
        tags: [network, T1021.004]
        within: 10m
        steps:
          - name: ssh_out
            condition: evt.type = connect and ssh_port and fd.typechar = 4
            by: [fd.sip]
          - name: shell
            rule: Shell spawned by sshd
            by: [host.ip]
        not:
          condition: evt.type = execve and proc.name = cleanup
          by: [host.ip]
        until:
          condition: evt.type = procexit and proc.name = sshd
          by: [host.ip]
        output: >-
          SSH from %ssh_out.evt.hostname (%ssh_out.proc.cmdline) to %shell.evt.hostname, then shell
          %shell.proc.cmdline as %user.name
      """;

  static LoadResult load(String... yamls) {
    List<RulesSource> sources = new java.util.ArrayList<>();
    for (int i = 0; i < yamls.length; i++) {
      sources.add(RulesSource.of("rules" + (i + 1) + ".yaml", yamls[i]));
    }
    return RulesLoader.load(sources);
  }

  /** A sequence with two steps, each key and condition replaceable through the given YAML snippet. */
  static String seq(String extra) {
    return """
        - sequence: s
          desc: d
          priority: WARNING
          within: 1m
        """ + extra;
  }

  static final String TWO_STEPS = """
        steps:
          - name: a
            condition: evt.type = execve and proc.name = a
          - name: b
            condition: evt.type = execve and proc.name = b
        output: a then b
      """;

  static LoadMessage singleError(LoadResult r) {
    assertFalse(r.successful(), r::toText);
    assertEquals(1, r.errors().size(), r::toText);
    return r.errors().get(0);
  }

  static void assertError(LoadResult r, LoadCode code, String message) {
    LoadMessage e = singleError(r);
    assertEquals(code, e.code(), r::toText);
    assertTrue(e.message().contains(message), () -> "message: " + e.message() + "\n" + r.toText());
  }

  @Test
  void validSequenceCompilesWithMacrosListsAndRuleReferences() {
    LoadResult r = load(RULES + VALID);
    assertTrue(r.successful(), r::toText);
    assertTrue(r.warnings().isEmpty(), r::toText);
    assertEquals(1, r.sequences().size());
    SequenceDef d = r.sequences().get(0);
    assertEquals("SSH lateral movement then shell", d.name());
    assertEquals(Priority.CRITICAL, d.priority());
    assertEquals(600_000L, d.withinMillis());
    assertEquals(List.of("ssh_out", "shell"), d.steps().stream().map(SequenceDef.Step::name).toList());
    assertEquals("(evt.type = connect and fd.sport = 22 and fd.typechar = 4)", d.steps().get(0).conditionText());
    assertEquals("Shell spawned by sshd", d.steps().get(1).ruleName());
    assertTrue(d.steps().get(1).conditionText().contains("proc.name in (bash, sh)"),
        d.steps().get(1).conditionText());
    assertEquals("fd.sip", d.steps().get(0).keys().get(0).field());
    assertEquals("host.ip", d.steps().get(1).keys().get(0).field());
    assertEquals("host.ip", d.absence().keys().get(0).field());
    assertTrue(d.tags().contains("T1021.004"));
    assertEquals(2, d.length());
    // the per-event ruleset is unaffected by sequences
    assertEquals(List.of("Shell spawned by sshd"), r.ruleset().activeRuleNames());
  }

  @Test
  void sequenceLevelByAppliesToStepsWithoutOne() {
    LoadResult r = load(seq("  by: [host.id, proc.pid]\n" + TWO_STEPS));
    assertTrue(r.successful(), r::toText);
    assertEquals(List.of("host.id", "proc.pid"),
        r.sequences().get(0).steps().get(1).keys().stream().map(KeyExtractor::field).toList());
  }

  @Test
  void macroUsedOnlyBySequenceIsNotUnused() {
    LoadResult r = load("- macro: is_a\n  condition: proc.name = a\n" + seq("""
          steps:
            - name: a
              condition: evt.type = execve and is_a
            - name: b
              condition: evt.type = execve and proc.name = b
          output: x
        """));
    assertTrue(r.successful(), r::toText);
    assertTrue(r.warnings().isEmpty(), r::toText);
  }

  @Test
  void missingStepsAndTooFewSteps() {
    assertError(load(seq("  output: x\n")), LoadCode.LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'steps'");
    assertError(load(seq("  steps: {a: b}\n  output: x\n")), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Value of 'steps' must be a sequence");
    assertError(load(seq("""
          steps:
            - name: a
              condition: evt.type = execve
          output: x
        """)), LoadCode.LOAD_ERR_VALIDATE, "A sequence needs at least two steps (or one step with times >= 2, or one step "
        + "and a trailing absence not: {after: last})");
    // one repeated step is a sequence
    assertTrue(load(seq("""
          steps:
            - name: a
              condition: evt.type = execve
              times: 3
          output: x
        """)).successful());
  }

  @Test
  void stepConditionOrRule() {
    assertError(load(seq("""
          steps:
            - name: a
            - name: b
              condition: evt.type = execve
          output: x
        """)), LoadCode.LOAD_ERR_VALIDATE, "Step 'a' must have a 'condition' or a 'rule'");
    assertError(load(RULES, seq("""
          steps:
            - name: a
              condition: evt.type = execve
              rule: Shell spawned by sshd
            - name: b
              condition: evt.type = execve
          output: x
        """)), LoadCode.LOAD_ERR_VALIDATE, "Step 'a' has both 'condition' and 'rule'");
    LoadResult unknown = load(RULES, seq("""
          steps:
            - name: a
              rule: Shell spawned by sshd
            - name: b
              rule: No such rule
          output: x
        """));
    assertError(unknown, LoadCode.LOAD_ERR_VALIDATE, "Step 'b' refers to rule 'No such rule', which is not defined");
    LoadMessage e = unknown.errors().get(0);
    assertEquals("rules2.yaml", e.sourceName());
    assertEquals(ItemType.SEQUENCE, e.itemType());
    assertEquals("s", e.itemName());
    assertEquals(8, e.line(), unknown::toText); // 0-based line of "rule: No such rule"
    assertEquals(12, e.column(), unknown::toText);
  }

  @Test
  void duplicateAndInvalidStepNames() {
    LoadResult dup = load(seq(TWO_STEPS.replace("name: b", "name: a")));
    assertError(dup, LoadCode.LOAD_ERR_VALIDATE, "Duplicate step name 'a' in sequence 's'");
    assertEquals(ItemType.SEQUENCE_STEP, dup.errors().get(0).position().itemType());
    assertEquals(7, dup.errors().get(0).line(), dup::toText);
    assertError(load(seq(TWO_STEPS.replace("name: b", "name: 2b"))), LoadCode.LOAD_ERR_VALIDATE,
        "Step name '2b' is invalid");
    assertError(load(seq(TWO_STEPS.replace("name: b", "name: proc"))), LoadCode.LOAD_ERR_VALIDATE,
        "Step name 'proc' is a field class");
  }

  @Test
  void badWithin() {
    for (String w : List.of("10", "ten minutes", "5d", "-1m", "0s")) {
      LoadResult r = load(seq(TWO_STEPS).replace("within: 1m", "within: " + w));
      assertError(r, LoadCode.LOAD_ERR_VALIDATE, "Invalid 'within' duration");
      assertEquals(3, r.errors().get(0).line(), r::toText);
    }
    assertError(load(seq(TWO_STEPS).replace("  within: 1m\n", "")), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Item has no mapping for key 'within'");
    assertEquals(90_000L, load(seq(TWO_STEPS).replace("within: 1m", "within: 90s")).sequences().get(0)
        .withinMillis());
    assertEquals(250L, load(seq(TWO_STEPS).replace("within: 1m", "within: 250ms")).sequences().get(0)
        .withinMillis());
  }

  @Test
  void keyCountMismatchAndUnknownKeyFields() {
    LoadResult mismatch = load(seq("""
          steps:
            - name: a
              condition: evt.type = execve
              by: [host.id, proc.pid]
            - name: b
              condition: evt.type = execve
              by: [host.id]
          output: x
        """));
    assertError(mismatch, LoadCode.LOAD_ERR_VALIDATE,
        "Key count mismatch: step 'b' has 1 'by' field(s), step 'a' has 2");
    assertEquals(10, mismatch.errors().get(0).line(), mismatch::toText);
    assertError(load(seq("  by: [host.nosuch]\n" + TWO_STEPS)), LoadCode.LOAD_ERR_VALIDATE,
        "'by' entry 'host.nosuch' is not a supported filter field");
    assertError(load(seq("  by: [tolower(proc.name)]\n" + TWO_STEPS)), LoadCode.LOAD_ERR_VALIDATE,
        "'by' entry 'tolower(proc.name)' is not a field name");
    assertError(load(seq("  by: [host.id]\n" + TWO_STEPS + "  not:\n    condition: proc.name = x\n    by: []\n")),
        LoadCode.LOAD_ERR_VALIDATE, "Key count mismatch: step 'not' has 0");
  }

  @Test
  void timesBelowOneOrTooLarge() {
    assertError(load(seq(TWO_STEPS.replace("proc.name = b\n", "proc.name = b\n      times: 0\n"))),
        LoadCode.LOAD_ERR_VALIDATE, "Step 'b': times must be between 1 and 100, not 0");
    assertError(load(seq(TWO_STEPS.replace("proc.name = b\n", "proc.name = b\n      times: 1000\n"))),
        LoadCode.LOAD_ERR_VALIDATE, "times must be between 1 and 100");
    assertError(load(seq(TWO_STEPS.replace("proc.name = b\n", "proc.name = b\n      times: -2\n"))),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Can't decode YAML scalar value");
  }

  @Test
  void conditionErrorsPointIntoTheCondition() {
    LoadResult r = load(seq(TWO_STEPS.replace("proc.name = b", "proc.nosuch = b")));
    LoadMessage e = singleError(r);
    assertEquals(LoadCode.LOAD_ERR_COMPILE_CONDITION, e.code(), r::toText);
    assertEquals(ItemType.CONDITION_EXPRESSION, e.position().itemType());
    assertTrue(e.message().contains("proc.nosuch"), e.message());
    assertError(load(seq(TWO_STEPS.replace("proc.name = b", "proc.name = b and undefined_macro"))),
        LoadCode.LOAD_ERR_VALIDATE, "Undefined macro 'undefined_macro' used in filter.");
    assertError(load(seq(TWO_STEPS.replace("proc.name = b", "proc.name = (b"))),
        LoadCode.LOAD_ERR_COMPILE_CONDITION, "");
  }

  @Test
  void outputTokens() {
    LoadResult ok = load(seq(TWO_STEPS.replace("output: a then b",
        "output: \"%a.proc.name then %b.proc.name (%20b.proc.cmdline) as %user.name\"")));
    assertTrue(ok.successful(), ok::toText);
    LoadResult unknownStep = load(seq(TWO_STEPS.replace("output: a then b", "output: \"%c.proc.name\"")));
    assertError(unknownStep, LoadCode.LOAD_ERR_COMPILE_OUTPUT,
        "unknown step 'c' in output token '%c.proc.name' (steps: a, b)");
    assertEquals(ItemType.SEQUENCE_OUTPUT, unknownStep.errors().get(0).position().itemType());
    assertError(load(seq(TWO_STEPS.replace("output: a then b", "output: \"%a.proc.nosuch\""))),
        LoadCode.LOAD_ERR_COMPILE_OUTPUT, "proc.nosuch");
  }

  @Test
  void unknownKeysWarnAndNameClashWithRuleFails() {
    LoadResult r = load(seq(TWO_STEPS + "  colour: red\n"));
    assertTrue(r.successful(), r::toText);
    assertEquals(List.of(LoadCode.LOAD_UNKNOWN_KEY), r.warnings().stream().map(LoadMessage::code).toList());
    assertError(load(RULES, seq(TWO_STEPS).replace("sequence: s", "sequence: Shell spawned by sshd")),
        LoadCode.LOAD_ERR_VALIDATE, "is already the name of a rule");
  }

  @Test
  void disabledSequencesLoadButDoNotMatch() {
    LoadResult r = load(seq(TWO_STEPS + "  enabled: false\n"));
    assertTrue(r.successful(), r::toText);
    assertFalse(r.sequences().get(0).enabled());
    assertTrue(StepMatcher.of(r.sequences()).isEmpty());
  }

  @Test
  void laterDefinitionReplacesEarlierOne() {
    LoadResult r = load(seq(TWO_STEPS), seq(TWO_STEPS).replace("within: 1m", "within: 2m"));
    assertTrue(r.successful(), r::toText);
    assertEquals(1, r.sequences().size());
    assertEquals(120_000L, r.sequences().get(0).withinMillis());
    assertNull(r.sequences().get(0).absence());
  }

  private static final String ONE_STEP = """
        steps:
          - name: dl
            condition: evt.type = open and proc.name = curl
            by: [fd.name]
        output: "%dl.fd.name not scanned"
      """;

  @Test
  void trailingAbsenceAllowsOneStepAndAppliesOnlyAfterTheLastStep() {
    LoadResult r = load(seq(ONE_STEP + """
          not:
            after: last
            condition: evt.type = open and proc.name = scanner
            by: [fd.name]
        """));
    assertTrue(r.successful(), r::toText);
    assertTrue(r.warnings().isEmpty(), r::toText);
    SequenceDef d = r.sequences().get(0);
    assertTrue(d.absenceAfterLast());
    SequencePlan plan = SequencePlan.of(d);
    assertEquals(1, plan.size());
    assertEquals(SequencePlan.ABSENCE, plan.trailingGate());

    LoadResult between = load(seq(TWO_STEPS + "  not:\n    condition: proc.name = x\n"));
    SequencePlan p2 = SequencePlan.of(between.sequences().get(0));
    assertFalse(between.sequences().get(0).absenceAfterLast());
    assertFalse(p2.hasTrailingAbsence());
    assertEquals(SequencePlan.ABSENCE, p2.state(1).gate());
  }

  @Test
  void trailingAbsenceErrorsNameTheKeyAndLine() {
    LoadResult bad = load(seq(ONE_STEP + """
          not:
            after: first
            condition: proc.name = scanner
        """));
    assertError(bad, LoadCode.LOAD_ERR_VALIDATE, "Invalid value 'first' for 'after' in 'not': the only value is 'last'");
    assertEquals(10, bad.errors().get(0).line(), bad::toText); // 0-based line of "after: first"

    LoadResult noWithin = load("""
        - sequence: s
          desc: d
          priority: WARNING
        """ + ONE_STEP + """
          not:
            after: last
            condition: proc.name = scanner
        """);
    assertError(noWithin, LoadCode.LOAD_ERR_YAML_VALIDATE, "a trailing absence (not: {after: last}) needs 'within'");
    assertEquals(0, noWithin.errors().get(0).line(), noWithin::toText);

    // without a trailing absence, one step is still too few
    assertError(load(seq(ONE_STEP + "  not:\n    condition: proc.name = scanner\n")), LoadCode.LOAD_ERR_VALIDATE,
        "A sequence needs at least two steps");
  }
}
