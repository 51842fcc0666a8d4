package dev.eyrie.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The eyrie command. Subcommands live with the stage they drive; this class only assembles them. */
@Command(
    name = "eyrie",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Central runtime-security detection: Falco-compatible rules on a fleet's syscall events.")
public final class Eyrie implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree, shared by main and tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Eyrie());
    Subcommands.register(cl);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("eyrie: " + ex.getMessage()));
      if (System.getenv("EYRIE_DEBUG") != null) {
        ex.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
