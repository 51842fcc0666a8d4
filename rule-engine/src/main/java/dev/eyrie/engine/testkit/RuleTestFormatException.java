package dev.eyrie.engine.testkit;

import java.nio.file.Path;

/** A rule test file that cannot be read, with file:line. */
public final class RuleTestFormatException extends RuntimeException {
  public RuleTestFormatException(Path file, int line, String message) {
    super(file + ":" + line + ": " + message);
  }
}
