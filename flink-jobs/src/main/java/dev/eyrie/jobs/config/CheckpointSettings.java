package dev.eyrie.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Checkpointing and restarts. {@code dir} is a Flink file system URI (file:///..., s3://...); unset means
 * checkpoints live in the JobManager's memory, enough for the embedded MiniCluster but not for a cluster.
 * The {@code *Explicit} flags say which checkpoint values were given rather than defaulted: on a cluster the
 * deployment's {@code execution.checkpointing.*} configuration applies to the others.
 */
public record CheckpointSettings(
    Duration interval, String dir, Duration timeout, Duration minPause, int restartAttempts, Duration restartDelay,
    boolean intervalExplicit, boolean timeoutExplicit, boolean minPauseExplicit)
    implements Serializable {

  static CheckpointSettings from(Settings s) {
    return new CheckpointSettings(
        s.duration("checkpoints.interval", Duration.ofSeconds(10)),
        s.optional("checkpoints.dir"),
        s.duration("checkpoints.timeout", Duration.ofMinutes(5)),
        s.duration("checkpoints.min-pause", Duration.ZERO),
        s.integer("restart.attempts", 10),
        s.duration("restart.delay", Duration.ofSeconds(2)),
        s.isExplicit("checkpoints.interval"),
        s.isExplicit("checkpoints.timeout"),
        s.isExplicit("checkpoints.min-pause"));
  }
}
