package dev.eyrie.jobs.correlate;

import picocli.CommandLine;

/** {@code flink run -c dev.eyrie.jobs.correlate.CorrelateJobMain target/eyrie-flink-jobs.jar --rules ...}. */
public final class CorrelateJobMain {
  private CorrelateJobMain() {}

  public static void main(String[] args) {
    int code = new CommandLine(new CorrelateCommand()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
