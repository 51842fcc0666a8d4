package dev.eyrie.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.testkit.RuleTestFile;
import dev.eyrie.engine.testkit.RuleTestRunner;

/**
 * Eyrie's default ruleset: it loads cleanly alone and next to Falco's official files, every rule test passes, and
 * every rule is covered by a case that must fire and by a near miss that must not.
 */
final class EyrieRulesTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  private static final Path RULES = MODULE.resolve("eyrie_rules.yaml");
  private static final Path TESTS = MODULE.resolve("tests");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  @Test
  void loadsAloneWithoutErrorsOrWarnings() throws IOException {
    LoadResult result = RulesLoader.load(List.of(RulesSource.of(RULES)));
    assertTrue(result.errors().isEmpty(), () -> "errors loading " + RULES + ":\n" + result.toText());
    assertTrue(result.warnings().isEmpty(), () -> "warnings loading " + RULES + ":\n" + result.toText());
    assertTrue(result.successful(), result::toText);
    assertFalse(result.rules().isEmpty(), "no rules loaded from " + RULES);
  }

  @Test
  void everyRuleIsDocumentedAndCarriesMitreTags() throws IOException {
    List<String> problems = new ArrayList<>();
    for (LoadedRule r : eyrieRules()) {
      if (r.desc() == null || r.desc().isBlank()) {
        problems.add(r.name() + ": no desc");
      }
      if (r.tags().stream().noneMatch(t -> TECHNIQUE.matcher(t).matches())) {
        problems.add(r.name() + ": no MITRE ATT&CK technique tag (T####) in " + r.tags());
      }
      if (r.tags().stream().noneMatch(t -> t.startsWith("mitre_"))) {
        problems.add(r.name() + ": no MITRE tactic tag (mitre_*) in " + r.tags());
      }
      if (r.compiled().matchesAnyType()) {
        problems.add(r.name() + ": condition does not constrain evt.type");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleTestCasePasses() throws IOException {
    List<Path> files = testFiles();
    assertFalse(files.isEmpty(), "no *.test.yaml files in " + TESTS);
    RuleTestRunner runner = new RuleTestRunner();
    return files.stream().map(f -> DynamicTest.dynamicTest(MODULE.relativize(f).toString(), () -> {
      RuleTestRunner.FileResult result = runner.run(RuleTestFile.read(f));
      assertNotNull(result);
      if (result.loadErrors() != null) {
        fail("rules of " + f + " did not load:\n" + result.loadErrors());
      }
      assertFalse(result.cases().isEmpty(), f + " has no cases");
      List<String> failures = new ArrayList<>();
      for (RuleTestRunner.CaseResult c : result.cases()) {
        if (!c.passed()) {
          failures.add(c.location() + " '" + c.testCase().name() + "':\n    " + String.join("\n    ", c.problems()));
        }
      }
      assertTrue(failures.isEmpty(), () -> failures.size() + " failing case(s):\n" + String.join("\n", failures));
    }));
  }

  /**
   * Every rule (including the opt-in ones, in the test files that enable them) needs a case that expects it and
   * a near miss: a case with an event of a type the rule selects, run while the rule is active, that does not
   * expect it. Whether those cases pass is checked by {@link #everyRuleTestCasePasses()}.
   */
  @Test
  void everyRuleHasPositiveAndNearMissCases() throws IOException {
    Map<String, Set<String>> eventTypes = new LinkedHashMap<>();
    Set<String> enabledByDefault = new LinkedHashSet<>();
    for (LoadedRule r : eyrieRules()) {
      eventTypes.put(r.name(), r.compiled().eventTypes());
      if (r.enabled()) {
        enabledByDefault.add(r.name());
      }
    }
    Map<String, List<String>> positives = new LinkedHashMap<>();
    Map<String, List<String>> nearMisses = new LinkedHashMap<>();
    for (Path f : testFiles()) {
      RuleTestFile file = RuleTestFile.read(f);
      if (!file.rules().contains(RULES)) {
        continue;
      }
      List<RulesSource> sources = new ArrayList<>();
      for (Path p : file.rules()) {
        sources.add(RulesSource.of(p));
      }
      LoadResult loaded = RulesLoader.load(sources);
      assertTrue(loaded.successful(), () -> "rules of " + f + " did not load:\n" + loaded.toText());
      CompiledRuleset ruleset = loaded.ruleset();
      for (RuleTestFile.Case c : file.cases()) {
        String where = MODULE.relativize(f) + ":" + c.line();
        Set<String> expected = c.expect().stream().map(RuleTestFile.Expectation::rule).collect(Collectors.toSet());
        Set<String> types = c.events().stream().map(e -> String.valueOf(e.get("evt.type"))).collect(Collectors.toSet());
        for (Map.Entry<String, Set<String>> rule : eventTypes.entrySet()) {
          String name = rule.getKey();
          if (expected.contains(name)) {
            positives.computeIfAbsent(name, k -> new ArrayList<>()).add(where);
          } else if (ruleset.isEnabled(name) && types.stream().anyMatch(rule.getValue()::contains)) {
            nearMisses.computeIfAbsent(name, k -> new ArrayList<>()).add(where);
          }
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : eventTypes.keySet()) {
      if (!positives.containsKey(name)) {
        missing.add(name + ": no case expects it");
      }
      if (!nearMisses.containsKey(name)) {
        missing.add(name + ": no near-miss case (same event type, rule active, not expected)");
      }
    }
    assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    assertFalse(enabledByDefault.isEmpty());
  }

  @Test
  void loadsTogetherWithFalcoOfficialRules() throws IOException {
    Path official = officialRulesDir();
    List<Path> files = List.of(official.resolve("falco_rules.yaml"), official.resolve("falco-incubating_rules.yaml"),
        official.resolve("falco-sandbox_rules.yaml"), RULES);
    List<RulesSource> sources = new ArrayList<>();
    for (Path p : files) {
      assertTrue(Files.isRegularFile(p), "missing rules file " + p);
      sources.add(RulesSource.of(p));
    }
    LoadResult together = RulesLoader.load(sources);
    assertTrue(together.errors().isEmpty(), () -> "errors loading " + files + ":\n" + together.toText());
    assertTrue(together.successful(), together::toText);
    List<String> ours = together.warnings().stream().filter(w -> RULES.toString().equals(w.sourceName()))
        .map(w -> w.codeText() + " " + w.itemName() + ": " + w.message()).toList();
    assertTrue(ours.isEmpty(), () -> "warnings for " + RULES + " when loaded after Falco's files: " + ours);

    // Loading next to Falco's files must not change what any Eyrie rule means.
    Map<String, String> alone = new LinkedHashMap<>();
    for (LoadedRule r : eyrieRules()) {
      alone.put(r.name(), r.conditionText());
    }
    Map<String, String> combined = new LinkedHashMap<>();
    for (LoadedRule r : together.rules()) {
      if (alone.containsKey(r.name())) {
        combined.put(r.name(), r.conditionText());
      }
    }
    assertEquals(alone, combined, "Eyrie rules compile differently when loaded after Falco's files");
  }

  @Test
  void namesDoNotCollideWithFalcoOfficialRules() throws IOException {
    Path official = officialRulesDir();
    Map<String, Set<String>> falco = new LinkedHashMap<>();
    for (String f : List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml")) {
      Path p = official.resolve(f);
      assertTrue(Files.isRegularFile(p), "missing rules file " + p);
      itemNames(p).forEach((kind, names) -> falco.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(names));
    }
    List<String> clashes = new ArrayList<>();
    itemNames(RULES).forEach((kind, names) -> {
      for (String n : names) {
        if (falco.getOrDefault(kind, Set.of()).contains(n)) {
          clashes.add(kind + " '" + n + "'");
        }
        if (!kind.equals("rule") && !n.startsWith("eyrie_")) {
          clashes.add(kind + " '" + n + "' does not use the eyrie_ prefix");
        }
      }
    });
    assertTrue(clashes.isEmpty(), () -> "Eyrie items clash with Falco's: " + clashes);
  }

  private static List<LoadedRule> eyrieRules() throws IOException {
    LoadResult result = RulesLoader.load(List.of(RulesSource.of(RULES)));
    assertTrue(result.successful(), result::toText);
    return result.rules();
  }

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> s = Files.list(TESTS)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
    }
  }

  /**
   * The official rules are in the shared reference tree next to the project root; a missing tree is a broken
   * checkout and fails, it is not a skip. eyrie.root is the Maven reactor root, which is the module itself when
   * Maven is started inside rules/, so the module's parent is tried as well.
   */
  private static Path officialRulesDir() {
    List<Path> tried = new ArrayList<>();
    String root = System.getProperty("eyrie.root");
    for (Path base : root == null ? List.of(MODULE.getParent()) : List.of(Path.of(root), MODULE.getParent())) {
      Path dir = base.resolve("../shared/falco-rules").toAbsolutePath().normalize();
      if (Files.isDirectory(dir)) {
        return dir;
      }
      tried.add(dir);
    }
    return fail("Falco's official rules not found at any of " + tried);
  }

  /** list/macro/rule names per kind, read straight from the YAML. */
  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> itemNames(Path file) throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Object doc = new Yaml(new LoaderOptions()).load(Files.readString(file));
    for (Object item : (List<Object>) doc) {
      Map<String, Object> m = (Map<String, Object>) item;
      for (String kind : List.of("list", "macro", "rule")) {
        if (m.containsKey(kind)) {
          out.computeIfAbsent(kind, k -> new TreeSet<>()).add(String.valueOf(m.get(kind)));
        }
      }
    }
    return out;
  }
}
