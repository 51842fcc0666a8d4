package dev.eyrie.engine;

import dev.eyrie.engine.load.RulesetLoader;
import dev.eyrie.engine.load.Semver;
import java.util.Map;

/**
 * How to load rules. {@code engineVersion} is what {@code required_engine_version} is checked against;
 * {@code providedPlugins} (name → version) is what {@code required_plugin_versions} is checked against —
 * Eyrie implements the container plugin's {@code container.*}/{@code k8s.*} fields natively.
 */
public record LoadOptions(Semver engineVersion, Map<String, String> providedPlugins) {
  /** The container plugin version whose fields Eyrie provides. */
  public static final String CONTAINER_PLUGIN_VERSION = "0.6.0";

  public LoadOptions {
    providedPlugins = Map.copyOf(providedPlugins);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(RulesetLoader.ENGINE_VERSION, Map.of("container", CONTAINER_PLUGIN_VERSION));
  }

  public LoadOptions withEngineVersion(Semver version) {
    return new LoadOptions(version, providedPlugins);
  }

  public LoadOptions withProvidedPlugins(Map<String, String> plugins) {
    return new LoadOptions(engineVersion, plugins);
  }
}
