package dev.eyrie.engine.runtime;

import dev.eyrie.engine.Priority;

/**
 * Evaluation options. {@code minPriority}: rules less severe than this are not evaluated (falco.yaml
 * {@code priority}); null keeps all.
 */
public record RulesetOptions(RuleMatching matching, Priority minPriority) {
  /** Falco's defaults: first match, all priorities. */
  public static final RulesetOptions DEFAULT = new RulesetOptions(RuleMatching.FIRST, null);

  public RulesetOptions {
    if (matching == null) {
      throw new IllegalArgumentException("matching must not be null");
    }
  }
}
