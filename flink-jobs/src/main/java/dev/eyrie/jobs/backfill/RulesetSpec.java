package dev.eyrie.jobs.backfill;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import dev.eyrie.engine.sequence.SequenceDef;
import dev.eyrie.engine.sequence.StepMatcher;
import dev.eyrie.jobs.rules.RuleFile;
import dev.eyrie.jobs.rules.RulesetRecord;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A ruleset as shipped to the backfill's tasks: the rules files' text (compiled objects are not serializable and
 * every task compiles its own copy once), rule matching, and the optional {@code --rules-only} restriction.
 */
public record RulesetSpec(String version, List<RuleFile> files, RuleMatching matching, List<String> only)
    implements Serializable {

  public RulesetSpec {
    files = List.copyOf(files);
    only = only == null ? List.of() : List.copyOf(only);
  }

  public static RulesetSpec of(List<RuleFile> files, String version, RuleMatching matching, List<String> only) {
    return new RulesetSpec(version == null ? RulesetRecord.contentVersion(files) : version, files, matching, only);
  }

  /** The loaded ruleset; throws IllegalArgumentException with the loader's messages when it does not load. */
  public Loaded load() {
    List<RulesSource> sources = files.stream().map(f -> RulesSource.of(f.name(), f.content())).toList();
    LoadResult result = RulesLoader.load(sources);
    if (!result.successful()) {
      throw new IllegalArgumentException("ruleset " + version + " does not load:\n" + result.toText());
    }
    CompiledRuleset rules = result.ruleset().withOptions(new RulesetOptions(matching, null));
    List<SequenceDef> sequences = result.sequences().stream().filter(SequenceDef::enabled).toList();
    if (!only.isEmpty()) {
      Set<String> wanted = new LinkedHashSet<>(only);
      Set<String> known = new LinkedHashSet<>(rules.activeRuleNames());
      sequences.forEach(s -> known.add(s.name()));
      List<String> missing = wanted.stream().filter(n -> !known.contains(n)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("--rules-only names no enabled rule or sequence of ruleset " + version
            + ": " + missing);
      }
      CompiledRuleset restricted = rules.withRulesEnabledBySubstring("", false);
      for (String name : rules.activeRuleNames()) {
        if (wanted.contains(name)) {
          restricted = restricted.withRuleEnabled(name, true);
        }
      }
      rules = restricted;
      sequences = sequences.stream().filter(s -> wanted.contains(s.name())).toList();
    }
    return new Loaded(rules, StepMatcher.of(new ArrayList<>(sequences)));
  }

  public record Loaded(CompiledRuleset rules, StepMatcher sequences) {}
}
