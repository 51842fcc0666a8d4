package dev.eyrie.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Loads rules files in order as Falco would and prints the result: exit 1 on errors, 0 otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check rules files (in load order) like `falco -V`; exit 1 on errors, warnings are printed.")
final class RulesValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rules files, loaded in the order given.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    List<RulesSource> sources = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        spec.commandLine().getErr().println("eyrie: rules file not found: " + f);
        return 1;
      }
      sources.add(RulesSource.of(f));
    }
    LoadResult result = RulesLoader.load(sources);
    spec.commandLine().getOut().println(json ? result.toJson() : result.toText());
    return result.successful() ? 0 : 1;
  }
}
