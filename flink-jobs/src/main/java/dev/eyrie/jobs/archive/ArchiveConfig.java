package dev.eyrie.jobs.archive;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.config.Settings;

import java.nio.file.Path;
import java.util.Map;

/** The archive's settings next to the common job settings, from one file + overrides, unknown keys rejected. */
public record ArchiveConfig(JobConfig job, ArchiveSettings archive) {

  /**
   * {@code checkpoints.interval} defaults to 60s here (10s elsewhere): each checkpoint is an Iceberg commit
   * with new files per partition, and fewer, larger files read faster. A default, not a setting: on a cluster the
   * deployment's {@code execution.checkpointing.interval} still wins unless the job's own settings name one.
   */
  public static ArchiveConfig load(Path file, Map<String, String> overrides, String defaultJobName) {
    Settings s = ConfigLoader.settings(Map.of("checkpoints.interval", "60s"), file, overrides);
    ArchiveSettings archive = ArchiveSettings.from(s);
    return new ArchiveConfig(JobConfig.from(s, defaultJobName), archive);
  }
}
