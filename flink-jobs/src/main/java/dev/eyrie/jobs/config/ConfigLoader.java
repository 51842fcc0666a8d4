package dev.eyrie.jobs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds a job's settings from four layers, each overriding the one before: the job's own defaults, a YAML file
 * (nested maps become dotted keys) or .properties file, the {@code EYRIE_*} environment variables of
 * {@link EnvironmentKeys}, and the command line (flags, {@code --set key=value}). That is the precedence of
 * deploy/config-keys.md; deployments configure the jobs through the environment only.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static JobConfig load(Path file, Map<String, String> overrides, String defaultJobName) {
    return load(file, System.getenv(), overrides, defaultJobName);
  }

  static JobConfig load(Path file, Map<String, String> environment, Map<String, String> overrides,
      String defaultJobName) {
    return JobConfig.from(settings(Map.of(), file, environment, overrides), defaultJobName);
  }

  /**
   * The raw settings, for a job that reads keys of its own (e.g. {@code archive.*}) before handing the same
   * instance to {@link JobConfig#from}, which rejects keys nobody read.
   */
  public static Settings settings(Path file, Map<String, String> overrides) {
    return settings(Map.of(), file, System.getenv(), overrides);
  }

  /**
   * As {@link #settings(Path, Map)}, under job-specific {@code defaults} that do not count as given
   * ({@link Settings#isExplicit}): the archive's longer checkpoint interval must still yield to a deployment's.
   */
  public static Settings settings(Map<String, String> defaults, Path file, Map<String, String> overrides) {
    return settings(defaults, file, System.getenv(), overrides);
  }

  static Settings settings(Map<String, String> defaults, Path file, Map<String, String> environment,
      Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Settings.Source> sources = new HashMap<>();
    List<String> origin = new ArrayList<>();
    origin.add("defaults");
    defaults.forEach((k, v) -> put(values, sources, k, v, new Settings.Source(Settings.Layer.DEFAULTS, "defaults")));
    if (file != null) {
      Settings.Source fromFile = new Settings.Source(Settings.Layer.FILE, file.toString());
      read(file).forEach((k, v) -> put(values, sources, k, v, fromFile));
      origin.add(file.toString());
    }
    Map<String, EnvironmentKeys.Sourced> fromEnv = EnvironmentKeys.settingsFrom(environment);
    if (!fromEnv.isEmpty()) {
      // names only: some of these values are credentials
      origin.add("environment (" + fromEnv.values().stream().map(EnvironmentKeys.Sourced::variable)
          .collect(Collectors.joining(", ")) + ")");
      fromEnv.forEach((k, s) -> put(values, sources, k, s.value(),
          new Settings.Source(Settings.Layer.ENVIRONMENT, "environment variable " + s.variable())));
    }
    if (!overrides.isEmpty()) {
      Settings.Source cli = new Settings.Source(Settings.Layer.COMMAND_LINE, "command-line overrides");
      overrides.forEach((k, v) -> put(values, sources, k, v, cli));
      origin.add("command-line overrides");
    }
    return new Settings(values, String.join(" + ", origin), sources);
  }

  private static void put(Map<String, String> values, Map<String, Settings.Source> sources, String key,
      String value, Settings.Source source) {
    values.put(key, value);
    sources.put(key, source);
  }

  static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file not found: " + file.toAbsolutePath());
    }
    String name = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      if (name.endsWith(".properties")) {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
      }
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<String, String> out = new LinkedHashMap<>();
      if (doc == null) {
        return out;
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("config file " + file + " must be a YAML mapping at the top level");
      }
      flatten("", map, out);
      return out;
    } catch (YAMLException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading config file " + file, e);
    }
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      // `kafka: {properties: {security.protocol: SSL}}` and `security: {protocol: SSL}` both flatten to the same key
      if (v instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, out);
      } else if (v instanceof List<?> list) {
        out.put(key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
      } else if (v != null) {
        out.put(key, String.valueOf(v));
      }
    }
  }
}
