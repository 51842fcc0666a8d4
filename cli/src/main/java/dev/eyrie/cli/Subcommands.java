package dev.eyrie.cli;

import picocli.CommandLine;

/** Adds the commands that live with the stage they drive (capture import; later collector and jobs). */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine root) {
    root.addSubcommand(new dev.eyrie.cli.replay.ReplayCommand());
    root.addSubcommand(new dev.eyrie.cli.replay.ImportCommand());
  }
}
