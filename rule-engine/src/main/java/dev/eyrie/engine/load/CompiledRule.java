package dev.eyrie.engine.load;

import dev.eyrie.engine.Priority;
import dev.eyrie.engine.ast.Expr;
import java.util.List;
import java.util.Set;

/**
 * A rule after compilation, in evaluation order ({@code index} is its definition position). {@code condition}
 * is macro-expanded with exceptions appended; {@code conditionText} is its canonical Falco text. Tags are
 * sorted (Falco keeps them in a std::set).
 */
public record CompiledRule<C, O>(
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
    List<String> exceptionFields,
    C compiledCondition,
    O compiledOutput) {}
