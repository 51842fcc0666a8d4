package dev.eyrie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.eyrie.engine.testkit.RuleTestFile;
import dev.eyrie.engine.testkit.RuleTestFormatException;
import dev.eyrie.engine.testkit.RuleTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs rule test files (see RuleTestFile for the format); exit 1 when any case fails. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run rule tests: each file names its rules files and cases of events with expected alerts. "
        + "Directories are searched for *.test.yaml.")
final class RulesTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TEST", description = "Rule test files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    RuleTestRunner runner = new RuleTestRunner();
    int passed = 0;
    int failed = 0;
    for (Path file : expand(paths)) {
      RuleTestRunner.FileResult fr;
      try {
        fr = runner.run(RuleTestFile.read(file));
      } catch (RuleTestFormatException e) {
        out.println("FAIL " + e.getMessage());
        failed++;
        continue;
      }
      if (fr.loadErrors() != null) {
        out.println("FAIL " + file + ": rules did not load\n" + fr.loadErrors().indent(2));
        failed += Math.max(1, fr.file().cases().size());
        continue;
      }
      for (RuleTestRunner.CaseResult cr : fr.cases()) {
        if (cr.passed()) {
          passed++;
          out.println("ok   " + cr.testCase().name());
        } else {
          failed++;
          out.println("FAIL " + cr.testCase().name() + "  (" + cr.location() + ")");
          cr.problems().forEach(p -> out.println("       - " + p));
        }
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 && passed > 0 ? 0 : 1;
  }

  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".test.yaml")).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new IOException("no such test file or directory: " + p);
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no *.test.yaml files under " + paths);
    }
    return files;
  }
}
