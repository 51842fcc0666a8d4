package dev.eyrie.jobs.rules;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import org.apache.flink.util.Collector;

/** A compiled, accepted ruleset of one version; immutable, used by one operator instance. */
public interface RulesetEvaluator {
  String version();

  /** Number of enabled rules, for logs and status reports. */
  int enabledRules();

  /** Emits one alert per matching rule (per the rule_matching setting), tagged with {@link #version()}. */
  void evaluate(Event event, Collector<Alert> out);
}
