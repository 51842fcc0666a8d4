package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.assertError;
import static dev.eyrie.engine.load.Loads.load;
import static dev.eyrie.engine.load.Loads.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each error and warning code, with Falco's message, item and position. */
class LoadMessagesTest {

  @Test
  void yamlParseError() {
    LoadResult r = load("- rule: r\n  desc: [unclosed\n");
    LoadMessage e = Loads.singleError(r);
    assertEquals(LoadCode.LOAD_ERR_YAML_PARSE, e.code());
    assertEquals(ItemType.VALUE_FOR, e.position().itemType());
    assertTrue(e.message().startsWith("yaml: error at line"), e.message());
  }

  @Test
  void structureErrors() {
    assertError(load("just text\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Rules content is not yaml");
    assertError(load("rule: r\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Rules content is not yaml array of objects");
    assertError(load("- a string item\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Unexpected element type. Each element should be a yaml associative array.");
    assertError(load("- rule: r\n  desc: d\n  output: o\n  priority: INFO\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Item has no mapping for key 'condition'");
    assertError(load("- rule:\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Mapping for key 'rule' is empty");
    assertError(load("- list: l\n  items: a\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Value is not a sequence");
    assertError(load("- list: l\n  items: [[a]]\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "sequence value is not scalar");
    assertError(load("- macro: m\n  condition: [a]\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Value is not a scalar value");
    assertError(load("- macro: m\n  condition: \"\"\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Value must be non-empty");
    assertError(load(rule("r", "evt.type = open") + "  enabled: maybe\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Can't decode YAML scalar value");
  }

  @Test
  void priorities() {
    for (String p : List.of("emergency", "ALERT", "Critical", "error", "warning", "notice", "informational", "info",
        "debug")) {
      LoadResult r = load(rule("r", "evt.type = open").replace("INFO", p));
      assertTrue(r.successful(), r::toText);
    }
    assertEquals(Priority.INFORMATIONAL, Loads.rule(load(rule("r", "evt.type = open")), "r").priority());
    LoadResult bad = load(rule("r", "evt.type = open").replace("INFO", "urgent"));
    assertError(bad, LoadCode.LOAD_ERR_YAML_VALIDATE, "Invalid priority");
    assertEquals(ItemType.RULE_PRIORITY, bad.errors().get(0).position().itemType());
  }

  @Test
  void firstErrorStopsTheSourceButLaterSourcesStillLoad() {
    LoadResult r = load("- list: l\n  items: a\n- rule: bogus\n", rule("r", "evt.type = open"));
    assertFalse(r.successful());
    assertEquals(2, r.results().size());
    assertEquals(1, r.results().get(0).errors().size());
    assertTrue(r.results().get(1).successful());
    assertEquals(List.of(), r.rules());
  }

  @Test
  void conditionErrors() {
    LoadResult parse = load(rule("r", "evt.type = open and ("));
    LoadMessage e = Loads.singleError(parse);
    assertEquals(LoadCode.LOAD_ERR_COMPILE_CONDITION, e.code());
    assertEquals("expected a '(' token, a field check, or an identifier", e.message());
    assertEquals("r", e.itemName());
    assertEquals(ItemType.RULE, e.itemType());
    assertEquals("rules1.yaml", e.sourceName());
    LoadResult unknownField = load(rule("r", "evt.type = open and proc.nosuch = x"));
    e = Loads.singleError(unknownField);
    assertEquals(LoadCode.LOAD_ERR_COMPILE_CONDITION, e.code());
    assertTrue(e.message().contains("proc.nosuch"), e.message());
  }

  @Test
  void unknownFilterIsAWarningWhenSkipIfUnknownFilter() {
    LoadResult r = load(rule("r", "evt.type = open and proc.nosuch = x") + "  skip-if-unknown-filter: true\n"
        + rule("r2", "evt.type = open"));
    assertTrue(r.successful(), r::toText);
    assertEquals(List.of("LOAD_UNKNOWN_FILTER"), Loads.warningCodes(r));
    assertEquals(List.of("r2"), r.rules().stream().map(x -> x.name()).toList());
    LoadResult output = load(rule("r", "evt.type = open").replace("o %proc.name", "o %proc.nosuch")
        + "  skip-if-unknown-filter: true\n");
    assertEquals(List.of("LOAD_UNKNOWN_FILTER"), Loads.warningCodes(output));
    assertEquals(ItemType.RULE_OUTPUT, output.warnings().get(0).position().itemType());
  }

  @Test
  void outputErrors() {
    LoadResult r = load(rule("r", "evt.type = open").replace("o %proc.name", "o %proc.nosuch"));
    LoadMessage e = Loads.singleError(r);
    assertEquals(LoadCode.LOAD_ERR_COMPILE_OUTPUT, e.code());
    assertEquals(ItemType.RULE_OUTPUT, e.position().itemType());
  }

  @Test
  void unknownSourceSkipsTheRule() {
    LoadResult r = load(rule("r", "ka.verb = create") + "  source: k8s_audit\n" + rule("r2", "evt.type = open"));
    assertTrue(r.successful(), r::toText);
    assertEquals(List.of("LOAD_UNKNOWN_SOURCE"), Loads.warningCodes(r));
    assertEquals("Unknown source k8s_audit, skipping", r.warnings().get(0).message());
    assertEquals(List.of("r2"), r.rules().stream().map(x -> x.name()).toList());
  }

  @Test
  void unsafeNaCheck() {
    LoadResult r = load(rule("r", "evt.type = open and ka.user.name = \"<NA>\"")
        + "  skip-if-unknown-filter: true\n");
    assertEquals(List.of("LOAD_UNSAFE_NA_CHECK", "LOAD_UNKNOWN_FILTER"), Loads.warningCodes(r));
    assertEquals("", r.warnings().get(0).message());
    // The official files compare proc.name with "<NA>": not a ka./jevt. field, so no warning.
    assertEquals(List.of(), Loads.warningCodes(load(rule("r", "evt.type = open and not proc.name in (\"<NA>\")"))));
  }

  @Test
  void tooManyEventTypes() {
    LoadResult r = load(rule("r", "proc.name = bash"));
    assertEquals(List.of("LOAD_NO_EVTTYPE"), Loads.warningCodes(r));
    assertEquals("Rule matches too many evt.type values. This has a significant performance penalty.",
        r.warnings().get(0).message());
    assertEquals(List.of(), Loads.warningCodes(load(rule("r", "proc.name = bash") + "  warn_evttypes: false\n")));
    assertEquals(List.of(), Loads.warningCodes(load(rule("r", "evt.type = execve and proc.name = bash"))));
  }

  @Test
  void deprecatedItems() {
    LoadResult r = load(rule("r", "evt.type = open and evt.dir = <").replace("o %proc.name", "o %evt.latency"));
    assertEquals(List.of("LOAD_DEPRECATED_ITEM", "LOAD_DEPRECATED_ITEM"), Loads.warningCodes(r), r::toText);
    assertEquals("evt.latency", r.warnings().get(0).deprecatedField());
    assertEquals("usage of deprecated field 'evt.latency' has been detected in the rule output",
        r.warnings().get(0).message());
    assertEquals("evt.dir", r.warnings().get(1).deprecatedField());
    assertEquals("Used deprecated item: field 'evt.dir'", r.warnings().get(1).codeText());
    LoadResult info = load(rule("r", "evt.type = open").replace("o %proc.name", "o %container.info %proc.name"));
    assertEquals(List.of("LOAD_DEPRECATED_ITEM"), Loads.warningCodes(info));
    assertEquals("o  %proc.name", Loads.rule(info, "r").output());
  }

  @Test
  void unknownItemsAndKeys() {
    LoadResult r = load("- something: x\n" + rule("r", "evt.type = open") + "  typo_key: 1\n");
    assertEquals(List.of("LOAD_UNKNOWN_ITEM", "LOAD_UNKNOWN_KEY"), Loads.warningCodes(r));
    assertEquals("Unknown top level item", r.warnings().get(0).message());
    assertEquals("Unknown key 'typo_key'. The key will be ignored.", r.warnings().get(1).message());
    assertEquals("r", r.warnings().get(1).itemName());
    assertTrue(r.successful());
  }

  @Test
  void compilerWarningsAreReported() {
    LoadResult r = load(rule("r", "evt.type = open and proc.name = proc.pname"));
    // libs warns that a field name used as a value was probably meant as val(field).
    List<String> codes = Loads.warningCodes(r);
    assertTrue(codes.isEmpty() || codes.equals(List.of("LOAD_COMPILE_CONDITION")), codes::toString);
  }

  @Test
  void messagesCarryFalcoPositionsAndSnippets() {
    LoadResult r = load("- list: ok\n  items: [a]\n- macro: m\n  condition: evt.type = open\n"
        + "- rule: r\n  desc: d\n  condition: m and nosuch_macro\n  output: o\n  priority: INFO\n");
    LoadMessage e = Loads.singleError(r);
    assertEquals("Undefined macro 'nosuch_macro' used in filter.", e.message());
    assertEquals(List.of(ItemType.RULES_CONTENT, ItemType.RULE, ItemType.CONDITION_EXPRESSION),
        e.locations().stream().map(Location::itemType).toList());
    Location ruleLoc = e.locations().get(1);
    assertEquals(4, ruleLoc.line());
    assertEquals(2, ruleLoc.column());
    assertEquals("\"m and nosuch_macro\"", e.position().name());
    assertEquals("m and nosuch_macro\n      ^\n", e.snippet());
    String text = r.toText();
    assertEquals("""
        rules1.yaml: Invalid
        1 Errors:
        In rules content: (rules1.yaml:0:0)
            rule 'r': (rules1.yaml:4:2)
            condition expression: ("m and nosuch_macro":5:9)
        ------
        m and nosuch_macro
              ^
        ------
        LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Undefined macro 'nosuch_macro' \
        used in filter.
        """, text);
  }

  @Test
  void jsonHasFalcoShape() {
    LoadResult r = load("- list: unused\n  items: [a]\n");
    assertEquals("{\"falco_load_results\":[{\"errors\":[],\"name\":\"rules1.yaml\",\"successful\":true,"
        + "\"warnings\":[{\"code\":\"LOAD_UNUSED_LIST\",\"codedesc\":\"A list is defined in the rules content but is"
        + " not used by any other list, macro, or rule.\",\"context\":{\"locations\":[{\"item_name\":\"\","
        + "\"item_type\":\"rules content\",\"position\":{\"column\":0,\"line\":0,\"name\":\"rules1.yaml\","
        + "\"offset\":0}},{\"item_name\":\"unused\",\"item_type\":\"list\",\"position\":{\"column\":2,\"line\":0,"
        + "\"name\":\"rules1.yaml\",\"offset\":2}}],\"snippet\":\"- list: unused\\n  ^\\n\"},"
        + "\"message\":\"List not referred to by any other rule/macro\"}]}]}", r.toJson());
    LoadResult bad = load("- rule: r\n");
    assertTrue(bad.toJson().contains("\"code\":\"LOAD_ERR_YAML_VALIDATE\",\"codedesc\":\"Error validating internal"
        + " structure of YAML file\""), bad.toJson());
  }
}
