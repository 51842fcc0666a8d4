package dev.eyrie.jobs.rules;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadOptions;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import dev.eyrie.jobs.config.RulesSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.util.List;

/**
 * Loads and compiles a published ruleset with the rule engine, as Falco loads {@code -r} files in order. Errors
 * and warnings come back in Falco's JSON message shape (code, codedesc, message, context with locations).
 */
public final class RulesetCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RulesetCompiler() {}

  public static Compilation compile(RulesetRecord record, RulesSettings settings) {
    List<RulesSource> sources = record.files().stream().map(f -> RulesSource.of(f.name(), f.content())).toList();
    LoadResult result;
    try {
      result = RulesLoader.load(sources, LoadOptions.defaults());
    } catch (RuntimeException e) {
      // an engine bug must reject the ruleset, not take the job down in a restart loop
      return new Compilation(null, "the rule engine failed on ruleset " + record.version() + ": " + e,
          RulesetStatus.messages("rule engine failure: " + e), null);
    }
    ArrayNode errors = JSON.createArrayNode();
    ArrayNode warnings = JSON.createArrayNode();
    collect(result.toJson(), errors, warnings);
    if (result.pluginError() != null) {
      errors.addObject().put("code", "LOAD_ERR_PLUGIN").put("message", result.pluginError());
    }
    if (!result.successful()) {
      return new Compilation(null,
          "ruleset " + record.version() + " does not load: " + errors.size() + " error(s); first: "
              + (errors.isEmpty() ? "?" : errors.get(0).path("message").asText()),
          errors, warnings);
    }
    CompiledRuleset ruleset = result.ruleset().withOptions(new RulesetOptions(matching(settings.matching()), null));
    EngineEvaluator evaluator = new EngineEvaluator(record.version(), ruleset);
    return new Compilation(evaluator, evaluator.enabledRules() + " rules enabled", errors, warnings);
  }

  static RuleMatching matching(RulesSettings.Matching m) {
    return m == RulesSettings.Matching.ALL ? RuleMatching.ALL : RuleMatching.FIRST;
  }

  /** Flattens {@code {"falco_load_results":[{"name", "errors":[...], "warnings":[...]}]}}. */
  private static void collect(String loadJson, ArrayNode errors, ArrayNode warnings) {
    JsonNode root;
    try {
      root = JSON.readTree(loadJson);
    } catch (IOException e) {
      errors.addObject().put("message", "unreadable load result: " + e.getMessage());
      return;
    }
    for (JsonNode source : root.path("falco_load_results")) {
      source.path("errors").forEach(errors::add);
      source.path("warnings").forEach(warnings::add);
    }
  }
}
