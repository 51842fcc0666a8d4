package dev.eyrie.cli.replay;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.Priority;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import java.util.List;

/**
 * Falco's command-line rule selection, applied to a loaded ruleset in Falco's order:
 * <ul>
 *   <li>{@code -D S}: disable every rule whose name contains S (a full name is a substring of itself);</li>
 *   <li>{@code -T TAG}: disable every rule carrying TAG;</li>
 *   <li>{@code -t TAG}: disable all rules, then enable those carrying TAG, including rules the files load with
 *       {@code enabled: false}. Falco refuses {@code -t} together with {@code -D}/{@code -T}.</li>
 * </ul>
 * Each option may repeat; a rule matching any of the values is affected. Rules less severe than the minimum
 * priority are never evaluated, whatever the tags say (Falco drops them at load).
 */
record RuleSelection(List<String> enabledTags, List<String> disabledTags, List<String> disabledSubstrings,
    Priority minPriority, RuleMatching matching) {

  RuleSelection {
    enabledTags = List.copyOf(enabledTags);
    disabledTags = List.copyOf(disabledTags);
    disabledSubstrings = List.copyOf(disabledSubstrings);
    if (!enabledTags.isEmpty() && !(disabledTags.isEmpty() && disabledSubstrings.isEmpty())) {
      throw new IllegalArgumentException(
          "enabled tags (-t) cannot be combined with disabled rules or tags (-D/-T), as in Falco");
    }
  }

  CompiledRuleset apply(CompiledRuleset loaded) {
    CompiledRuleset r = loaded.withOptions(new RulesetOptions(matching, minPriority));
    for (String s : disabledSubstrings) {
      r = r.withRulesEnabledBySubstring(s, false);
    }
    if (!disabledTags.isEmpty()) {
      r = r.withRulesEnabledByTags(disabledTags, false);
    }
    if (!enabledTags.isEmpty()) {
      r = r.withRulesEnabledBySubstring("", false).withRulesEnabledByTags(enabledTags, true);
    }
    return r;
  }
}
