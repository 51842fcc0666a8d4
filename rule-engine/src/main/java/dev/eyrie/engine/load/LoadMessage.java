package dev.eyrie.engine.load;

import java.util.List;

/**
 * One error or warning of a load. {@code deprecatedField} is set for deprecated-field warnings ("evt.dir").
 * {@code snippet} is Falco's snippet: the offending line with a caret under the position.
 */
public record LoadMessage(LoadCode code, String message, Context context, String snippet, String deprecatedField) {

  public boolean isError() {
    return code.isError();
  }

  public List<Location> locations() {
    return context.locations();
  }

  /** The innermost top-level item (list, macro, rule, ...) the message is about, or the content itself. */
  public Location item() {
    List<Location> locs = context.locations();
    for (int i = locs.size() - 1; i >= 0; i--) {
      if (locs.get(i).itemType().isTopLevelItem()) {
        return locs.get(i);
      }
    }
    return locs.get(0);
  }

  public ItemType itemType() {
    return item().itemType();
  }

  public String itemName() {
    return item().itemName();
  }

  public String sourceName() {
    return context.sourceName();
  }

  /** The innermost location in the source file (condition positions are mapped onto the YAML position). */
  public Location position() {
    List<Location> locs = context.locations();
    return locs.get(locs.size() - 1);
  }

  /** 0-based line, Falco-style. */
  public int line() {
    return position().line();
  }

  /** 0-based column, Falco-style. */
  public int column() {
    return position().column();
  }

  /** Falco's "(text)" part: the code text, plus ": field 'x'" for deprecated fields. */
  public String codeText() {
    return deprecatedField == null ? code.text() : code.text() + ": field '" + deprecatedField + "'";
  }
}
