package dev.eyrie.jobs.archive;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.config.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The archive's settings next to the common job settings, from one file + overrides, unknown keys rejected. */
public record ArchiveConfig(JobConfig job, ArchiveSettings archive) {

  /**
   * {@code checkpoints.interval} defaults to 60s here (10s elsewhere): each checkpoint is an Iceberg commit
   * with new files per partition, and fewer, larger files read faster.
   */
  public static ArchiveConfig load(Path file, Map<String, String> overrides, String defaultJobName) {
    Map<String, String> o = new LinkedHashMap<>(overrides);
    if (ConfigLoader.settings(file, overrides).optional("checkpoints.interval") == null) {
      o.put("checkpoints.interval", "60s");
    }
    Settings s = ConfigLoader.settings(file, o);
    ArchiveSettings archive = ArchiveSettings.from(s);
    return new ArchiveConfig(JobConfig.from(s, defaultJobName), archive);
  }
}
