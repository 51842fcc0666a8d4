package dev.eyrie.schema;

/** Bytes that are not a decodable Eyrie message. The message is meant for a dead-letter record. */
public final class WireFormatException extends RuntimeException {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
