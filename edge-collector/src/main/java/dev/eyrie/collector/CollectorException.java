package dev.eyrie.collector;

/** A startup or runtime failure with a message that tells the operator what is wrong and how to fix it. */
public final class CollectorException extends RuntimeException {
  public CollectorException(String message) {
    super(message);
  }

  public CollectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
