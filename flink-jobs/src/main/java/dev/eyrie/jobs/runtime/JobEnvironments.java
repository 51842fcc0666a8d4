package dev.eyrie.jobs.runtime;

import dev.eyrie.jobs.config.CheckpointSettings;
import dev.eyrie.jobs.config.JobConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One way to get an execution environment for every job: under {@code flink run} it is the cluster's, in a plain
 * JVM (the {@code eyrie detect} command, tests) an embedded MiniCluster — same job code either way.
 */
public final class JobEnvironments {
  private JobEnvironments() {}

  public static StreamExecutionEnvironment create(JobConfig cfg) {
    CheckpointSettings cp = cfg.checkpoints();
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, cp.restartAttempts());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, cp.restartDelay());
    if (cp.dir() != null) {
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cp.dir());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(cfg.parallelism());
    env.enableCheckpointing(cp.interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setCheckpointTimeout(cp.timeout().toMillis());
    env.getCheckpointConfig().setMinPauseBetweenCheckpoints(cp.minPause().toMillis());
    // Operators here never keep a reference to an input record beyond the call that received it (DetectFunction
    // copies what it buffers), so chained operators can pass records without a defensive deep copy each.
    env.getConfig().enableObjectReuse();
    return env;
  }
}
