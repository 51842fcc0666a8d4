package dev.eyrie.engine;

import dev.eyrie.engine.compile.CompiledCondition;
import dev.eyrie.engine.load.CompiledRule;
import dev.eyrie.engine.load.LoadMessage;
import dev.eyrie.engine.load.RulesetLoader;
import dev.eyrie.engine.load.Semver;
import dev.eyrie.engine.load.SourceResult;
import dev.eyrie.engine.output.CompiledOutput;
import dev.eyrie.engine.sequence.SequenceDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of loading rules sources: one Falco-style result per source (errors and warnings with codes,
 * item, position and snippet), and, when everything loaded, the compiled ruleset.
 */
public final class LoadResult {
  private final RulesetLoader.Outcome<CompiledCondition, CompiledOutput> outcome;
  private final List<LoadedRule> rules;
  private final List<SequenceDef> sequences;
  private volatile CompiledRuleset ruleset;

  LoadResult(RulesetLoader.Outcome<CompiledCondition, CompiledOutput> outcome) {
    this.outcome = outcome;
    List<LoadedRule> rs = new ArrayList<>();
    for (CompiledRule<CompiledCondition, CompiledOutput> r : outcome.rules()) {
      rs.add(new LoadedRule(r.index(), r.name(), r.desc(), r.condition(), r.conditionText(), r.output(),
          r.priority(), r.source(), r.tags(), r.enabled(), r.capture(), r.captureDuration(),
          r.compiledCondition(), r.compiledOutput()));
    }
    this.rules = List.copyOf(rs);
    this.sequences = outcome.sequences().stream().map(SequenceDef::of).toList();
  }

  /** No errors in any source and all plugin requirements met. */
  public boolean successful() {
    return outcome.successful();
  }

  /** Per-source results, in load order. */
  public List<SourceResult> results() {
    return outcome.results();
  }

  public List<LoadMessage> errors() {
    List<LoadMessage> out = new ArrayList<>();
    outcome.results().forEach(r -> out.addAll(r.errors()));
    return out;
  }

  /** All warnings of all per-source results (a warning about an earlier source can repeat, as in Falco). */
  public List<LoadMessage> warnings() {
    List<LoadMessage> out = new ArrayList<>();
    outcome.results().forEach(r -> out.addAll(r.warnings()));
    return out;
  }

  /** Falco's fatal plugin-requirement error ("Plugin requirement not satisfied, ..."), or null. */
  public String pluginError() {
    return outcome.pluginError();
  }

  /** The highest required_engine_version seen. */
  public Semver requiredEngineVersion() {
    return outcome.requiredEngineVersion();
  }

  /** The loaded rules in evaluation order (empty unless successful). */
  public List<LoadedRule> rules() {
    return rules;
  }

  /** The sequence rules (issue E) in definition order, enabled or not (empty unless successful). */
  public List<SequenceDef> sequences() {
    return sequences;
  }

  /** The compiled ruleset; null unless {@link #successful()}. */
  public CompiledRuleset ruleset() {
    if (!successful()) {
      return null;
    }
    CompiledRuleset r = ruleset;
    if (r == null) {
      synchronized (this) {
        if (ruleset == null) {
          ruleset = CompiledRuleset.of(rules);
        }
        r = ruleset;
      }
    }
    return r;
  }

  /** Falco's verbose validation text for each source, then the fatal plugin error if any. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (SourceResult r : outcome.results()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(r.toText());
    }
    if (outcome.pluginError() != null) {
      sb.append(sb.length() > 0 ? "\n" : "").append("Error: ").append(outcome.pluginError());
    }
    return sb.toString();
  }

  /** {@code {"falco_load_results":[...]}} like {@code falco -V --json}; a plugin error adds "error". */
  public String toJson() {
    return SourceResult.toJson(outcome.results(), outcome.pluginError());
  }
}
