package dev.eyrie.jobs.archive;

import picocli.CommandLine;

/**
 * Entry point of the application jar for the archive job: {@code flink run -c dev.eyrie.jobs.archive.ArchiveJobMain
 * target/eyrie-flink-jobs.jar [archive run options]}. Only {@code run}: retention ({@code expire}) is a one-off
 * command, not a job a deployment keeps running.
 */
public final class ArchiveJobMain {
  private ArchiveJobMain() {}

  public static void main(String[] args) {
    int code = new CommandLine(new ArchiveCommand.Run()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
