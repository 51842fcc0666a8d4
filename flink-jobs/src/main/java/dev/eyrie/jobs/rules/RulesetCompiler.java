package dev.eyrie.jobs.rules;

import dev.eyrie.jobs.config.RulesSettings;

/** Loads and compiles a published ruleset with the rule engine. */
public final class RulesetCompiler {
  private RulesetCompiler() {}

  public static Compilation compile(RulesetRecord record, RulesSettings settings) {
    throw new UnsupportedOperationException("engine facade not wired yet");
  }
}
