package dev.eyrie.jobs.detect;

import picocli.CommandLine;

/** Entry point of the application jar: {@code flink run target/eyrie-flink-jobs.jar [detect options]}. */
public final class DetectJobMain {
  private DetectJobMain() {}

  public static void main(String[] args) {
    int code = new CommandLine(new DetectCommand()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
