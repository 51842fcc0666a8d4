package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.Loads.assertError;
import static dev.eyrie.engine.load.Loads.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadOptions;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void engineVersionIsFalco063() {
    assertEquals("0.63.0", RulesetLoader.ENGINE_VERSION.toString());
  }

  @Test
  void semverAndLegacyIntegerVersions() {
    assertTrue(load("- required_engine_version: 0.57.0\n").successful());
    assertTrue(load("- required_engine_version: \"0.63.0\"\n").successful());
    LoadResult legacy = load("- required_engine_version: 10\n", "- required_engine_version: 0.26.1\n");
    assertTrue(legacy.successful(), legacy::toText);
    assertEquals("0.26.1", legacy.requiredEngineVersion().toString());
    assertEquals("0.10.0", load("- required_engine_version: 10\n").requiredEngineVersion().toString());
  }

  @Test
  void newerOrOtherMajorVersionsAreRejected() {
    assertError(load("- required_engine_version: 0.64.0\n"), LoadCode.LOAD_ERR_VALIDATE,
        "Rules require engine version 0.64.0, but engine version is 0.63.0");
    assertError(load("- required_engine_version: 64\n"), LoadCode.LOAD_ERR_VALIDATE,
        "Rules require engine version 0.64.0, but engine version is 0.63.0");
    assertError(load("- required_engine_version: 1.0.0\n"), LoadCode.LOAD_ERR_VALIDATE,
        "Rules require engine version 1.0.0, but engine version is 0.63.0");
  }

  @Test
  void invalidVersionStrings() {
    assertError(load("- required_engine_version: seven\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Unable to parse engine version 'seven' as a semver string. Expected \"x.y.z\" semver format.");
    assertError(load("- required_engine_version: 0.57\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Unable to parse engine version '0.57' as a semver string. Expected \"x.y.z\" semver format.");
    assertError(load("- required_engine_version:\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Mapping for key 'required_engine_version' is empty");
  }

  @Test
  void semverParsingIsSscanfLike() {
    assertEquals("1.2.3", Semver.parse("1.2.3-rc1").toString());
    assertTrue(Semver.parse(" 1.2.3").valid());
    assertFalse(Semver.parse("1.2").valid());
    assertTrue(Semver.of(0, 63, 0).compatibleWith(Semver.of(0, 57, 0)));
    assertFalse(Semver.of(0, 63, 0).compatibleWith(Semver.of(0, 63, 1)));
    assertFalse(Semver.of(1, 0, 0).compatibleWith(Semver.of(0, 1, 0)));
  }

  private static final String CONTAINER_REQ = """
      - required_plugin_versions:
        - name: container
          version: 0.4.0
      """;

  @Test
  void containerPluginRequirementIsSatisfiedNatively() {
    LoadResult r = load(CONTAINER_REQ);
    assertTrue(r.successful(), r::toText);
    assertNull(r.pluginError());
  }

  @Test
  void unknownPluginIsAFatalError() {
    LoadResult r = load("""
        - required_plugin_versions:
          - name: k8saudit
            version: 0.7.0
            alternatives:
              - name: k8saudit-eks
                version: 0.4.0
        """);
    assertFalse(r.successful());
    assertEquals(List.of(), r.errors());
    assertEquals("Plugin requirement not satisfied, must load one of: k8saudit (>= 0.7.0), k8saudit-eks (>= 0.4.0)",
        r.pluginError());
    assertNull(r.ruleset());
    assertTrue(r.toText().endsWith("\nError: " + r.pluginError()), r.toText());
  }

  @Test
  void alternativesAndIncompatibleVersions() {
    LoadResult viaAlternative = load("""
        - required_plugin_versions:
          - name: something
            version: 1.0.0
            alternatives:
              - name: container
                version: 0.1.0
        """);
    assertTrue(viaAlternative.successful(), viaAlternative::toText);
    LoadResult tooNew = load("- required_plugin_versions:\n  - name: container\n    version: 0.9.0\n");
    assertEquals("Plugin 'container' version '0.6.0' is not compatible with required plugin version '0.9.0'",
        tooNew.pluginError());
    LoadResult custom = RulesLoader.load(List.of(RulesSource.of("a.yaml", CONTAINER_REQ)),
        LoadOptions.defaults().withProvidedPlugins(Map.of()));
    assertEquals("Plugin requirement not satisfied, must load one of: container (>= 0.4.0)", custom.pluginError());
  }

  @Test
  void requirementEntriesAreValidated() {
    assertError(load("- required_plugin_versions:\n  - name: x\n    version: latest\n"),
        LoadCode.LOAD_ERR_VALIDATE, "Invalid required version 'latest' for plugin 'x'");
    assertError(load("- required_plugin_versions:\n  - name: x\n    version: 1.0.0\n    alternatives:\n"
        + "      - name: x\n        version: 2.0.0\n"), LoadCode.LOAD_ERR_VALIDATE,
        "Defined multiple alternative version requirements for plugin 'x'");
    assertError(load("- required_plugin_versions: container\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Value of required_plugin_versions must be a sequence");
    assertError(load("- required_plugin_versions:\n  - name: x\n"), LoadCode.LOAD_ERR_YAML_VALIDATE,
        "Item has no mapping for key 'version'");
  }
}
