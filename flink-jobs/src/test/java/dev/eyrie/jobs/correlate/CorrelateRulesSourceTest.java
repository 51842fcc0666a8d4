package dev.eyrie.jobs.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the correlation job takes its rules from when deployed without arguments. */
class CorrelateRulesSourceTest {
  @TempDir Path dir;

  @Test
  void bundledRulesLoadAndCarryEyriesSequences() throws Exception {
    SequenceRules rules = CorrelateCommand.sequenceRules(null, null);
    assertEquals(SequenceRules.BUNDLED, rules.files().stream().map(SequenceRules.File::name).toList());
    assertTrue(rules.validate().load().sequences().size() >= 5, "Eyrie ships at least five sequences");
  }

  @Test
  void environmentListIsUsedWhenNoFlagIsGiven() throws Exception {
    Path a = Files.writeString(dir.resolve("a.yaml"), "- macro: m\n  condition: evt.type = open\n");
    Path b = Files.writeString(dir.resolve("b.yaml"), """
        - sequence: open then exec
          desc: d
          priority: NOTICE
          within: 1m
          steps:
            - {name: o, condition: m, by: [proc.pid]}
            - {name: e, condition: evt.type = execve, by: [proc.pid]}
          output: "%o.fd.name then %e.proc.name"
        """);
    SequenceRules rules = CorrelateCommand.sequenceRules(List.of(), a + " , " + b);
    assertEquals(List.of(a.toString(), b.toString()), rules.files().stream().map(SequenceRules.File::name).toList());
    // the flag wins over the environment (which names a file that does not exist)
    SequenceRules flag = CorrelateCommand.sequenceRules(List.of(a, b), dir.resolve("missing.yaml").toString());
    assertEquals(List.of(a.toString(), b.toString()), flag.files().stream().map(SequenceRules.File::name).toList());
  }
}
