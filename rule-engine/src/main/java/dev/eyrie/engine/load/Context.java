package dev.eyrie.engine.load;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where a message points: the chain of locations from the rules content down to the offending node, and the
 * content the snippet is cut from (the source text, or the condition text for condition positions).
 */
public final class Context {
  private final List<Location> locations;
  private final String altContent;
  private final int altIndex;

  private Context(List<Location> locations, String altContent, int altIndex) {
    this.locations = List.copyOf(locations);
    this.altContent = altContent;
    this.altIndex = altIndex;
  }

  /** The whole rules content of a source. */
  public static Context root(String sourceName) {
    return new Context(List.of(new Location(ItemType.RULES_CONTENT, "", sourceName, 0, 0, 0)), null, 0);
  }

  public Context child(Node node, ItemType type, String itemName) {
    Mark m = node.getStartMark();
    return child(m, type, itemName);
  }

  public Context child(Mark m, ItemType type, String itemName) {
    List<Location> locs = new ArrayList<>(locations);
    locs.add(new Location(type, itemName == null ? "" : itemName, sourceName(), m.getLine(), m.getColumn(),
        m.getIndex()));
    return new Context(locs, null, 0);
  }

  /**
   * A position inside a condition text, Falco-style: named after the condition's first characters, located at
   * this context's last position plus the parser position (libs: 1-based line/column, 0-based index).
   */
  public Context inCondition(int index, int line, int column, String condition) {
    String shortName = "\"" + (condition.length() > 20 ? condition.substring(0, 17) + "...\"" : condition + "\"");
    shortName = shortName.replace('\n', ' ').replace('\r', ' ');
    Location last = locations.get(locations.size() - 1);
    List<Location> locs = new ArrayList<>(locations);
    locs.add(new Location(ItemType.CONDITION_EXPRESSION, "", shortName, last.line() + line,
        last.column() + column, last.offset() + index));
    return new Context(locs, condition, index);
  }

  /** Same as {@link #inCondition(int, int, int, String)} computing libs' line/column from a 0-based index. */
  public Context inCondition(int index, String condition) {
    int idx = Math.max(0, Math.min(index, condition.length()));
    int line = 1;
    int col = 1;
    for (int i = 0; i < idx; i++) {
      char c = condition.charAt(i);
      col++;
      if (c == '\r' || c == '\n') {
        col = 1;
        line++;
      }
    }
    return inCondition(idx, line, col, condition);
  }

  public List<Location> locations() {
    return locations;
  }

  /** The rules source this context belongs to. */
  public String sourceName() {
    return locations.get(0).name();
  }

  private static final int SNIPPET_WIDTH = 160;

  /**
   * Falco's snippet: the line around the position (at most 80 characters either side, elided with "..."),
   * then a caret under the position. Condition positions are cut from the condition text itself (Falco uses
   * the file offset there, which lands past the condition; the condition index is what users need).
   */
  public String snippet(java.util.function.Function<String, String> contents) {
    Location loc = locations.get(locations.size() - 1);
    String content = altContent;
    int pos = altContent != null ? altIndex : loc.offset();
    if (content == null || content.isEmpty()) {
      content = contents.apply(loc.name());
      if (content == null && altContent == null) {
        return "<No context for file + " + loc.name() + ">\n";
      }
    }
    if (content == null || content.isEmpty()) {
      return "<No context available>\n";
    }
    int size = content.length();
    while (pos > 0 && (pos >= size || content.charAt(pos) == '\n')) {
      pos--;
    }
    int half = SNIPPET_WIDTH / 2;
    int from = pos;
    while (from > 0 && content.charAt(from) != '\n' && (pos - from) < half) {
      from--;
    }
    int to = pos;
    while (to < size - 1 && content.charAt(to) != '\n' && (to - pos) < half) {
      to++;
    }
    if (from < size && content.charAt(from) == '\n') {
      from++;
    }
    if (to > 0 && to < size && content.charAt(to) == '\n') {
      to--;
    }
    if (to < from) {
      return "<No context available>\n";
    }
    StringBuilder ret = new StringBuilder(content.substring(from, to + 1));
    if (ret.length() == 0) {
      return "<No context available>\n";
    }
    if (pos - from >= half && ret.length() >= 3) {
      ret.replace(0, 3, "...");
    }
    if (to - pos >= half && ret.length() >= 3) {
      ret.replace(ret.length() - 3, ret.length(), "...");
    }
    ret.append('\n');
    if (pos - from <= ret.length() - 1) {
      ret.append(" ".repeat(Math.max(0, pos - from))).append("^\n");
    }
    return ret.toString();
  }

  /** Falco's text form: one "In/    <item type> '<name>': (<name>:<line>:<column>)" line per location. */
  public String asText() {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (Location loc : locations) {
      sb.append(first ? "In " : "    ");
      first = false;
      sb.append(loc.itemType().text());
      if (!loc.itemName().isEmpty()) {
        sb.append(" '").append(loc.itemName()).append('\'');
      }
      sb.append(": (").append(loc.name()).append(':').append(loc.line()).append(':').append(loc.column())
          .append(")\n");
    }
    return sb.toString();
  }
}
