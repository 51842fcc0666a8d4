package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.LoadException.check;

import dev.eyrie.engine.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads one rules source into the {@link Collector} (Falco's {@code rule_loader_reader.cpp}). The item kind is the
 * first key of {@link #handlers} present in the item, in table order; new item kinds (e.g. sequences) are added
 * with {@link #register}.
 */
final class ItemReader {
  /** Reads one item of a kind into the collector. */
  @FunctionalInterface
  interface ItemHandler {
    void read(ItemReader reader, Node item, Context parent);
  }

  static final String WARNING_APPEND =
      "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
  static final String WARNING_ENABLED =
      "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry"
          + " under the 'override' key (i.e. 'enabled: replace').";
  static final String RGX_IDENTIFIER = "([a-zA-Z]+[a-zA-Z0-9_]*)";
  static final String RGX_BARESTR = "([^()\"'[:space:]=,]+)";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
  private static final Pattern BARESTR = Pattern.compile("[^()\"'\\s\\x0B=,]+");
  private static final LoadCode V = LoadCode.LOAD_ERR_YAML_VALIDATE;

  private static final Set<String> RULE_APPENDABLE = Set.of("condition", "output", "desc", "tags", "exceptions");
  private static final Set<String> RULE_REPLACEABLE = Set.of("condition", "output", "desc", "priority", "capture",
      "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");
  private static final Set<String> RULE_KEYS = Set.of("rule", "condition", "output", "desc", "priority", "source",
      "enabled", "capture", "capture_duration", "warn_evttypes", "skip-if-unknown-filter", "tags", "exceptions",
      "override", "append");

  final Collector collector;
  final SourceResult result;
  private final Map<String, ItemHandler> handlers = new LinkedHashMap<>();

  ItemReader(Collector collector, SourceResult result) {
    this.collector = collector;
    this.result = result;
    handlers.put("required_engine_version", ItemReader::readEngineVersion);
    handlers.put("required_plugin_versions", ItemReader::readPluginVersions);
    handlers.put("list", ItemReader::readList);
    handlers.put("macro", ItemReader::readMacro);
    handlers.put("rule", ItemReader::readRule);
  }

  /** Adds an item kind, tried after the built-in ones. */
  ItemReader register(String key, ItemHandler handler) {
    handlers.put(key, handler);
    return this;
  }

  /** Reads the whole content; false when an error stopped it (the error is in the result). */
  boolean read(String sourceName, String content) {
    Context root = Context.root(sourceName);
    List<Node> docs;
    try {
      docs = Yaml.composeAll(content);
    } catch (MarkedYAMLException e) {
      Context ctx = e.getProblemMark() != null ? root.child(e.getProblemMark(), ItemType.VALUE_FOR, "") : root;
      result.addError(LoadCode.LOAD_ERR_YAML_PARSE, yamlMessage(e), ctx);
      return false;
    } catch (YAMLException e) {
      result.addError(LoadCode.LOAD_ERR_YAML_PARSE, String.valueOf(e.getMessage()), root);
      return false;
    }
    for (Node doc : docs) {
      if (doc == null || Yaml.isNull(doc)) {
        continue;
      }
      try {
        check(!Yaml.isMap(doc) && !Yaml.isSeq(doc), V, "Rules content is not yaml", root);
        check(!Yaml.isSeq(doc), V, "Rules content is not yaml array of objects", root);
        for (Node item : Yaml.items(doc)) {
          if (!Yaml.isNull(item)) {
            readItem(item, root);
          }
        }
      } catch (LoadException e) {
        result.addError(e.code, e.getMessage(), e.context);
        return false;
      }
    }
    return true;
  }

  private static String yamlMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    if (e.getProblemMark() == null) {
      return problem;
    }
    return "yaml: error at line " + (e.getProblemMark().getLine() + 1) + ", column "
        + (e.getProblemMark().getColumn() + 1) + ": "
        + (e.getContext() == null ? "" : e.getContext() + ": ") + problem;
  }

  private void readItem(Node item, Context parent) {
    check(!Yaml.isMap(item), V, "Unexpected element type. Each element should be a yaml associative array.",
        parent.child(item, ItemType.RULES_CONTENT_ITEM, ""));
    for (Map.Entry<String, ItemHandler> h : handlers.entrySet()) {
      if (Yaml.get(item, h.getKey()) != null) {
        h.getValue().read(this, item, parent);
        return;
      }
    }
    result.add(LoadCode.LOAD_UNKNOWN_ITEM, "Unknown top level item",
        parent.child(item, ItemType.RULES_CONTENT_ITEM, ""));
  }

  void warnUnknownKeys(Node item, Set<String> expected, Context ctx) {
    for (NodeTuple t : Yaml.entries(item)) {
      String key = Yaml.keyText(t.getKeyNode());
      if (!expected.contains(key)) {
        result.add(LoadCode.LOAD_UNKNOWN_KEY, "Unknown key '" + key + "'. The key will be ignored.", ctx);
      }
    }
  }

  // ---------------------------------------------------------------- required_engine_version

  private static void readEngineVersion(ItemReader r, Node item, Context parent) {
    Context ctx = parent.child(item, ItemType.REQUIRED_ENGINE_VERSION, "");
    Semver version;
    long legacy;
    try {
      legacy = Decode.uint32(item, "required_engine_version", ctx);
    } catch (LoadException e) {
      legacy = -1;
    }
    if (legacy >= 0) {
      version = Semver.of(0, legacy, 0);
    } else {
      String text = Decode.str(item, "required_engine_version", ctx);
      version = Semver.parse(text);
      check(!version.valid(), V, "Unable to parse engine version '" + text
          + "' as a semver string. Expected \"x.y.z\" semver format.", ctx);
    }
    r.collector.defineEngineVersion(version, ctx);
    r.warnUnknownKeys(item, Set.of("required_engine_version"), ctx);
  }

  // ---------------------------------------------------------------- required_plugin_versions

  private static void readPluginVersions(ItemReader r, Node item, Context parent) {
    Node reqs = Yaml.get(item, "required_plugin_versions");
    Context ctx = parent.child(reqs, ItemType.REQUIRED_PLUGIN_VERSIONS, "");
    check(!Yaml.isSeq(reqs), V, "Value of required_plugin_versions must be a sequence", ctx);
    for (Node plugin : Yaml.items(reqs)) {
      Context tmp = ctx.child(plugin, ItemType.REQUIRED_PLUGIN_VERSIONS_ENTRY, "");
      check(!Yaml.isMap(plugin), V, "Plugin version must be a mapping", tmp);
      String name = Decode.str(plugin, "name", tmp);
      Context pctx = ctx.child(plugin, ItemType.REQUIRED_PLUGIN_VERSIONS_ENTRY, name);
      List<String[]> alternatives = new ArrayList<>();
      alternatives.add(new String[] {name, Decode.str(plugin, "version", pctx)});
      Node alts = Yaml.get(plugin, "alternatives");
      if (alts != null) {
        check(!Yaml.isSeq(alts), V, "Value of plugin version alternatives must be a sequence", pctx);
        for (Node req : Yaml.items(alts)) {
          Context atmp = pctx.child(req, ItemType.REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE, "");
          check(!Yaml.isMap(req), V, "Plugin version alternative must be a mapping", atmp);
          String altName = Decode.str(req, "name", atmp);
          atmp = pctx.child(req, ItemType.REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE, altName);
          alternatives.add(new String[] {altName, Decode.str(req, "version", atmp)});
        }
      }
      r.collector.definePluginRequirement(alternatives, pctx);
    }
    r.warnUnknownKeys(item, Set.of("required_plugin_versions"),
        parent.child(item, ItemType.REQUIRED_PLUGIN_VERSIONS, ""));
  }

  // ---------------------------------------------------------------- overrides

  /** Reads {@code override:}; fills the keys to append and to replace. */
  private static void decodeOverrides(Node item, Set<String> appendable, Set<String> replaceable,
      Set<String> outAppend, Set<String> outReplace, Context ctx) {
    Node val = Yaml.get(item, "override");
    if (val == null || !Yaml.isMap(val)) {
      check(val != null && Yaml.isSeq(val), V, "Value of 'override' must be a mapping", ctx);
      return;
    }
    Context overrideCtx = ctx.child(item, ItemType.OVERRIDE, "");
    for (NodeTuple t : Yaml.entries(val)) {
      String key = Yaml.keyText(t.getKeyNode());
      String operation = Yaml.isScalar(t.getValueNode()) ? Yaml.scalar(t.getValueNode()) : "";
      boolean canAppend = appendable.contains(key);
      boolean canReplace = replaceable.contains(key);
      Context keyCtx = overrideCtx.child(t.getKeyNode(), ItemType.OVERRIDE, key);
      if (operation.equals("append")) {
        check(!canAppend, V, "Key '" + key + "' cannot be appended to, use 'replace' instead", keyCtx);
        outAppend.add(key);
      } else if (operation.equals("replace")) {
        check(!canReplace, V, "Key '" + key + "' cannot be replaced", keyCtx);
        outReplace.add(key);
      } else {
        throw new LoadException(V, "Invalid override operation for key '" + key + "': '" + operation + "'. "
            + "Allowed values are: " + (canAppend ? "append " : "") + (canReplace ? "replace " : ""),
            overrideCtx.child(t.getValueNode(), ItemType.VALUE_FOR, key));
      }
    }
  }

  // ---------------------------------------------------------------- list

  private static void readList(ItemReader r, Node item, Context parent) {
    String name = Decode.str(item, "list", parent.child(item, ItemType.LIST, ""));
    Context ctx = parent.child(item, ItemType.LIST, name);
    if (!BARESTR.matcher(name).matches()) {
      r.result.add(LoadCode.LOAD_INVALID_LIST_NAME,
          "List has an invalid name. List names should match a regular expression: " + RGX_BARESTR, ctx);
    }
    ListInfo v = new ListInfo();
    v.ctx = ctx;
    v.name = name;
    v.items = Decode.seq(item, "items", ctx, false);
    if (appends(r, item, "items", ctx)) {
      r.collector.appendList(v);
    } else {
      r.collector.defineList(v);
    }
    r.warnUnknownKeys(item, Set.of("list", "items", "append", "override"), ctx);
  }

  /**
   * Whether a list or macro item extends the previous definition of its single overridable key: the deprecated
   * {@code append: true} (warned) or {@code override: {key: append}}; both together is an error.
   */
  private static boolean appends(ItemReader r, Node item, String key, Context ctx) {
    Boolean appendFlag = Decode.optBool(item, "append", ctx);
    boolean append = appendFlag != null && appendFlag;
    if (append) {
      r.result.add(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_APPEND, ctx);
    }
    Set<String> oa = new TreeSet<>();
    Set<String> or = new TreeSet<>();
    decodeOverrides(item, Set.of(key), Set.of(key), oa, or, ctx);
    check(append && !(oa.isEmpty() && or.isEmpty()), V, Collector.ERROR_OVERRIDE_APPEND, ctx);
    return append || oa.contains(key);
  }

  // ---------------------------------------------------------------- macro

  private static void readMacro(ItemReader r, Node item, Context parent) {
    String name = Decode.str(item, "macro", parent.child(item, ItemType.MACRO, ""));
    Context ctx = parent.child(item, ItemType.MACRO, name);
    if (!IDENTIFIER.matcher(name).matches()) {
      r.result.add(LoadCode.LOAD_INVALID_MACRO_NAME,
          "Macro has an invalid name. Macro names should match a regular expression: " + RGX_IDENTIFIER, ctx);
    }
    MacroInfo v = new MacroInfo();
    v.ctx = ctx;
    v.name = name;
    v.cond = Decode.str(item, "condition", ctx);
    v.condCtx = ctx.child(Yaml.get(item, "condition"), ItemType.MACRO_CONDITION, "");
    if (appends(r, item, "condition", ctx)) {
      r.collector.appendMacro(v);
    } else {
      r.collector.defineMacro(v);
    }
    r.warnUnknownKeys(item, Set.of("macro", "condition", "append", "override"), ctx);
  }

  // ---------------------------------------------------------------- rule

  private static void readRule(ItemReader r, Node item, Context parent) {
    String name = Decode.str(item, "rule", parent.child(item, ItemType.RULE, ""));
    Context ctx = parent.child(item, ItemType.RULE, name);
    String source = Decode.scalar(item, "source", ctx, true, true);
    if (source == null) {
      source = "";
    }
    Boolean appendFlag = Decode.optBool(item, "append", ctx);
    boolean hasAppendFlag = appendFlag != null && appendFlag;
    if (hasAppendFlag) {
      r.result.add(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_APPEND, ctx);
    }
    Set<String> oa = new TreeSet<>();
    Set<String> or = new TreeSet<>();
    decodeOverrides(item, RULE_APPENDABLE, RULE_REPLACEABLE, oa, or, ctx);
    boolean hasOverrides = !oa.isEmpty() || !or.isEmpty();
    check(hasAppendFlag && hasOverrides, V, Collector.ERROR_OVERRIDE_APPEND, ctx);

    if (hasOverrides) {
      // (appendable ∪ replaceable) ∩ present: each must be claimed by an override entry.
      TreeSet<String> expected = new TreeSet<>();
      for (String key : RULE_REPLACEABLE) {
        if (Yaml.get(item, key) != null) {
          expected.add(key);
        }
      }
      for (String key : RULE_APPENDABLE) {
        if (Yaml.get(item, key) != null) {
          expected.add(key);
        }
      }
      if (!oa.isEmpty()) {
        RuleUpdate v = new RuleUpdate();
        v.ctx = ctx;
        v.name = name;
        if (claim(expected, oa, "append", "condition", ctx)) {
          v.source = source;
          v.cond = Decode.str(item, "condition", ctx);
        }
        if (claim(expected, oa, "append", "exceptions", ctx)) {
          v.exceptions = r.readExceptions(item, ctx, true);
        }
        if (claim(expected, oa, "append", "output", ctx)) {
          v.output = Decode.str(item, "output", ctx);
        }
        if (claim(expected, oa, "append", "desc", ctx)) {
          v.desc = Decode.str(item, "desc", ctx);
        }
        if (claim(expected, oa, "append", "tags", ctx)) {
          v.tags = Decode.tags(item, ctx);
        }
        r.collector.appendRule(v);
      }
      if (!or.isEmpty()) {
        RuleUpdate v = new RuleUpdate();
        v.ctx = ctx;
        v.name = name;
        if (claim(expected, or, "replace", "condition", ctx)) {
          v.source = source;
          v.cond = Decode.str(item, "condition", ctx);
        }
        if (claim(expected, or, "replace", "exceptions", ctx)) {
          v.exceptions = r.readExceptions(item, ctx, false);
        }
        if (claim(expected, or, "replace", "output", ctx)) {
          v.output = Decode.str(item, "output", ctx);
        }
        if (claim(expected, or, "replace", "desc", ctx)) {
          v.desc = Decode.str(item, "desc", ctx);
        }
        if (claim(expected, or, "replace", "tags", ctx)) {
          v.tags = Decode.tags(item, ctx);
        }
        if (claim(expected, or, "replace", "priority", ctx)) {
          v.priority = priority(item, ctx);
        }
        if (claim(expected, or, "replace", "capture", ctx)) {
          v.capture = Decode.bool(item, "capture", ctx);
        }
        if (claim(expected, or, "replace", "capture_duration", ctx)) {
          v.captureDuration = Decode.uint32(item, "capture_duration", ctx);
        }
        if (claim(expected, or, "replace", "enabled", ctx)) {
          v.enabled = Decode.bool(item, "enabled", ctx);
        }
        if (claim(expected, or, "replace", "warn_evttypes", ctx)) {
          v.warnEvttypes = Decode.bool(item, "warn_evttypes", ctx);
        }
        if (claim(expected, or, "replace", "skip-if-unknown-filter", ctx)) {
          v.skipIfUnknownFilter = Decode.bool(item, "skip-if-unknown-filter", ctx);
        }
        r.collector.replaceRule(v);
      }
      for (String key : expected) {
        throw new LoadException(V, "Unexpected key '" + key + "': no corresponding entry under 'override' is defined.",
            ctx.child(Yaml.get(item, key), ItemType.OVERRIDE, key));
      }
    } else if (hasAppendFlag) {
      RuleUpdate v = new RuleUpdate();
      v.ctx = ctx;
      v.name = name;
      v.source = source;
      if (Yaml.get(item, "condition") != null) {
        v.cond = Decode.str(item, "condition", ctx);
      }
      if (Yaml.get(item, "exceptions") != null) {
        v.exceptions = r.readExceptions(item, ctx, true);
      }
      r.collector.appendRule(v);
    } else if (Yaml.get(item, "condition") == null && Yaml.get(item, "output") == null
        && Yaml.get(item, "desc") == null && Yaml.get(item, "priority") == null) {
      // The legacy form: an item with only 'enabled' toggles an existing rule.
      boolean enabled = Decode.bool(item, "enabled", ctx);
      r.result.add(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_ENABLED, ctx);
      r.collector.enableRule(name, enabled, ctx);
    } else {
      RuleInfo v = new RuleInfo();
      v.ctx = ctx;
      v.name = name;
      v.cond = Decode.str(item, "condition", ctx);
      v.condCtx = ctx.child(Yaml.get(item, "condition"), ItemType.RULE_CONDITION, "");
      v.output = Decode.str(item, "output", ctx);
      v.outputCtx = ctx.child(Yaml.get(item, "output"), ItemType.RULE_OUTPUT, "");
      v.desc = Decode.str(item, "desc", ctx);
      v.priority = priority(item, ctx);
      v.output = v.output.strip();
      String src = Decode.optStr(item, "source", ctx);
      v.source = src == null ? "syscall" : src;
      Boolean b = Decode.optBool(item, "enabled", ctx);
      v.enabled = b == null || b;
      b = Decode.optBool(item, "capture", ctx);
      v.capture = b != null && b;
      Long d = Decode.optUint32(item, "capture_duration", ctx);
      v.captureDuration = d == null ? 0 : d;
      b = Decode.optBool(item, "warn_evttypes", ctx);
      v.warnEvttypes = b == null || b;
      b = Decode.optBool(item, "skip-if-unknown-filter", ctx);
      v.skipIfUnknownFilter = b != null && b;
      v.tags = Decode.tags(item, ctx);
      v.exceptions = r.readExceptions(item, ctx, false);
      r.collector.defineRule(v, r.result);
    }
    r.warnUnknownKeys(item, RULE_KEYS, ctx);
  }

  private static Priority priority(Node item, Context ctx) {
    String text = Decode.str(item, "priority", ctx);
    Priority p = Priority.parseOrNull(text);
    check(p == null, V, "Invalid priority", ctx.child(Yaml.get(item, "priority"), ItemType.RULE_PRIORITY, ""));
    return p;
  }

  /** True if {@code key} is overridden with {@code op}; it must then be present in the item. */
  private static boolean claim(Set<String> expected, Set<String> overrides, String op, String key, Context ctx) {
    if (!overrides.contains(key)) {
      return false;
    }
    check(!expected.contains(key), V,
        "An " + op + " override for '" + key + "' was specified but '" + key + "' is not defined", ctx);
    expected.remove(key);
    return true;
  }

  // ---------------------------------------------------------------- exceptions

  private List<ExceptionInfo> readExceptions(Node item, Context parent, boolean append) {
    List<ExceptionInfo> out = new ArrayList<>();
    Node exs = Yaml.get(item, "exceptions");
    if (exs == null || Yaml.isNull(exs)) {
      return out;
    }
    Context exesCtx = parent.child(exs, ItemType.EXCEPTIONS, "");
    check(!Yaml.isSeq(exs), V, "Rule exceptions must be a sequence", exesCtx);
    for (Node ex : Yaml.items(exs)) {
      Context tmp = exesCtx.child(ex, ItemType.EXCEPTION, "");
      check(!Yaml.isMap(ex), V, "Rule exception must be a mapping", tmp);
      String name = Decode.str(ex, "name", tmp);
      Context exCtx = parent.child(ex, ItemType.EXCEPTION, name);
      ExceptionInfo v = new ExceptionInfo();
      v.ctx = exCtx;
      v.name = name;
      for (ExceptionInfo prev : out) {
        if (prev.name.equals(name)) {
          result.add(LoadCode.LOAD_EXCEPTION_NAME_NOT_UNIQUE,
              "Multiple definitions of exception '" + name + "' in the same rule", exCtx);
        }
      }
      v.fields = entry(Yaml.get(ex, "fields"), "fields", exCtx, append);
      v.comps = entry(Yaml.get(ex, "comps"), "comps", exCtx, true);
      Node values = Yaml.get(ex, "values");
      if (values != null) {
        Context valsCtx = exCtx.child(values, ItemType.EXCEPTION_VALUES, "");
        check(!Yaml.isSeq(values), V, "Rule exception values must be a sequence", valsCtx);
        for (Node val : Yaml.items(values)) {
          Context vctx = valsCtx.child(val, ItemType.EXCEPTION_VALUE, "");
          v.values.add(entry(val, null, vctx, false));
        }
      } else if (append) {
        result.add(LoadCode.LOAD_APPEND_NO_VALUES, "Overriding/appending exception with no values", exCtx);
      }
      out.add(v);
    }
    return out;
  }

  /** A scalar or (nested) sequence value of an exception; stays invalid for null or mapping values. */
  private static ExceptionInfo.Entry entry(Node val, String key, Context ctx, boolean optional) {
    ExceptionInfo.Entry out = new ExceptionInfo.Entry();
    if (val == null && optional) {
      return out;
    }
    check(val == null, V, "Item has no mapping for key '" + key + "'", ctx);
    Context valCtx = ctx.child(val, ItemType.VALUE_FOR, key == null ? "" : key);
    if (Yaml.isScalar(val)) {
      check(Yaml.scalar(val).isEmpty(), V, "Value must be non-empty", valCtx);
      out.item = Yaml.scalar(val);
    } else if (Yaml.isSeq(val)) {
      out.isList = true;
      for (Node v : Yaml.items(val)) {
        out.items.add(entry(v, null, valCtx.child(v, ItemType.EXCEPTION, ""), false));
      }
    }
    return out;
  }
}
