package dev.eyrie.engine.compile;

import static dev.eyrie.engine.compile.Support.cond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.field.EventTypeTable;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypesTest {
  private static Set<String> types(String c) {
    return cond(c).eventTypes();
  }

  private static final int ALL = EventTypeTable.all().size();

  @Test
  void equalityAndIn() {
    assertEquals(Set.of("open"), types("evt.type = open"));
    assertEquals(Set.of("open", "openat"), types("evt.type in (open, openat) and proc.name = cat"));
    assertEquals(Set.of("execve"), types("evt.type = execve or (evt.type = execve and proc.name = x)"));
  }

  @Test
  void negationAndInequality() {
    assertEquals(ALL - 1, types("evt.type != open").size());
    assertFalse(types("evt.type != open").contains("open"));
    assertEquals(ALL - 1, types("not evt.type = open").size());
    assertEquals(Set.of("open"), types("not evt.type != open"));
    assertEquals(Set.of("openat"), types("evt.type in (open, openat) and not evt.type = open"));
    assertEquals(Set.of("open"), types("not (evt.type != open or proc.name = x)"));
  }

  @Test
  void neutralChecksAndConjunctions() {
    assertTrue(cond("proc.name = cat").matchesAnyType());
    assertTrue(cond("not proc.name = cat").matchesAnyType(), "negation does not affect neutral checks");
    assertEquals(Set.of(), types("evt.type = open and evt.type = close"));
    assertEquals(Set.of("open", "close"), types("evt.type = open or evt.type = close"));
    assertTrue(cond("evt.type = open or proc.name = x").matchesAnyType());
  }

  @Test
  void existsAndInvariants() {
    assertTrue(cond("evt.type exists").matchesAnyType());
    assertEquals(Set.of(), types("not evt.type exists"));
    assertEquals(Set.of(), types("evt.num = 0"), "the never_true macro matches nothing");
    assertEquals(Set.of(), types("evt.type = open and evt.num = 0"));
    assertTrue(cond("evt.num > 0").matchesAnyType());
    assertTrue(cond("not evt.num = 0").matchesAnyType());
    assertEquals(Set.of("open"), types("evt.type = open or evt.num = 0"));
  }

  @Test
  void transformerOnEvtTypeIsRejected() {
    assertTrue(Support.error("tolower(evt.type) = open").getMessage().contains("transformers"));
  }
}
