package dev.eyrie.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.LoadedRule;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official Falco rules load unchanged, each alone and all three in order, with no errors and exactly the
 * warnings Falco's loader gives for them: none (no unused macros or lists, no deprecated fields, every rule
 * restricted to a few event types).
 */
class OfficialRulesTest {
  private static final Path DIR = Path.of("../../shared/falco-rules");
  private static final String STABLE = "falco_rules.yaml";
  private static final String INCUBATING = "falco-incubating_rules.yaml";
  private static final String SANDBOX = "falco-sandbox_rules.yaml";

  private static LoadResult load(String... files) throws IOException {
    List<RulesSource> sources = new ArrayList<>();
    for (String f : files) {
      Path p = DIR.resolve(f);
      assertTrue(Files.isRegularFile(p), "missing official rules file " + p.toAbsolutePath());
      sources.add(RulesSource.of(p));
    }
    return RulesLoader.load(sources);
  }

  private static void assertClean(LoadResult r, int expectedRules) {
    assertTrue(r.successful(), r::toText);
    assertEquals(List.of(), r.errors(), r::toText);
    assertEquals(List.of(), Loads.warningCodes(r), r::toText);
    assertEquals(expectedRules, r.rules().size());
    assertEquals("0.57.0", r.requiredEngineVersion().toString());
    assertNotNull(r.ruleset());
  }

  @Test
  void stableAlone() throws IOException {
    assertClean(load(STABLE), 25);
  }

  @Test
  void incubatingAlone() throws IOException {
    assertClean(load(INCUBATING), 31);
  }

  @Test
  void sandboxAlone() throws IOException {
    LoadResult r = load(SANDBOX);
    assertClean(r, 37);
    assertEquals(12, r.rules().stream().filter(x -> !x.enabled()).count());
  }

  @Test
  void allThreeInOrder() throws IOException {
    LoadResult r = load(STABLE, INCUBATING, SANDBOX);
    assertClean(r, 93);
    assertEquals(3, r.results().size());
    for (SourceResult s : r.results()) {
      assertTrue(s.successful());
      assertEquals(List.of(), s.warnings());
    }
    // Load order is evaluation order; every rule is restricted to event types.
    List<LoadedRule> rules = r.rules();
    for (int i = 1; i < rules.size(); i++) {
      assertTrue(rules.get(i - 1).index() < rules.get(i).index());
    }
    assertEquals("Directory traversal monitored file read", rules.get(0).name());
    for (LoadedRule rule : rules) {
      assertTrue(rule.compiled().eventTypes().size() <= 100, rule.name());
      assertTrue(rule.conditionText().contains("evt.type"), rule.name());
      assertEquals("syscall", rule.source());
    }
    String text = r.toText();
    assertEquals(DIR.resolve(STABLE) + ": Ok\n" + DIR.resolve(INCUBATING) + ": Ok\n" + DIR.resolve(SANDBOX) + ": Ok",
        text);
  }
}
