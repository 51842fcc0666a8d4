package dev.eyrie.jobs.runtime;

import dev.eyrie.jobs.config.CheckpointSettings;
import dev.eyrie.jobs.config.JobConfig;

import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One way to get an execution environment for every job: under {@code flink run} or a deployment (application
 * mode) it is the cluster's, in a plain JVM (the {@code eyrie detect} command, tests) an embedded MiniCluster —
 * same job code either way.
 *
 * <p>On a cluster the deployment owns parallelism and checkpointing (FlinkDeployment {@code job.parallelism},
 * {@code execution.checkpointing.*}; deploy/config-keys.md), so the job overrides them only when its own settings
 * name them. Embedded, nobody else configures them, so the job's defaults apply.
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
    configure(env, cfg);
    // Operators here never keep a reference to an input record beyond the call that received it (DetectFunction
    // copies what it buffers), so chained operators can pass records without a defensive deep copy each.
    env.getConfig().enableObjectReuse();
    return env;
  }

  /** Parallelism and checkpointing: the job's explicit settings, else the cluster's, else the job's defaults. */
  static void configure(StreamExecutionEnvironment env, JobConfig cfg) {
    // flink run and application mode both hand the job a StreamContextEnvironment carrying the cluster's
    // configuration; anything else (local or test MiniCluster) has no deployment whose values could win.
    boolean onCluster = env instanceof StreamContextEnvironment;
    if (cfg.parallelismExplicit() || !onCluster) {
      env.setParallelism(cfg.parallelism());
    }
    CheckpointSettings cp = cfg.checkpoints();
    CheckpointConfig checkpoints = env.getCheckpointConfig();
    // Without checkpoints the transactional Kafka sink and the Iceberg committer never commit, so an environment
    // that does not checkpoint at all (embedded, or a bare session cluster) gets the job's defaults rather than
    // a job that runs and silently publishes nothing.
    boolean nobodyCheckpoints = !checkpoints.isCheckpointingEnabled();
    if (cp.intervalExplicit() || nobodyCheckpoints) {
      env.enableCheckpointing(cp.interval().toMillis());
    }
    if (cp.timeoutExplicit() || nobodyCheckpoints) {
      checkpoints.setCheckpointTimeout(cp.timeout().toMillis());
    }
    if (cp.minPauseExplicit() || nobodyCheckpoints) {
      checkpoints.setMinPauseBetweenCheckpoints(cp.minPause().toMillis());
    }
  }
}
