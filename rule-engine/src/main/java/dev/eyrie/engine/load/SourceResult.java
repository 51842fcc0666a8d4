package dev.eyrie.engine.load;

import dev.eyrie.engine.json.FalcoJsonWriter;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.function.Function;

/**
 * The result of loading one rules source (Falco's per-file {@code load_result}): errors and warnings in the
 * order they were found. Snippets are cut when a message is added, from whichever source its context names.
 */
public final class SourceResult {
  private final String name;
  private final Function<String, String> contents;
  private final List<LoadMessage> errors = new ArrayList<>();
  private final List<LoadMessage> warnings = new ArrayList<>();

  SourceResult(String name, Function<String, String> contents) {
    this.name = name;
    this.contents = contents;
  }

  public String name() {
    return name;
  }

  public boolean successful() {
    return errors.isEmpty();
  }

  public List<LoadMessage> errors() {
    return List.copyOf(errors);
  }

  public List<LoadMessage> warnings() {
    return List.copyOf(warnings);
  }

  void addError(LoadCode code, String message, Context ctx) {
    errors.add(new LoadMessage(code, message, ctx, ctx.snippet(contents), null));
  }

  void add(LoadCode code, String message, Context ctx) {
    warnings.add(new LoadMessage(code, message, ctx, ctx.snippet(contents), null));
  }

  void addDeprecatedField(String field, String message, Context ctx) {
    warnings.add(new LoadMessage(LoadCode.LOAD_DEPRECATED_ITEM, message, ctx, ctx.snippet(contents), field));
  }

  /** Falco's verbose text ({@code as_string(true)}): status line, then each error and warning with context. */
  public String toText() {
    StringBuilder os = new StringBuilder();
    if (!name.isEmpty()) {
      os.append(name).append(": ");
    }
    os.append(successful() ? (warnings.isEmpty() ? "Ok" : "Ok, with warnings") : "Invalid");
    if (!errors.isEmpty()) {
      os.append('\n').append(errors.size()).append(" Errors:\n");
      for (LoadMessage m : errors) {
        appendMessage(os, m);
      }
    }
    if (!warnings.isEmpty()) {
      os.append('\n').append(warnings.size()).append(" Warnings:\n");
      for (LoadMessage m : warnings) {
        appendMessage(os, m);
      }
    }
    return os.toString();
  }

  private static void appendMessage(StringBuilder os, LoadMessage m) {
    os.append(m.context().asText()).append("------\n").append(m.snippet()).append("------\n")
        .append(m.code().name()).append(" (").append(m.codeText()).append("): ").append(m.message()).append('\n');
  }

  /** Falco's {@code as_json}: name, successful, errors and warnings with contexts and snippets. */
  Map<String, Object> toJsonObject() {
    Map<String, Object> j = FalcoJsonWriter.obj();
    j.put("name", name);
    j.put("successful", successful());
    j.put("errors", errors.stream().map(SourceResult::messageJson).toList());
    j.put("warnings", warnings.stream().map(SourceResult::messageJson).toList());
    return j;
  }

  public String toJson() {
    return FalcoJsonWriter.write(toJsonObject());
  }

  private static Map<String, Object> messageJson(LoadMessage m) {
    Map<String, Object> ctx = FalcoJsonWriter.obj();
    ctx.put("locations", m.locations().stream().map(l -> {
      Map<String, Object> pos = FalcoJsonWriter.obj();
      pos.put("name", l.name());
      pos.put("line", l.line());
      pos.put("column", l.column());
      pos.put("offset", l.offset());
      Map<String, Object> loc = FalcoJsonWriter.obj();
      loc.put("item_type", l.itemType().text());
      loc.put("item_name", l.itemName());
      loc.put("position", pos);
      return loc;
    }).toList());
    ctx.put("snippet", m.snippet());
    Map<String, Object> j = FalcoJsonWriter.obj();
    j.put("context", ctx);
    j.put("code", m.code().name());
    j.put("codedesc", m.code().jsonCodeDesc());
    j.put("message", m.message());
    if (m.deprecatedField() != null) {
      j.put("deprecated_field", m.deprecatedField());
    }
    return j;
  }

  /** The JSON of several results, as {@code falco -V --json} prints them. */
  public static String toJson(List<SourceResult> results, String fatalError) {
    Map<String, Object> root = FalcoJsonWriter.obj();
    root.put("falco_load_results", results.stream().map(SourceResult::toJsonObject).toList());
    if (fatalError != null) {
      root.put("error", fatalError);
    }
    return FalcoJsonWriter.write(root);
  }
}
