package dev.eyrie.engine;

import dev.eyrie.engine.load.RulesetLoader;
import java.util.ArrayList;
import java.util.List;

/** Loads Falco rules files (in order: later files may redefine, append to or override earlier items). */
public final class RulesLoader {
  private RulesLoader() {}

  public static LoadResult load(List<RulesSource> sources) {
    return load(sources, LoadOptions.defaults());
  }

  public static LoadResult load(List<RulesSource> sources, LoadOptions options) {
    List<RulesetLoader.Source> srcs = new ArrayList<>(sources.size());
    for (RulesSource s : sources) {
      srcs.add(new RulesetLoader.Source(s.name(), s.content()));
    }
    return new LoadResult(
        new RulesetLoader<>(new EngineBackend(), options.engineVersion(), options.providedPlugins()).load(srcs));
  }
}
