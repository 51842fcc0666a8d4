package dev.eyrie.jobs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Loads settings from a YAML file (nested maps become dotted keys) or a .properties file, then applies overrides
 * (flags, {@code --set key=value}) on top.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static JobConfig load(Path file, Map<String, String> overrides, String defaultJobName) {
    return JobConfig.from(settings(file, overrides), defaultJobName);
  }

  /**
   * The raw settings, for a job that reads keys of its own (e.g. {@code archive.*}) before handing the same
   * instance to {@link JobConfig#from}, which rejects keys nobody read.
   */
  public static Settings settings(Path file, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    String origin = "defaults";
    if (file != null) {
      values.putAll(read(file));
      origin = file.toString();
    }
    if (!overrides.isEmpty()) {
      values.putAll(overrides);
      origin = origin + " + command-line overrides";
    }
    return new Settings(values, origin);
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
