package dev.eyrie.jobs.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome of loading and compiling a ruleset: an evaluator when accepted, otherwise the Falco-style errors.
 * Warnings are reported either way.
 */
public record Compilation(RulesetEvaluator evaluator, String message, JsonNode errors, JsonNode warnings) {
  public boolean accepted() {
    return evaluator != null;
  }
}
