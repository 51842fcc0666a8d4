package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.assertError;
import static dev.eyrie.engine.load.Loads.condition;
import static dev.eyrie.engine.load.Loads.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eyrie.engine.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exceptions compile to {@code (<cond>) and not (...)}; compared as compiled condition text like Falco's tests. */
class ExceptionsTest {

  private static LoadResult withExceptions(String condition, String exceptionsYaml) {
    return load("- rule: r\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: INFO\n"
        + "  exceptions:\n" + exceptionsYaml.indent(4));
  }

  @Test
  void singleFieldTupleWithSpaceInValue() {
    LoadResult r = withExceptions("proc.cmdline contains curl or proc.cmdline contains wget", """
        - name: local
          fields: [proc.cmdline]
          comps: [contains]
          values:
            - [curl 127.0.0.1]
        """);
    assertEquals("((proc.cmdline contains curl or proc.cmdline contains wget) and not proc.cmdline contains"
        + " \"curl 127.0.0.1\")", condition(r, "r"));
  }

  @Test
  void tuplesAreOredAndFieldsAnded() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: proc_file
          fields: [proc.name, fd.name]
          comps: [=, startswith]
          values:
            - [bash, /tmp]
            - [sh, /var]
        """);
    assertEquals("(evt.type = open and not ((proc.name = bash and fd.name startswith /tmp) or (proc.name = sh"
        + " and fd.name startswith /var)))", condition(r, "r"));
  }

  @Test
  void compsDefaultToEquals() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: e
          fields: [proc.name, user.name]
          values: [[bash, root]]
        """);
    assertEquals("(evt.type = open and not (proc.name = bash and user.name = root))", condition(r, "r"));
  }

  @Test
  void listValuedElementsAndListOperators() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: e
          fields: [proc.name, fd.name, fd.directory]
          comps: [in, =, pmatch]
          values: [[[bash, sh], /etc/x, /tmp]]
        """);
    assertEquals("(evt.type = open and not (proc.name in (bash, sh) and fd.name = /etc/x and fd.directory pmatch"
        + " (/tmp)))", condition(r, "r"));
  }

  @Test
  void modifierCompsTakeLists() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: e
          fields: [proc.name, fd.name]
          comps: [startswith oneof, "  endswith anyof "]
          values: [[[ba, zs], .log]]
        """);
    assertEquals("(evt.type = open and not (proc.name startswith oneof (ba, zs) and fd.name endswith anyof (.log)))",
        condition(r, "r"));
  }

  @Test
  void scalarFieldFormUsesInByDefault() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: by_name
          fields: proc.name
          values: [bash, my shell]
        - name: by_path
          fields: fd.name
          comps: pmatch
          values: [/etc]
        - name: by_prefix
          fields: fd.name
          comps: startswith oneof
          values: [/var, /run]
        """);
    assertEquals("(evt.type = open and not proc.name in (bash, \"my shell\") and not fd.name pmatch (/etc)"
        + " and not fd.name startswith oneof (/var, /run))", condition(r, "r"));
  }

  @Test
  void exceptionsWithoutValuesAddNothing() {
    LoadResult r = withExceptions("evt.type = open or evt.type = openat", """
        - name: empty
          fields: [proc.name]
        """);
    assertEquals("(evt.type = open or evt.type = openat)", condition(r, "r"));
    assertEquals(List.of(), Loads.warningCodes(r));
  }

  @Test
  void transformedFieldsAreAccepted() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: e
          fields: [tolower(proc.name)]
          values: [[bash]]
        """);
    assertEquals("(evt.type = open and not tolower(proc.name) = bash)", condition(r, "r"));
  }

  @Test
  void duplicateNamesWarn() {
    LoadResult r = withExceptions("evt.type = open", """
        - name: e
          fields: [proc.name]
          values: [[a]]
        - name: e
          fields: [proc.name]
          values: [[b]]
        """);
    assertEquals(List.of("LOAD_EXCEPTION_NAME_NOT_UNIQUE"), Loads.warningCodes(r));
    assertEquals("Multiple definitions of exception 'e' in the same rule", r.warnings().get(0).message());
    assertEquals("(evt.type = open and not proc.name = a and not proc.name = b)", condition(r, "r"));
  }

  @Test
  void validationErrors() {
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.name, fd.name]\n  comps: [=]\n"
        + "  values: [[a, b]]\n"), LoadCode.LOAD_ERR_VALIDATE, "Fields and comps lists must have equal length");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.name]\n  comps: [like]\n"
        + "  values: [[a]]\n"), LoadCode.LOAD_ERR_VALIDATE, "'like' is not a supported comparison operator");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.name]\n  comps: [in oneof]\n"
        + "  values: [[a]]\n"), LoadCode.LOAD_ERR_VALIDATE, "'in oneof' is not a supported comparison operator");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: proc.name\n  comps: =\n"
        + "  values: [a]\n"), LoadCode.LOAD_ERR_VALIDATE, "When fields is a single value, comps must be one of"
        + " (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: proc.name\n  comps: [in]\n"
        + "  values: [a]\n"), LoadCode.LOAD_ERR_VALIDATE, "Fields and comps must both be strings");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.nosuch]\n  values: [[a]]\n"),
        LoadCode.LOAD_ERR_VALIDATE, "'proc.nosuch' is not a supported filter field");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.name, fd.name]\n"
        + "  values: [[a]]\n"), LoadCode.LOAD_ERR_VALIDATE, "Fields and values lists must have equal length");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: proc.name\n  values: [[a]]\n"),
        LoadCode.LOAD_ERR_VALIDATE, "Expected values array to contain a list of strings");
    assertError(withExceptions("evt.type = open", "- name: e\n  values: [[a]]\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'fields'");
    assertError(withExceptions("evt.type = open", "- fields: [proc.name]\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'name'");
    assertError(withExceptions("evt.type = open", "- just a string\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Rule exception must be a mapping");
    assertError(withExceptions("evt.type = open", "- name: e\n  fields: [proc.name]\n  values: oops\n"),
        LoadCode.LOAD_ERR_YAML_VALIDATE, "Rule exception values must be a sequence");
    assertError(load("- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
        + "  exceptions: {name: x}\n"), LoadCode.LOAD_ERR_YAML_VALIDATE, "Rule exceptions must be a sequence");
  }
}
