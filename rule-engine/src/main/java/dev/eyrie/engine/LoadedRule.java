package dev.eyrie.engine;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.compile.CompiledCondition;
import dev.eyrie.engine.output.CompiledOutput;
import java.util.Set;

/**
 * A rule as the loader hands it to the runtime: lists substituted, exceptions appended, macros expanded and both
 * condition and output compiled. {@code index} is the evaluation position (a redefined rule keeps the position of
 * its first definition). {@code conditionText} is the compiled condition in Falco's canonical text form.
 */
public record LoadedRule(
    int index,
    String name,
    String desc,
    Expr condition,
    String conditionText,
    String output,
    Priority priority,
    String source,
    Set<String> tags,
    boolean enabled,
    boolean capture,
    long captureDuration,
    CompiledCondition compiled,
    CompiledOutput compiledOutput) {

  public LoadedRule {
    tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tags));
  }
}
