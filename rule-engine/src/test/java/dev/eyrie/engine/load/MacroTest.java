package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.assertError;
import static dev.eyrie.engine.load.Loads.condition;
import static dev.eyrie.engine.load.Loads.load;
import static dev.eyrie.engine.load.Loads.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eyrie.engine.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacroTest {

  @Test
  void macrosExpandAsWholeSubtrees() {
    LoadResult r = load("""
        - macro: spawned
          condition: evt.type in (execve, execveat)
        - macro: shell
          condition: proc.name = bash or proc.name = sh
        """ + rule("r", "spawned and shell and not proc.pname = sshd"));
    assertEquals("(evt.type in (execve, execveat) and (proc.name = bash or proc.name = sh) and not proc.pname = sshd)",
        condition(r, "r"));
  }

  @Test
  void aMacroSeesOnlyMacrosDefinedBeforeIt() {
    LoadResult r = load("""
        - macro: first
          condition: second and proc.name = x
        - macro: second
          condition: evt.type = open
        """);
    assertError(r, LoadCode.LOAD_ERR_VALIDATE, "Undefined macro 'second' used in filter.");
    assertEquals("first", r.errors().get(0).itemName());
  }

  @Test
  void rulesSeeMacrosDefinedAfterThem() {
    LoadResult r = load(rule("r", "later_macro") + """
        - macro: later_macro
          condition: evt.type = open
        """);
    assertEquals("evt.type = open", condition(r, "r"));
  }

  @Test
  void redefinitionKeepsPositionSoEarlierUsersSeeTheNewBody() {
    LoadResult r = load("""
        - macro: base
          condition: evt.type = open
        - macro: user
          condition: base and fd.name = x
        - macro: base
          condition: evt.type = openat
        """ + rule("r", "user"));
    assertEquals("(evt.type = openat and fd.name = x)", condition(r, "r"));
  }

  @Test
  void appendConcatenatesTextWithoutParentheses() {
    LoadResult r = load("""
        - macro: m
          condition: evt.type = open or evt.type = openat
        - macro: m
          condition: and fd.name = x
          override:
            condition: append
        """ + rule("r", "m"));
    assertEquals("(evt.type = open or (evt.type = openat and fd.name = x))", condition(r, "r"));
  }

  @Test
  void appendOfAnUnknownMacroFails() {
    assertError(load("""
        - macro: m
          condition: and x
          override:
            condition: append
        """), LoadCode.LOAD_ERR_VALIDATE,
        "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists");
  }

  @Test
  void undefinedMacroInARule() {
    LoadResult r = load(rule("r", "evt.type = open and nosuch"));
    assertError(r, LoadCode.LOAD_ERR_VALIDATE, "Undefined macro 'nosuch' used in filter.");
    LoadMessage e = r.errors().get(0);
    assertEquals("r", e.itemName());
    assertEquals(ItemType.CONDITION_EXPRESSION, e.position().itemType());
    assertEquals("evt.type = open and nosuch\n                    ^\n", e.snippet());
  }

  @Test
  void referenceLoopsAreErrors() {
    LoadResult r = load("""
        - macro: a
          condition: evt.type = open
        - macro: b
          condition: a
        - macro: a
          condition: or b
          override:
            condition: append
        """);
    LoadMessage e = Loads.singleError(r);
    assertEquals(LoadCode.LOAD_ERR_VALIDATE, e.code());
    assertEquals("reference loop in macro 'b'", e.message());
  }

  @Test
  void unusedMacrosWarnButMacrosUsedOnlyByUnusedMacrosCountAsUsed() {
    LoadResult r = load("""
        - macro: leaf
          condition: evt.type = open
        - macro: unused_parent
          condition: leaf
        - macro: used
          condition: evt.type = connect
        """ + rule("r", "used"));
    assertEquals(List.of("LOAD_UNUSED_MACRO"), Loads.warningCodes(r));
    assertEquals("unused_parent", r.warnings().get(0).itemName());
    assertEquals("Macro not referred to by any other rule/macro", r.warnings().get(0).message());
  }

  @Test
  void invalidMacroNameWarns() {
    LoadResult r = load("""
        - macro: 9lives
          condition: evt.type = open
        """);
    assertEquals(List.of("LOAD_INVALID_MACRO_NAME", "LOAD_UNUSED_MACRO"), Loads.warningCodes(r));
  }

  @Test
  void macroParseErrorsPointIntoTheMacro() {
    LoadResult r = load("""
        - macro: m
          condition: evt.type = open and
        """);
    LoadMessage e = Loads.singleError(r);
    assertEquals(LoadCode.LOAD_ERR_COMPILE_CONDITION, e.code());
    assertEquals("expected blank or '(' after 'and'", e.message());
    assertEquals("m", e.itemName());
  }
}
