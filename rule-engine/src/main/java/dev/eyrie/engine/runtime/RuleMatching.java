package dev.eyrie.engine.runtime;

/** falco.yaml {@code rule_matching}: stop at the first matching rule (Falco's default) or emit every match. */
public enum RuleMatching {
  FIRST,
  ALL
}
