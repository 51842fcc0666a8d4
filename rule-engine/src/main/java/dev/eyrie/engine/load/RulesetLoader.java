package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads rules sources in order the way Falco's engine does: each source is read into one shared collector and,
 * if the read succeeded, everything collected so far is compiled again, giving one {@link SourceResult} per
 * source (so warnings about earlier sources' unused items can repeat, as in Falco). The last compile is the
 * ruleset; it is kept only when no source had errors and the plugin requirements are met.
 */
public final class RulesetLoader<C, O> {
  /** Eyrie's engine version: Falco engine 0.63.0 semantics (the official rules need 0.57.0). */
  public static final Semver ENGINE_VERSION = Semver.of(0, 63, 0);

  /** One rules source: a name (usually the path) and its content. */
  public record Source(String name, String content) {}

  /**
   * Everything a load produced. {@code rules}, {@code lists} and {@code macros} come from the last successful
   * compile and are empty unless {@link #successful()}.
   */
  public record Outcome<C, O>(
      List<SourceResult> results,
      List<CompiledRule<C, O>> rules,
      Map<String, List<String>> lists,
      Map<String, Expr> macros,
      String pluginError,
      Semver requiredEngineVersion,
      List<CompiledSequence<C, O>> sequences) {

    public boolean successful() {
      return pluginError == null && results.stream().allMatch(SourceResult::successful);
    }
  }

  private final CompileBackend<C, O> backend;
  private final Semver engineVersion;
  private final Map<String, String> providedPlugins;
  private final Map<String, ItemReader.ItemHandler> extraItems = new java.util.LinkedHashMap<>();

  /**
   * @param providedPlugins plugin name → version Eyrie provides natively, checked against
   *     {@code required_plugin_versions}
   */
  public RulesetLoader(CompileBackend<C, O> backend, Semver engineVersion, Map<String, String> providedPlugins) {
    this.backend = backend;
    this.engineVersion = engineVersion;
    this.providedPlugins = Map.copyOf(providedPlugins);
    registerItem("sequence", SequenceReader::read);
  }

  public Outcome<C, O> load(List<Source> sources) {
    Map<String, String> contents = new HashMap<>();
    for (Source s : sources) {
      contents.putIfAbsent(s.name(), s.content());
    }
    Function<String, String> lookup = contents::get;
    Collector collector = new Collector(backend.sources(), backend::isValidLhsField, engineVersion);
    List<SourceResult> results = new ArrayList<>();
    RuleCompiler.Output<C, O> last = null;
    boolean allOk = true;
    for (Source s : sources) {
      SourceResult res = new SourceResult(s.name(), lookup);
      ItemReader reader = new ItemReader(collector, res);
      extraItems.forEach(reader::register);
      if (reader.read(s.name(), s.content())) {
        last = new RuleCompiler<>(backend, collector, res).compile();
      }
      allOk &= res.successful();
      results.add(res);
    }
    String pluginError = allOk ? checkPlugins(collector) : null;
    if (!allOk || pluginError != null || last == null) {
      return new Outcome<>(results, List.of(), Map.of(), Map.of(), pluginError, collector.requiredEngineVersion,
          List.of());
    }
    return new Outcome<>(results, last.rules(), last.lists(), last.macros(), null, collector.requiredEngineVersion,
        last.sequences());
  }

  /** Falco's check: the first alternative naming a provided plugin decides; none → "must load one of". */
  private String checkPlugins(Collector collector) {
    for (Collector.PluginRequirement req : collector.pluginRequirements) {
      String err = null;
      boolean ok = false;
      search:
      for (String[] alt : req.alternatives()) {
        String provided = providedPlugins.get(alt[0]);
        if (provided == null) {
          continue;
        }
        Semver pv = Semver.parse(provided);
        if (!pv.valid()) {
          err = "Plugin '" + alt[0] + "' has invalid version string '" + provided + "'";
        } else if (!pv.compatibleWith(Semver.parse(alt[1]))) {
          err = "Plugin '" + alt[0] + "' version '" + provided + "' is not compatible with required plugin version '"
              + alt[1] + "'";
        } else {
          ok = true;
        }
        break search;
      }
      if (!ok) {
        if (err == null) {
          StringBuilder sb = new StringBuilder();
          for (String[] alt : req.alternatives()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(alt[0]).append(" (>= ").append(alt[1]).append(')');
          }
          err = "Plugin requirement not satisfied, must load one of: " + sb;
        }
        return err;
      }
    }
    return null;
  }

  /** Adds an item kind (e.g. {@code sequence}) read after the built-in ones. */
  RulesetLoader<C, O> registerItem(String key, ItemReader.ItemHandler handler) {
    extraItems.put(key, handler);
    return this;
  }
}
