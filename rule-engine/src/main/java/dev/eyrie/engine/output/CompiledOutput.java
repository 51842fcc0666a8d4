package dev.eyrie.engine.output;

import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.EvalContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A compiled output format: literal text and field tokens. Missing values print {@code <NA>} in the text and are
 * null in {@link #fields}. Immutable and thread-safe.
 */
public final class CompiledOutput {
  static final String NA = "<NA>";

  private final String format;
  private final String[] literals;
  private final Accessor[] tokens;
  private final int[] widths;
  private final List<String> fieldNames;
  /** The first token of each distinct field name, parallel to fieldNames. */
  private final Accessor[] distinct;
  private final String[] distinctNames;

  CompiledOutput(String format, List<String> literals, List<Accessor> tokens, List<Integer> widths) {
    this.format = format;
    this.literals = literals.toArray(new String[0]);
    this.tokens = tokens.toArray(new Accessor[0]);
    this.widths = widths.stream().mapToInt(Integer::intValue).toArray();
    List<String> names = new java.util.ArrayList<>();
    for (Accessor a : this.tokens) {
      if (!names.contains(a.name())) {
        names.add(a.name());
      }
    }
    this.fieldNames = Collections.unmodifiableList(names);
    this.distinctNames = names.toArray(new String[0]);
    this.distinct = new Accessor[distinctNames.length];
    for (int i = 0; i < distinct.length; i++) {
      for (Accessor a : this.tokens) {
        if (a.name().equals(distinctNames[i])) {
          distinct[i] = a;
          break;
        }
      }
    }
  }

  public String format() {
    return format;
  }

  /** Field names in order of first appearance, as written ({@code proc.aname[2]}). */
  public List<String> fieldNames() {
    return fieldNames;
  }

  /** literal[0] token[0] literal[1] token[1] ... literal[n]. */
  public String render(EvalContext c) {
    StringBuilder sb = new StringBuilder(format.length() + 64);
    for (int i = 0; i < tokens.length; i++) {
      sb.append(literals[i]);
      String v = tokens[i].text(c);
      if (v == null) {
        v = NA;
      }
      int w = widths[i];
      if (w > 0) {
        if (v.length() > w) {
          v = v.substring(0, w);
        }
        sb.append(v);
        for (int k = v.length(); k < w; k++) {
          sb.append(' ');
        }
      } else {
        sb.append(v);
      }
    }
    sb.append(literals[tokens.length]);
    return sb.toString();
  }

  /** Each field's typed value (String, Long, Boolean; null where the text shows {@code <NA>}), in order. */
  public Map<String, Object> fields(EvalContext c) {
    Object[] values = new Object[distinct.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = distinct[i].value(c);
    }
    return new OutputFields(distinctNames, values);
  }

  @Override
  public String toString() {
    return format;
  }
}
