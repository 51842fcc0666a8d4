package dev.eyrie.cli;

import picocli.CommandLine;

/** Adds the commands that live in other modules (collector, jobs, capture import). */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine root) {
  }
}
