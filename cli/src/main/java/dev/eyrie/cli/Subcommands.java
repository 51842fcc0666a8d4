package dev.eyrie.cli;

import picocli.CommandLine;

/**
 * The commands that live with the stage they drive, in data-path order: the node agent, the centre's jobs,
 * captures and replay, then the one-machine demo.
 */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine root) {
    root.addSubcommand(new dev.eyrie.collector.CollectorCommand());
    root.addSubcommand(new dev.eyrie.jobs.detect.DetectCommand());
    root.addSubcommand(new dev.eyrie.jobs.correlate.CorrelateCommand());
    root.addSubcommand(new dev.eyrie.jobs.archive.ArchiveCommand());
    root.addSubcommand(new dev.eyrie.jobs.backfill.BackfillCommand());
    root.addSubcommand(new dev.eyrie.cli.replay.ImportCommand());
    root.addSubcommand(new dev.eyrie.cli.replay.ReplayCommand());
    root.addSubcommand(new dev.eyrie.cli.demo.DemoCommand());
  }
}
