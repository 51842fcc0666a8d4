package dev.eyrie.jobs.config;

import java.io.Serializable;

/**
 * How rules are applied. {@code matching} is Falco's {@code rule_matching}: FIRST stops at the first matching rule
 * of an event (Falco's default), ALL reports every matching rule. Events that arrive before any ruleset is active
 * are held (up to {@code pendingEventsLimit}, in checkpointed state) rather than silently passed unchecked.
 */
public record RulesSettings(Matching matching, int pendingEventsLimit) implements Serializable {

  public enum Matching { FIRST, ALL }

  static RulesSettings from(Settings s) {
    return new RulesSettings(
        s.enumValue("rules.matching", Matching.class, Matching.FIRST),
        s.integer("rules.pending-events-limit", 100_000));
  }
}
