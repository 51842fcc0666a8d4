package dev.eyrie.engine.parse;

/**
 * A condition that does not follow the libs filter grammar. {@code index} is the 0-based character offset where
 * the parser stopped; {@code line}/{@code column} are 1-based, as libs reports them.
 */
public final class ParseException extends Exception {
  private final int index;
  private final int line;
  private final int column;

  public ParseException(String message, int index, int line, int column) {
    super(message);
    this.index = index;
    this.line = line;
    this.column = column;
  }

  public int index() {
    return index;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
