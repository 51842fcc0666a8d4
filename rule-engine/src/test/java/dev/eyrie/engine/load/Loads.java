package dev.eyrie.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Loads YAML texts (named rules1.yaml, rules2.yaml, ...) through the real loader and compilers. */
final class Loads {
  private Loads() {}

  static LoadResult load(String... yamls) {
    List<RulesSource> sources = new ArrayList<>();
    for (int i = 0; i < yamls.length; i++) {
      sources.add(RulesSource.of("rules" + (i + 1) + ".yaml", yamls[i]));
    }
    return RulesLoader.load(sources);
  }

  /** A rule item with the four required keys. */
  static String rule(String name, String condition) {
    return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: o %proc.name\n"
        + "  priority: INFO\n";
  }

  static List<String> codes(List<LoadMessage> messages) {
    return messages.stream().map(m -> m.code().name()).collect(Collectors.toList());
  }

  static LoadMessage singleError(LoadResult r) {
    assertEquals(1, r.errors().size(), r::toText);
    assertTrue(!r.successful());
    return r.errors().get(0);
  }

  static void assertError(LoadResult r, LoadCode code, String message) {
    LoadMessage e = singleError(r);
    assertEquals(code, e.code(), r::toText);
    assertEquals(message, e.message(), r::toText);
  }

  static LoadedRule rule(LoadResult r, String name) {
    assertTrue(r.successful(), r::toText);
    return r.rules().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + name + "\n" + r.toText()));
  }

  static String condition(LoadResult r, String name) {
    return rule(r, name).conditionText();
  }

  static List<String> warningCodes(LoadResult r) {
    return codes(r.warnings());
  }
}
