package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.assertError;
import static dev.eyrie.engine.load.Loads.condition;
import static dev.eyrie.engine.load.Loads.load;
import static dev.eyrie.engine.load.Loads.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.Priority;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OverrideTest {
  private static final String BASE = """
      - rule: r
        desc: base desc
        condition: evt.type = open
        output: base output %proc.name
        priority: WARNING
        tags: [b, a]
      """;

  private static final String OTHER = rule("other", "evt.type = connect");

  @Test
  void appendConcatenatesTextKeysAndUnitesTags() {
    LoadResult r = load(BASE, """
        - rule: r
          condition: and fd.name = x
          output: more %fd.name
          desc: more desc
          tags: [c, a]
          override:
            condition: append
            output: append
            desc: append
            tags: append
        """);
    LoadedRule rule = Loads.rule(r, "r");
    assertEquals("(evt.type = open and fd.name = x)", rule.conditionText());
    assertEquals("base output %proc.name more %fd.name", rule.output());
    assertEquals("base desc more desc", rule.desc());
    assertEquals(List.of("a", "b", "c"), List.copyOf(rule.tags()));
    assertEquals(List.of(), Loads.warningCodes(r));
  }

  @Test
  void replaceAssignsEachKey() {
    LoadResult r = load(BASE, """
        - rule: r
          condition: evt.type = openat
          output: new output
          desc: new desc
          priority: critical
          tags: [z]
          enabled: false
          capture: true
          capture_duration: 2000
          warn_evttypes: false
          skip-if-unknown-filter: true
          override:
            condition: replace
            output: replace
            desc: replace
            priority: replace
            tags: replace
            enabled: replace
            capture: replace
            capture_duration: replace
            warn_evttypes: replace
            skip-if-unknown-filter: replace
        """);
    LoadedRule rule = Loads.rule(r, "r");
    assertEquals("evt.type = openat", rule.conditionText());
    assertEquals("new output", rule.output());
    assertEquals("new desc", rule.desc());
    assertEquals(Priority.CRITICAL, rule.priority());
    assertEquals(Set.of("z"), rule.tags());
    assertFalse(rule.enabled());
    assertEquals(true, rule.capture());
    assertEquals(2000, rule.captureDuration());
  }

  @Test
  void captureDurationKeepsTheWholeUint32Range() {
    LoadResult r = load("""
        - rule: r
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          capture: true
          capture_duration: 4294967295
        """);
    assertEquals(4_294_967_295L, Loads.rule(r, "r").captureDuration());
  }

  @Test
  void appendAndReplaceTogether() {
    LoadResult r = load(BASE, """
        - rule: r
          condition: and proc.name = x
          priority: debug
          override:
            condition: append
            priority: replace
        """);
    assertEquals("(evt.type = open and proc.name = x)", condition(r, "r"));
    assertEquals(Priority.DEBUG, Loads.rule(r, "r").priority());
  }

  @ParameterizedTest
  @ValueSource(strings = {"priority", "enabled", "capture", "capture_duration", "warn_evttypes",
      "skip-if-unknown-filter"})
  void keysThatCannotBeAppended(String key) {
    assertError(load(BASE, "- rule: r\n  " + key + ": x\n  override:\n    " + key + ": append\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Key '" + key + "' cannot be appended to, use 'replace' instead");
  }

  @ParameterizedTest
  @ValueSource(strings = {"source", "rule", "append", "foo"})
  void keysThatCannotBeReplaced(String key) {
    assertError(load(BASE, "- rule: r\n  override:\n    " + key + ": replace\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Key '" + key + "' cannot be replaced");
  }

  @Test
  void invalidOperationListsWhatIsAllowed() {
    assertError(load(BASE, "- rule: r\n  condition: x\n  override:\n    condition: merge\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace ");
    assertError(load(BASE, "- rule: r\n  priority: x\n  override:\n    priority: merge\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Invalid override operation for key 'priority': 'merge'. Allowed values are: replace ");
  }

  @Test
  void everyOverridableKeyPresentNeedsAnOverrideEntry() {
    LoadResult r = load(BASE, """
        - rule: r
          condition: and fd.name = x
          output: forgotten
          override:
            condition: append
        """);
    assertError(r, LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Unexpected key 'output': no corresponding entry under 'override' is defined.");
    assertEquals(ItemType.OVERRIDE, r.errors().get(0).position().itemType());
  }

  @Test
  void everyOverrideEntryNeedsItsKey() {
    assertError(load(BASE, "- rule: r\n  condition: x\n  override:\n    condition: append\n    output: append\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "An append override for 'output' was specified but 'output' is not defined");
    assertError(load(BASE, "- rule: r\n  override:\n    desc: replace\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "An replace override for 'desc' was specified but 'desc' is not defined");
  }

  @Test
  void overridingAMissingRuleFails() {
    assertError(load(OTHER, "- rule: r\n  condition: x\n  override:\n    condition: append\n"),
        LoadCode.LOAD_ERR_VALIDATE, Collector.ERROR_NO_PREVIOUS_RULE_APPEND);
    assertError(load(OTHER, "- rule: r\n  condition: x\n  override:\n    condition: replace\n"),
        LoadCode.LOAD_ERR_VALIDATE, Collector.ERROR_NO_PREVIOUS_RULE_REPLACE);
    assertError(load(OTHER, "- list: l\n  items: [a]\n  override:\n    items: append\n"),
        LoadCode.LOAD_ERR_VALIDATE, Collector.ERROR_NO_PREVIOUS_LIST);
  }

  @Test
  void overrideWithAppendFlagIsAnError() {
    assertError(load(BASE, "- rule: r\n  condition: x\n  append: true\n  override:\n    condition: append\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, Collector.ERROR_OVERRIDE_APPEND);
    assertError(load("- list: l\n  items: [a]\n  append: true\n  override:\n    items: append\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, Collector.ERROR_OVERRIDE_APPEND);
  }

  @Test
  void deprecatedAppendFlagStillAppends() {
    LoadResult r = load(BASE, "- rule: r\n  condition: and fd.name = y\n  append: true\n");
    assertEquals("(evt.type = open and fd.name = y)", condition(r, "r"));
    assertEquals(List.of("LOAD_DEPRECATED_ITEM"), Loads.warningCodes(r));
    assertEquals(ItemReader.WARNING_APPEND, r.warnings().get(0).message());
    assertError(load(OTHER, "- rule: r\n  condition: x\n  append: true\n"),
        LoadCode.LOAD_ERR_VALIDATE, Collector.ERROR_NO_PREVIOUS_RULE_APPEND);
  }

  @Test
  void enabledOnlyItemTogglesAnExistingRule() {
    LoadResult r = load(BASE, "- rule: r\n  enabled: false\n");
    assertFalse(Loads.rule(r, "r").enabled());
    assertEquals(List.of("LOAD_DEPRECATED_ITEM"), Loads.warningCodes(r));
    assertEquals(ItemReader.WARNING_ENABLED, r.warnings().get(0).message());
    assertError(load(OTHER, "- rule: r\n  enabled: false\n"), LoadCode.LOAD_ERR_VALIDATE,
        "Rule has 'enabled' key but no rule by that name already exists");
  }

  @Test
  void redefinitionReplacesTheRuleButKeepsItsPosition() {
    LoadResult r = load(BASE + OTHER, """
        - rule: r
          desc: new
          condition: evt.type = openat
          output: new
          priority: ERROR
        """);
    assertEquals(List.of("r", "other"), r.rules().stream().map(LoadedRule::name).toList());
    LoadedRule rule = Loads.rule(r, "r");
    assertEquals("evt.type = openat", rule.conditionText());
    assertEquals(Set.of(), rule.tags());
    assertEquals(Priority.ERROR, rule.priority());
  }

  @Test
  void redefinitionWithAnotherSourceIsAnError() {
    assertError(load(BASE, "- rule: r\n  condition: x\n  source: k8s_audit\n  override:\n    condition: append\n"),
        LoadCode.LOAD_ERR_VALIDATE, "Rule has been re-defined with a different source");
  }

  @Test
  void appendedExceptionsAddValuesToExistingOnesAndNewOnesNeedFields() {
    String base = """
        - rule: r
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          exceptions:
            - name: by_proc
              fields: [proc.name]
              values: [[a]]
        """;
    LoadResult r = load(base, """
        - rule: r
          exceptions:
            - name: by_proc
              values: [[b]]
            - name: by_file
              fields: fd.name
              values: [/x, /y]
          override:
            exceptions: append
        """);
    assertEquals("(evt.type = open and not (proc.name = a or proc.name = b) and not fd.name in (/x, /y))",
        condition(r, "r"));
    assertError(load(base, """
        - rule: r
          exceptions:
            - name: by_proc
              fields: [fd.name]
              values: [[b]]
          override:
            exceptions: append
        """), LoadCode.LOAD_ERR_VALIDATE, "Can not append exception fields to existing exception, only values");
    assertError(load(base, """
        - rule: r
          exceptions:
            - name: new_one
              values: [[b]]
          override:
            exceptions: append
        """), LoadCode.LOAD_ERR_VALIDATE, "Rule exception must have fields property with a list of fields");
    LoadResult noValues = load(base, """
        - rule: r
          exceptions:
            - name: by_proc
          override:
            exceptions: append
        """);
    assertEquals(List.of("LOAD_APPEND_NO_VALUES"), Loads.warningCodes(noValues));
  }

  @Test
  void replacedExceptionsReplaceAll() {
    LoadResult r = load("""
        - rule: r
          desc: d
          condition: evt.type = open
          output: o
          priority: INFO
          exceptions:
            - name: by_proc
              fields: [proc.name]
              values: [[a]]
        """, """
        - rule: r
          exceptions:
            - name: by_user
              fields: [user.name]
              values: [[root]]
          override:
            exceptions: replace
        """);
    assertEquals("(evt.type = open and not user.name = root)", condition(r, "r"));
  }
}
