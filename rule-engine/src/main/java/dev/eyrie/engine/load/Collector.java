package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.LoadException.check;

import dev.eyrie.engine.parse.ConditionParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Accumulates definitions across all loaded sources with Falco's define/append/replace/enable semantics
 * ({@code rule_loader_collector.cpp}). A redefinition replaces the item in place (it keeps its original index);
 * every define/append/replace takes the next position of a counter shared by lists, macros and rules, which
 * defines macro and list visibility.
 */
final class Collector {
  static final String ERROR_OVERRIDE_APPEND =
      "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. "
          + "'condition: append') under 'override' instead.";
  static final String ERROR_NO_PREVIOUS_MACRO =
      "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
  static final String ERROR_NO_PREVIOUS_LIST =
      "List uses 'append' or 'override.items: append' but no list by that name already exists";
  static final String ERROR_NO_PREVIOUS_RULE_APPEND =
      "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
  static final String ERROR_NO_PREVIOUS_RULE_REPLACE =
      "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists";

  /** A required_plugin_versions entry: the plugin and its alternatives, each (name, version). */
  record PluginRequirement(List<String[]> alternatives, Context ctx) {}

  private final Set<String> knownSources;
  private final Predicate<String> validLhsField;
  private final Semver engineVersion;
  final Map<String, ListInfo> lists = new LinkedHashMap<>();
  final Map<String, MacroInfo> macros = new LinkedHashMap<>();
  final Map<String, RuleInfo> rules = new LinkedHashMap<>();
  final Map<String, SequenceInfo> sequences = new LinkedHashMap<>();
  final List<PluginRequirement> pluginRequirements = new ArrayList<>();
  Semver requiredEngineVersion = Semver.of(0, 0, 0);
  private int curIndex;

  Collector(Set<String> knownSources, Predicate<String> validLhsField, Semver engineVersion) {
    this.knownSources = knownSources;
    this.validLhsField = validLhsField;
    this.engineVersion = engineVersion;
  }

  void defineEngineVersion(Semver required, Context ctx) {
    check(!engineVersion.compatibleWith(required), LoadCode.LOAD_ERR_VALIDATE,
        "Rules require engine version " + required + ", but engine version is " + engineVersion, ctx);
    if (requiredEngineVersion.compareTo(required) < 0) {
      requiredEngineVersion = required;
    }
  }

  void definePluginRequirement(List<String[]> alternatives, Context ctx) {
    Set<String> names = new HashSet<>();
    for (String[] req : alternatives) {
      check(!Semver.parse(req[1]).valid(), LoadCode.LOAD_ERR_VALIDATE,
          "Invalid required version '" + req[1] + "' for plugin '" + req[0] + "'", ctx);
      check(!names.add(req[0]), LoadCode.LOAD_ERR_VALIDATE,
          "Defined multiple alternative version requirements for plugin '" + req[0] + "'", ctx);
    }
    pluginRequirements.add(new PluginRequirement(List.copyOf(alternatives), ctx));
  }

  void defineList(ListInfo info) {
    ListInfo prev = lists.get(info.name);
    int id = curIndex++;
    info.index = prev != null ? prev.index : id;
    info.visibility = id;
    lists.put(info.name, info);
  }

  void appendList(ListInfo info) {
    ListInfo prev = lists.get(info.name);
    check(prev == null, LoadCode.LOAD_ERR_VALIDATE, ERROR_NO_PREVIOUS_LIST, info.ctx);
    prev.items.addAll(info.items);
    prev.visibility = curIndex++;
  }

  void defineMacro(MacroInfo info) {
    MacroInfo prev = macros.get(info.name);
    int id = curIndex++;
    info.index = prev != null ? prev.index : id;
    info.visibility = id;
    macros.put(info.name, info);
  }

  void appendMacro(MacroInfo info) {
    MacroInfo prev = macros.get(info.name);
    check(prev == null, LoadCode.LOAD_ERR_VALIDATE, ERROR_NO_PREVIOUS_MACRO, info.ctx);
    prev.cond = prev.cond + " " + info.cond;
    prev.visibility = curIndex++;
  }

  void defineRule(RuleInfo info, SourceResult warnings) {
    findPrevRule(info.name, info.source, info.ctx);
    if (!knownSources.contains(info.source)) {
      info.unknownSource = true;
      warnings.add(LoadCode.LOAD_UNKNOWN_SOURCE, "Unknown source " + info.source + ", skipping", info.ctx);
    }
    for (ExceptionInfo ex : info.exceptions) {
      check(!ex.fields.isValid(), LoadCode.LOAD_ERR_VALIDATE,
          "Rule exception item must have fields property with a list of fields", ex.ctx);
      validateException(!info.unknownSource, ex);
    }
    RuleInfo prev = rules.get(info.name);
    int id = curIndex++;
    info.index = prev != null ? prev.index : id;
    info.visibility = id;
    rules.put(info.name, info);
  }

  void appendRule(RuleUpdate info) {
    RuleInfo prev = findPrevRule(info.name, info.source, info.ctx);
    check(prev == null, LoadCode.LOAD_ERR_VALIDATE, ERROR_NO_PREVIOUS_RULE_APPEND, info.ctx);
    check(!info.hasAnyValue(), LoadCode.LOAD_ERR_VALIDATE,
        "Appended rule must have exceptions or condition property", info.ctx);
    boolean knownSource = !prev.unknownSource;
    if (info.cond != null && !info.cond.isEmpty()) {
      prev.cond = prev.cond + " " + info.cond;
    }
    if (info.output != null && !info.output.isEmpty()) {
      prev.output = prev.output + " " + info.output;
    }
    if (info.desc != null && !info.desc.isEmpty()) {
      prev.desc = prev.desc + " " + info.desc;
    }
    if (info.tags != null) {
      prev.tags.addAll(info.tags);
    }
    if (info.exceptions != null) {
      for (ExceptionInfo ex : info.exceptions) {
        ExceptionInfo prevEx = null;
        for (ExceptionInfo e : prev.exceptions) {
          if (e.name.equals(ex.name)) {
            prevEx = e;
            break;
          }
        }
        if (prevEx == null) {
          check(!ex.fields.isValid(), LoadCode.LOAD_ERR_VALIDATE,
              "Rule exception must have fields property with a list of fields", ex.ctx);
          check(ex.values.isEmpty(), LoadCode.LOAD_ERR_VALIDATE,
              "Rule exception must have values property with a list of values", ex.ctx);
          validateException(knownSource, ex);
          prev.exceptions.add(ex);
        } else {
          check(ex.fields.isValid(), LoadCode.LOAD_ERR_VALIDATE,
              "Can not append exception fields to existing exception, only values", ex.ctx);
          check(ex.comps.isValid(), LoadCode.LOAD_ERR_VALIDATE,
              "Can not append exception comps to existing exception, only values", ex.ctx);
          prevEx.values.addAll(ex.values);
        }
      }
    }
    prev.visibility = curIndex++;
  }

  void replaceRule(RuleUpdate info) {
    RuleInfo prev = findPrevRule(info.name, info.source, info.ctx);
    check(prev == null, LoadCode.LOAD_ERR_VALIDATE, ERROR_NO_PREVIOUS_RULE_REPLACE, info.ctx);
    check(!info.hasAnyValue(), LoadCode.LOAD_ERR_VALIDATE,
        "The rule must have at least one field that can be replaced", info.ctx);
    if (info.cond != null) {
      prev.cond = info.cond;
    }
    if (info.output != null) {
      prev.output = info.output;
    }
    if (info.desc != null) {
      prev.desc = info.desc;
    }
    if (info.tags != null) {
      prev.tags = info.tags;
    }
    if (info.exceptions != null) {
      // Falco skips this validation for replaced exceptions and then reads unset comps out of bounds; validating
      // gives the same errors a definition would.
      for (ExceptionInfo ex : info.exceptions) {
        check(!ex.fields.isValid(), LoadCode.LOAD_ERR_VALIDATE,
            "Rule exception item must have fields property with a list of fields", ex.ctx);
        validateException(!prev.unknownSource, ex);
      }
      prev.exceptions = info.exceptions;
    }
    if (info.priority != null) {
      prev.priority = info.priority;
    }
    if (info.capture != null) {
      prev.capture = info.capture;
    }
    if (info.captureDuration != null) {
      prev.captureDuration = info.captureDuration;
    }
    if (info.enabled != null) {
      prev.enabled = info.enabled;
    }
    if (info.warnEvttypes != null) {
      prev.warnEvttypes = info.warnEvttypes;
    }
    if (info.skipIfUnknownFilter != null) {
      prev.skipIfUnknownFilter = info.skipIfUnknownFilter;
    }
    prev.visibility = curIndex++;
  }

  void enableRule(String name, boolean enabled, Context ctx) {
    RuleInfo prev = rules.get(name);
    check(prev == null, LoadCode.LOAD_ERR_VALIDATE,
        "Rule has 'enabled' key but no rule by that name already exists", ctx);
    prev.enabled = enabled;
  }

  private RuleInfo findPrevRule(String name, String source, Context ctx) {
    RuleInfo ret = rules.get(name);
    check(ret != null && !ret.source.isEmpty() && !source.isEmpty() && !ret.source.equals(source),
        LoadCode.LOAD_ERR_VALIDATE, "Rule has been re-defined with a different source", ctx);
    return ret;
  }

  private void validateException(boolean checkFields, ExceptionInfo ex) {
    if (ex.fields.isList) {
      if (!ex.comps.isValid()) {
        ex.comps = new ExceptionInfo.Entry();
        ex.comps.isList = true;
        for (int i = 0; i < ex.fields.items.size(); i++) {
          ex.comps.items.add(new ExceptionInfo.Entry("="));
        }
      }
      check(ex.fields.items.size() != ex.comps.items.size(), LoadCode.LOAD_ERR_VALIDATE,
          "Fields and comps lists must have equal length", ex.ctx);
      for (ExceptionInfo.Entry c : ex.comps.items) {
        c.item = c.item.strip();
        check(!isOperator(c.item) && !isStrOperatorWithModifier(c.item), LoadCode.LOAD_ERR_VALIDATE,
            "'" + c.item + "' is not a supported comparison operator", ex.ctx);
      }
      if (checkFields) {
        for (ExceptionInfo.Entry f : ex.fields.items) {
          check(!validLhsField.test(f.item), LoadCode.LOAD_ERR_VALIDATE,
              "'" + f.item + "' is not a supported filter field", ex.ctx);
        }
      }
    } else {
      if (!ex.comps.isValid()) {
        ex.comps = new ExceptionInfo.Entry("in");
      }
      check(ex.comps.isList, LoadCode.LOAD_ERR_VALIDATE, "Fields and comps must both be strings", ex.ctx);
      ex.comps.item = ex.comps.item.strip();
      String c = ex.comps.item;
      check(!c.equals("in") && !c.equals("pmatch") && !c.equals("intersects") && !isStrOperatorWithModifier(c),
          LoadCode.LOAD_ERR_VALIDATE,
          "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator"
              + " (e.g. startswith oneof)",
          ex.ctx);
      if (checkFields) {
        check(!validLhsField.test(ex.fields.item), LoadCode.LOAD_ERR_VALIDATE,
            "'" + ex.fields.item + "' is not a supported filter field", ex.ctx);
      }
    }
  }

  static boolean isOperator(String op) {
    return ConditionParser.supportedOperators().contains(op);
  }

  /** "startswith oneof" and friends: a modifier-capable operator, one space, then oneof/anyof/allof. */
  static boolean isStrOperatorWithModifier(String op) {
    int sp = op.indexOf(' ');
    if (sp < 0) {
      return false;
    }
    String mod = op.substring(sp + 1);
    return ConditionParser.supportsModifier(op.substring(0, sp))
        && (mod.equals("oneof") || mod.equals("anyof") || mod.equals("allof"));
  }
}
