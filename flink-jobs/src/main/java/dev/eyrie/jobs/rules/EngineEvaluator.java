package dev.eyrie.jobs.rules;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.Match;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.util.function.Consumer;

import org.apache.flink.util.Collector;

/**
 * The engine's compiled ruleset behind {@link RulesetEvaluator}. One instance per operator instance (single
 * thread); the match consumer is allocated once, not per event.
 */
final class EngineEvaluator implements RulesetEvaluator {
  private final String version;
  private final CompiledRuleset ruleset;
  private final int enabledRules;
  private final Consumer<Match> toAlert = this::emit;
  private Collector<Alert> out;

  EngineEvaluator(String version, CompiledRuleset ruleset) {
    this.version = version;
    this.ruleset = ruleset;
    this.enabledRules = ruleset.activeRuleNames().size();
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int enabledRules() {
    return enabledRules;
  }

  @Override
  public void evaluate(Event event, Collector<Alert> collector) {
    out = collector;
    ruleset.evaluate(event, toAlert);
  }

  private void emit(Match m) {
    out.collect(AlertFactory.eventAlert(m, version));
  }
}
