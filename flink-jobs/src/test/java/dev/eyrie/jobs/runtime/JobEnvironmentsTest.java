package dev.eyrie.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;

import java.time.Duration;
import java.util.Map;

import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Who decides parallelism and checkpointing. On a cluster the job gets a StreamContextEnvironment carrying the
 * cluster's configuration (what the Flink operator renders from a FlinkDeployment); it is built here the same
 * way, with no cluster behind it, since nothing is executed.
 */
class JobEnvironmentsTest {

  private static StreamExecutionEnvironment cluster(Map<String, String> flinkConfiguration) {
    Configuration conf = Configuration.fromMap(flinkConfiguration);
    return new StreamContextEnvironment(new DefaultExecutorServiceLoader(), conf,
        JobEnvironmentsTest.class.getClassLoader(), true, true);
  }

  private static final Map<String, String> OPERATOR = Map.of(
      "parallelism.default", "3",
      "execution.checkpointing.interval", "30s",
      "execution.checkpointing.timeout", "7min");

  private static JobConfig config(Map<String, String> settings) {
    return ConfigLoader.load(null, settings, "job");
  }

  @Test
  void onAClusterTheDeploymentsValuesWinUnlessTheJobNamesItsOwn() {
    StreamExecutionEnvironment env = cluster(OPERATOR);
    JobEnvironments.configure(env, config(Map.of()));
    assertEquals(3, env.getParallelism());
    assertEquals(30_000, env.getCheckpointInterval());
    assertEquals(Duration.ofMinutes(7).toMillis(), env.getCheckpointConfig().getCheckpointTimeout());

    env = cluster(OPERATOR);
    JobEnvironments.configure(env, config(Map.of("job.parallelism", "2", "checkpoints.interval", "5s")));
    assertEquals(2, env.getParallelism());
    assertEquals(5_000, env.getCheckpointInterval());
    assertEquals(Duration.ofMinutes(7).toMillis(), env.getCheckpointConfig().getCheckpointTimeout(),
        "a job that names only its interval keeps the deployment's timeout");
  }

  @Test
  void theArchivesLongerIntervalIsADefaultNotAnOverride() {
    StreamExecutionEnvironment env = cluster(OPERATOR);
    ArchiveConfig cfg = ArchiveConfig.load(null, Map.of(), "eyrie-archive");
    JobEnvironments.configure(env, cfg.job());
    assertEquals(30_000, env.getCheckpointInterval());

    env = cluster(Map.of("parallelism.default", "3"));
    JobEnvironments.configure(env, cfg.job());
    assertEquals(60_000, env.getCheckpointInterval(), "a cluster without checkpointing gets the archive's default");
    assertEquals(3, env.getParallelism());
  }

  @Test
  void aClusterThatDoesNotCheckpointGetsTheJobsDefaultsSoSinksStillCommit() {
    StreamExecutionEnvironment env = cluster(Map.of());
    JobEnvironments.configure(env, config(Map.of()));
    assertTrue(env.getCheckpointConfig().isCheckpointingEnabled());
    assertEquals(10_000, env.getCheckpointInterval());
    assertEquals(Duration.ofMinutes(5).toMillis(), env.getCheckpointConfig().getCheckpointTimeout());
  }

  @Test
  void embeddedTheJobsDefaultsApply() {
    StreamExecutionEnvironment env = JobEnvironments.create(config(Map.of()));
    assertEquals(1, env.getParallelism(), "not one subtask per core");
    assertEquals(10_000, env.getCheckpointInterval());

    env = JobEnvironments.create(config(Map.of("job.parallelism", "2", "checkpoints.interval", "500ms")));
    assertEquals(2, env.getParallelism());
    assertEquals(500, env.getCheckpointInterval());
  }
}
