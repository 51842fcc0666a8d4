package dev.eyrie.jobs.testing;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.detect.DetectJob;
import dev.eyrie.jobs.runtime.JobEnvironments;
import dev.eyrie.testinfra.ElasticsearchServer;
import dev.eyrie.testinfra.KafkaServer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A detection job wired to fresh, test-unique topics (and index). */
public final class TestJobs {
  private TestJobs() {}

  public record Topics(String events, String alerts, String deadLetter, String rules, String rulesStatus) {}

  public static Topics topics(KafkaServer kafka, int eventPartitions) {
    Topics t = new Topics(kafka.uniqueTopic("events"), kafka.uniqueTopic("alerts"), kafka.uniqueTopic("dlq"),
        kafka.uniqueTopic("rules"), kafka.uniqueTopic("rules-status"));
    kafka.createTopics(eventPartitions, t.events());
    kafka.createTopics(1, t.alerts(), t.deadLetter());
    return t;
  }

  /** Settings for a test run; {@code es} null disables the Elasticsearch sink. */
  public static Map<String, String> settings(KafkaServer kafka, Topics t, ElasticsearchServer es, String index) {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", "detect-" + t.events());
    m.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    m.put("topics.events", t.events());
    m.put("topics.alerts", t.alerts());
    m.put("topics.dead-letter", t.deadLetter());
    m.put("topics.rules", t.rules());
    m.put("topics.rules-status", t.rulesStatus());
    m.put("checkpoints.interval", "500ms");
    m.put("restart.delay", "200ms");
    m.put("watermarks.idleness", "2s");
    if (es == null) {
      m.put("elasticsearch.enabled", "false");
    } else {
      m.put("elasticsearch.url", es.url());
      m.put("elasticsearch.index", index);
      m.put("elasticsearch.max-time-in-buffer", "100ms");
    }
    return m;
  }

  public static JobConfig config(Map<String, String> settings) {
    return ConfigLoader.load(null, settings, DetectJob.DEFAULT_NAME);
  }

  public static JobClient start(JobConfig cfg) throws Exception {
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    DetectJob.build(env, cfg);
    JobClient job = env.executeAsync(cfg.jobName());
    awaitRunning(job, Duration.ofSeconds(60));
    return job;
  }

  public static void awaitRunning(JobClient job, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline || job.getJobStatus().get().isGloballyTerminalState()) {
        throw new AssertionError("job " + job.getJobID() + " not running: " + job.getJobStatus().get());
      }
      Thread.sleep(50);
    }
  }

  public static void stop(JobClient job) throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get();
    }
  }
}
