package dev.eyrie.cli;

import picocli.CommandLine;

/**
 * The commands in data-path order: rules, the node agent, the centre's jobs, captures and replay, then the
 * one-machine demo; {@code help} last. Each stage's command lives with the stage it drives.
 */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine root) {
    root.addSubcommand(new RulesCommand());
    root.addSubcommand(new dev.eyrie.collector.CollectorCommand());
    root.addSubcommand(new dev.eyrie.jobs.detect.DetectCommand());
    root.addSubcommand(new dev.eyrie.jobs.correlate.CorrelateCommand());
    root.addSubcommand(new dev.eyrie.jobs.archive.ArchiveCommand());
    root.addSubcommand(new dev.eyrie.jobs.backfill.BackfillCommand());
    root.addSubcommand(new dev.eyrie.cli.replay.ImportCommand());
    root.addSubcommand(new dev.eyrie.cli.replay.ReplayCommand());
    root.addSubcommand(new dev.eyrie.cli.demo.DemoCommand());
    root.addSubcommand(new CommandLine.HelpCommand());
  }
}
