package dev.eyrie.cli.demo;

import dev.eyrie.cli.Eyrie;
import picocli.CommandLine;

/**
 * The eyrie command as the launcher runs it, for DemoIT's child process: Eyrie's own command tree, with the demo
 * added only if it is not registered there (yet).
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    CommandLine cl = Eyrie.commandLine();
    if (!cl.getSubcommands().containsKey("demo")) {
      cl.addSubcommand(new DemoCommand());
    }
    System.exit(cl.execute(args));
  }
}
