package dev.eyrie.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTestRunnerTest {
  @TempDir Path dir;

  private static final String RULES = """
      - list: shell_binaries
        items: [bash, sh, zsh]
      - macro: spawned_process
        condition: evt.type in (execve, execveat)
      - rule: Shell in container
        desc: shell in a container
        condition: spawned_process and proc.name in (shell_binaries) and container.id != host
        output: "shell %proc.name in %container.id by %user.name"
        priority: WARNING
      - rule: Any exec by root
        desc: exec as root
        condition: spawned_process and user.uid = 0
        output: "root ran %proc.name"
        priority: NOTICE
      """;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void passingAndFailingCasesAreToldApartWithReasons() throws IOException {
    write("r.yaml", RULES);
    Path t = write("r.test.yaml", """
        rules: [r.yaml]
        cases:
          - name: fires
            event: {evt.type: execve, proc.name: bash, container.id: 0123456789ab}
            expect:
              - rule: Shell in container
                priority: Warning
                output_contains: "shell bash in 0123456789ab by alice"
                fields: {user.name: alice}
          - name: silent on host
            event: {evt.type: execve, proc.name: bash}
            expect: []
          - name: strict catches the other rule
            event: {evt.type: execve, proc.name: bash, container.id: 0123456789ab, user.uid: 0}
            expect:
              - rule: Shell in container
          - name: lenient allows it but not_expect is enforced
            event: {evt.type: execve, proc.name: bash, container.id: 0123456789ab, user.uid: 0}
            strict: false
            expect:
              - rule: Shell in container
            not_expect: [Any exec by root]
          - name: wrong field value
            event: {evt.type: execve, proc.name: zsh, container.id: 0123456789ab}
            expect:
              - rule: Shell in container
                fields: {proc.name: bash}
        """);
    RuleTestRunner.FileResult r = new RuleTestRunner().run(RuleTestFile.read(t));
    List<RuleTestRunner.CaseResult> cases = r.cases();
    assertEquals(5, cases.size());
    assertTrue(cases.get(0).passed(), cases.get(0).problems().toString());
    assertTrue(cases.get(1).passed(), cases.get(1).problems().toString());
    assertFalse(cases.get(2).passed());
    assertTrue(cases.get(2).problems().get(0).contains("unexpected 'Any exec by root'"), cases.get(2).problems().toString());
    assertFalse(cases.get(3).passed());
    assertTrue(cases.get(3).problems().get(0).contains("not_expect"), cases.get(3).problems().toString());
    assertFalse(cases.get(4).passed());
    assertTrue(cases.get(4).problems().get(0).contains("proc.name = zsh, not bash"), cases.get(4).problems().toString());
    assertEquals(t + ":13", cases.get(2).location());
  }

  @Test
  void rulesThatDoNotLoadFailTheFileWithFalcoErrors() throws IOException {
    write("bad.yaml", "- rule: x\n  desc: d\n  condition: proc.nosuch = 1\n  output: o\n  priority: INFO\n");
    Path t = write("bad.test.yaml", "rules: [bad.yaml]\ncases:\n  - name: c\n    event: {evt.type: open}\n    expect: []\n");
    RuleTestRunner.FileResult r = new RuleTestRunner().run(RuleTestFile.read(t));
    assertFalse(r.passed());
    assertNotNull(r.loadErrors());
    assertTrue(r.loadErrors().contains("LOAD_ERR_COMPILE_CONDITION"), r.loadErrors());
  }

  @Test
  void formatErrorsNameFileAndLine() throws IOException {
    Path t = write("f.test.yaml", "rules: [r.yaml]\ncases:\n  - name: c\n    event: {evt.type: open}\n    expected: []\n");
    RuleTestFormatException e = assertThrows(RuleTestFormatException.class, () -> RuleTestFile.read(t));
    assertTrue(e.getMessage().startsWith(t + ":5: unknown key 'expected'"), e.getMessage());

    Path both = write("g.test.yaml", "rules: [r.yaml]\ncases:\n  - name: c\n    event: {}\n    events: []\n    expect: []\n");
    assertTrue(assertThrows(RuleTestFormatException.class, () -> RuleTestFile.read(both)).getMessage()
        .contains("exactly one of 'event' or 'events'"));
  }

  @Test
  void badEventFieldFailsTheCaseNotTheRun() throws IOException {
    write("r.yaml", RULES);
    Path t = write("e.test.yaml", "rules: [r.yaml]\ncases:\n  - name: c\n    event: {proc.nosuch: 1}\n    expect: []\n"
        + "  - name: d\n    event: {evt.type: execve}\n    expect: []\n");
    RuleTestRunner.FileResult r = new RuleTestRunner().run(RuleTestFile.read(t));
    assertFalse(r.cases().get(0).passed());
    assertTrue(r.cases().get(0).problems().get(0).contains("proc.nosuch"));
    assertTrue(r.cases().get(1).passed());
  }
}
