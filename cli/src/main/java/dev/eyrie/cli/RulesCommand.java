package dev.eyrie.cli;

import picocli.CommandLine.Command;

@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Validate, test and publish rules files.",
    subcommands = {RulesValidateCommand.class, RulesTestCommand.class, RulesPublishCommand.class})
final class RulesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
