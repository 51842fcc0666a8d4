package dev.eyrie.engine.runtime;

import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.Priority;
import dev.eyrie.schema.Event;
import java.util.Map;
import java.util.Set;

/**
 * One rule matching one event, with the output already resolved (so a Match stays valid after the evaluation
 * context moves on to the next event). {@code outputFields} is insertion-ordered; values are String, Long,
 * Boolean or null (Falco's {@code <NA>}).
 */
public record Match(LoadedRule rule, Event event, String output, Map<String, Object> outputFields) {
  public String ruleName() {
    return rule.name();
  }

  public Priority priority() {
    return rule.priority();
  }

  public Set<String> tags() {
    return rule.tags();
  }

  public String source() {
    return rule.source();
  }
}
