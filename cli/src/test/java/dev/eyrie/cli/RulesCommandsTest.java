package dev.eyrie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rules commands as a user runs them: arguments in, exit code and printed text out. */
class RulesCommandsTest {
  @TempDir Path dir;

  private static final Path SHARED = ProjectPaths.root().resolve("../shared/falco-rules").normalize();

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Eyrie.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void officialFalcoFilesValidateInOrder() {
    Run r = run("rules", "validate", SHARED.resolve("falco_rules.yaml").toString(),
        SHARED.resolve("falco-incubating_rules.yaml").toString(), SHARED.resolve("falco-sandbox_rules.yaml").toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals(3, r.out().lines().filter(l -> l.endsWith(": Ok")).count(), r.out());
  }

  @Test
  void anErrorExitsOneAndNamesCodeFileAndPosition() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "- rule: r\n  desc: d\n  condition: evt.type = open and proc.nosuch = 1\n  output: o\n  priority: INFO\n");
    Run text = run("rules", "validate", bad.toString());
    assertEquals(1, text.exit());
    assertTrue(text.out().contains("LOAD_ERR_COMPILE_CONDITION"), text.out());
    assertTrue(text.out().contains("proc.nosuch"), text.out());
    assertTrue(text.out().contains("bad.yaml:0:2"), text.out());

    Run json = run("rules", "validate", "--json", bad.toString());
    assertEquals(1, json.exit());
    assertTrue(json.out().startsWith("{\"falco_load_results\""), json.out());
  }

  @Test
  void warningsAlonePassValidation() throws IOException {
    Path warn = dir.resolve("warn.yaml");
    Files.writeString(warn, "- macro: unused_one\n  condition: proc.name = x\n");
    Run r = run("rules", "validate", warn.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("LOAD_UNUSED_MACRO"), r.out());
  }

  @Test
  void missingFileIsAClearError() {
    Run r = run("rules", "validate", dir.resolve("nope.yaml").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("rules file not found"), r.err());
  }

  @Test
  void rulesTestReportsEachCaseAndACountLine() throws IOException {
    Files.writeString(dir.resolve("r.yaml"), """
        - rule: Read shadow
          desc: shadow read
          condition: evt.type in (open, openat) and fd.name = /etc/shadow
          output: "%proc.name read %fd.name"
          priority: WARNING
        """);
    Files.writeString(dir.resolve("r.test.yaml"), """
        rules: [r.yaml]
        cases:
          - name: cat reads shadow
            event: {evt.type: openat, proc.name: cat, fd.name: /etc/shadow}
            expect: [{rule: Read shadow, output_contains: "cat read /etc/shadow"}]
          - name: passwd is fine
            event: {evt.type: openat, proc.name: cat, fd.name: /etc/passwd}
            expect: []
        """);
    Run ok = run("rules", "test", dir.toString());
    assertEquals(0, ok.exit(), ok.out());
    assertTrue(ok.out().contains("2 passed, 0 failed"), ok.out());

    Files.writeString(dir.resolve("s.test.yaml"), """
        rules: [r.yaml]
        cases:
          - name: wrongly expects silence
            event: {evt.type: openat, proc.name: cat, fd.name: /etc/shadow}
            expect: []
        """);
    Run failed = run("rules", "test", dir.toString());
    assertEquals(1, failed.exit());
    assertTrue(failed.out().contains("FAIL wrongly expects silence"), failed.out());
    assertTrue(failed.out().contains("unexpected 'Read shadow'"), failed.out());
    assertTrue(failed.out().contains("2 passed, 1 failed"), failed.out());
  }
}
