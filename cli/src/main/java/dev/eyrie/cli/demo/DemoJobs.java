package dev.eyrie.cli.demo;

import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.JobEnvironments;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The demo's Flink jobs on one embedded MiniCluster: each job is built by its own code (the same as under {@code
 * flink run}) into a job graph and submitted to this cluster, so they share one JVM-local cluster and one REST
 * endpoint, and are cancelled one by one at the end.
 */
final class DemoJobs implements AutoCloseable {
  private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);

  private final MiniCluster cluster;
  private final Map<String, JobID> jobs = new LinkedHashMap<>();
  private final Map<String, String> groupIds = new LinkedHashMap<>();

  private DemoJobs(MiniCluster cluster) {
    this.cluster = cluster;
  }

  /** One TaskManager with a slot per job (each job runs at parallelism 1, its operators share a slot). */
  static DemoJobs start(int slots) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .withRandomPorts()
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(slots)
        .build());
    cluster.start();
    return new DemoJobs(cluster);
  }

  /** Builds a job with {@code build} on an environment configured from {@code cfg} and submits it. */
  JobID submit(JobConfig cfg, BiConsumer<StreamExecutionEnvironment, JobConfig> build)
      throws InterruptedException, ExecutionException, TimeoutException {
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    build.accept(env, cfg);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(cfg.jobName());
    JobGraph jobGraph = graph.getJobGraph(Thread.currentThread().getContextClassLoader());
    JobID id = cluster.submitJob(jobGraph).get(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getJobID();
    jobs.put(cfg.jobName(), id);
    groupIds.put(cfg.jobName(), cfg.kafka().groupId());
    return id;
  }

  /** The REST endpoint (job list at /jobs/overview). */
  URI restAddress() throws InterruptedException, ExecutionException {
    return cluster.getRestAddress().get();
  }

  /**
   * Waits until every task of every job runs (sources reading), or throws naming the job that failed or did not
   * get there within {@code timeout}.
   */
  void awaitRunning(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, JobID> job : jobs.entrySet()) {
      while (true) {
        AccessExecutionGraph g = cluster.getExecutionGraph(job.getValue()).get(30, TimeUnit.SECONDS);
        if (g.getState().isGloballyTerminalState() || g.getState() == JobStatus.FAILING) {
          throw new IllegalStateException("Flink job " + job.getKey() + " is " + g.getState() + failureOf(g));
        }
        if (g.getState() == JobStatus.RUNNING && allTasksRunning(g)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Flink job " + job.getKey() + " not running after " + timeout.toSeconds()
              + " s (state " + g.getState() + ")" + failureOf(g));
        }
        Thread.sleep(200);
      }
    }
  }

  private static boolean allTasksRunning(AccessExecutionGraph g) {
    for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
      if (v.getExecutionState() != ExecutionState.RUNNING) {
        return false;
      }
    }
    return true;
  }

  private static String failureOf(AccessExecutionGraph g) {
    return g.getFailureInfo() == null ? "" : ": " + g.getFailureInfo().getExceptionAsString().lines().findFirst().orElse("");
  }

  /** Jobs that ended although nobody cancelled them (failed after exhausting restarts), with the reason. */
  List<String> ended() throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JobID> job : jobs.entrySet()) {
      try {
        AccessExecutionGraph g = cluster.getExecutionGraph(job.getValue()).get(30, TimeUnit.SECONDS);
        if (g.getState().isGloballyTerminalState()) {
          out.add(job.getKey() + " " + g.getState() + failureOf(g));
        }
      } catch (ExecutionException | TimeoutException e) {
        out.add(job.getKey() + ": status unknown (" + e.getMessage() + ")");
      }
    }
    return out;
  }

  List<String> names() {
    return List.copyOf(jobs.keySet());
  }

  /**
   * Checkpoints until every job has consumed the events topic to its end and committed those offsets to Kafka
   * (the Kafka source commits them, asynchronously, when a checkpoint completes). With the event source already
   * stopped, the next run then starts exactly where this one ended instead of evaluating the last events again.
   * Returns false if the jobs did not catch up within {@code timeout} (events still arriving from elsewhere).
   */
  boolean catchUp(Properties kafka, String topic, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka)) {
      List<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        boolean caughtUp = true;
        for (String group : groupIds.values()) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
          for (TopicPartition tp : parts) {
            OffsetAndMetadata c = committed.get(tp);
            long endOffset = end.get(tp).offset();
            caughtUp &= endOffset == 0 || (c != null && c.offset() >= endOffset);
          }
        }
        if (caughtUp) {
          return true;
        }
        for (JobID id : jobs.values()) {
          if (cluster.getJobStatus(id).get(30, TimeUnit.SECONDS) == JobStatus.RUNNING) {
            cluster.triggerCheckpoint(id).get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                TimeUnit.MILLISECONDS);
          }
        }
        Thread.sleep(300); // the offset commit follows the checkpoint's completion asynchronously
      }
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
    return false;
  }

  /**
   * Stops every job gracefully: a savepoint (in {@code savepointDir}, deleted afterwards: the next run starts from
   * the committed Kafka offsets, not from it) whose completion commits the alerts still in an open Kafka
   * transaction and the Iceberg files; then the tasks end. A job that does not stop so
   * within {@code timeout} is cancelled. Returns what went wrong, empty when all went well.
   */
  List<String> stopAll(Path savepointDir, Duration timeout) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JobID> job : jobs.entrySet()) {
      JobID id = job.getValue();
      try {
        if (cluster.getJobStatus(id).get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
          continue;
        }
        String savepoint = cluster.stopWithSavepoint(id, savepointDir.toUri().toString(), false,
            SavepointFormatType.CANONICAL).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        cluster.requestJobResult(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        deleteQuietly(Path.of(URI.create(savepoint.startsWith("file:") ? savepoint : "file://" + savepoint)));
      } catch (ExecutionException | TimeoutException e) {
        problems.add(job.getKey() + " did not stop with a savepoint (" + rootMessage(e) + "); cancelling it");
        try {
          cluster.cancelJob(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          cluster.requestJobResult(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException c) {
          problems.add("cancelling " + job.getKey() + " failed too: " + rootMessage(c));
        }
      }
    }
    return problems;
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a leftover savepoint only takes disk space under .eyrie/demo
    }
  }

  @Override
  public void close() throws Exception {
    cluster.closeAsync().get(60, TimeUnit.SECONDS);
  }
}
