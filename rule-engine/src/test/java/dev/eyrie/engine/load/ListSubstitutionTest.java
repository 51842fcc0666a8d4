package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.condition;
import static dev.eyrie.engine.load.Loads.load;
import static dev.eyrie.engine.load.Loads.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListSubstitutionTest {

  private static ConditionText.Substitution sub(String cond, String name, String... items) {
    return ConditionText.substituteList(cond, name, List.of(items));
  }

  @Test
  void substitutesOnlyNamesDelimitedByBlanksParenthesesCommasOrEquals() {
    assertEquals("proc.name in ( a, b )", sub("proc.name in (shells)", "shells", "a", "b").text());
    assertEquals("proc.name= a, b ", sub("proc.name=shells", "shells", "a", "b").text());
    assertEquals("x in (z, a, b )", sub("x in (z,shells)", "shells", "a", "b").text());
    ConditionText.Substitution none = sub("proc.name in (my_shells, shells_x, x.shells)", "shells", "a");
    assertFalse(none.used());
    assertEquals("proc.name in (my_shells, shells_x, x.shells)", none.text());
    assertTrue(sub("shells", "shells", "a").used());
    assertEquals("a ", sub("shells", "shells", "a").text());
  }

  @Test
  void itemsWithSpacesAreQuotedUnlessAlreadyQuoted() {
    assertEquals("x in ( \"a b\", 'c d', \"e f\", g )",
        sub("x in (l)", "l", "a b", "'c d'", "\"e f\"", "g").text());
  }

  @Test
  void emptyListRemovesOneAdjacentComma() {
    assertEquals("x in (a  )", sub("x in (a, empty)", "empty").text());
    assertEquals("x in (   b)", sub("x in (empty, b)", "empty").text());
    assertEquals("x in (  )", sub("x in (empty)", "empty").text());
  }

  @Test
  void throughTheLoaderListsExpandIntoConditions() {
    LoadResult r = load("""
        - list: shell_binaries
          items: [bash, sh, "my shell"]
        - list: empty_list
          items: []
        - list: all_binaries
          items: [shell_binaries, python]
        """ + rule("r1", "evt.type = execve and proc.name in (all_binaries, empty_list)")
        + rule("r2", "evt.type = execve and proc.pname in (empty_list, shell_binaries)"));
    assertEquals("(evt.type = execve and proc.name in (bash, sh, \"my shell\", python))", condition(r, "r1"));
    assertEquals("(evt.type = execve and proc.pname in (bash, sh, \"my shell\"))", condition(r, "r2"));
    assertEquals(List.of(), Loads.warningCodes(r));
  }

  @Test
  void listItemsReferToListsDefinedEarlierOnly() {
    // 'later' is defined after 'early', so it stays a literal item of 'early'...
    LoadResult r = load("""
        - list: early
          items: [later, x]
        - list: later
          items: [y]
        """ + rule("r", "evt.type = open and fd.name in (early)"));
    // ...but lists are substituted into conditions one after the other, so the literal is replaced in turn.
    assertEquals("(evt.type = open and fd.name in (y, x))", condition(r, "r"));
    assertEquals(List.of(), Loads.warningCodes(r));
  }

  @Test
  void unusedListsWarn() {
    LoadResult r = load("""
        - list: used
          items: [a]
        - list: unused
          items: [b]
        - list: only_in_other_list
          items: [c]
        - list: referencing
          items: [only_in_other_list]
        """ + rule("r", "evt.type = open and proc.name in (used)"));
    assertEquals(List.of("LOAD_UNUSED_LIST", "LOAD_UNUSED_LIST"), Loads.warningCodes(r));
    assertEquals("unused", r.warnings().get(0).itemName());
    assertEquals("referencing", r.warnings().get(1).itemName());
    assertEquals("List not referred to by any other rule/macro", r.warnings().get(0).message());
  }

  @Test
  void redefiningAListReplacesItsItemsAndAppendingConcatenates() {
    LoadResult r = load("""
        - list: l
          items: [a]
        - list: l
          items: [b]
        - list: m
          items: [c]
        - list: m
          items: [d]
          override:
            items: append
        """ + rule("r", "evt.type = open and proc.name in (l, m)"));
    assertEquals("(evt.type = open and proc.name in (b, c, d))", condition(r, "r"));
    assertTrue(rule(r, "r").enabled());
  }

  @Test
  void invalidListNameWarns() {
    LoadResult r = load("""
        - list: "bad,name"
          items: [a]
        """);
    assertEquals(List.of("LOAD_INVALID_LIST_NAME", "LOAD_UNUSED_LIST"), Loads.warningCodes(r));
    assertEquals("List has an invalid name. List names should match a regular expression: " + ItemReader.RGX_BARESTR,
        r.warnings().get(0).message());
  }
}
