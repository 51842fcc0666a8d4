package dev.eyrie.jobs.detect;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.JobEnvironments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eyrie detect}: runs the detection job — on an embedded MiniCluster from the CLI, or on a cluster when
 * the same arguments go to {@code flink run target/eyrie-flink-jobs.jar}.
 */
@Command(name = "detect",
    header = "Run the detection job: Falco rules on every event, alerts to Kafka and Elasticsearch.", mixinStandardHelpOptions = true,
    description = {
        "Run the detection job: events from Kafka, Falco rules from the rules topic, alerts to Kafka and "
            + "Elasticsearch.",
        "Settings come from --config (YAML or .properties, dotted keys such as kafka.bootstrap-servers), then "
            + "the flags below, then --set KEY=VALUE. Defaults fit scripts/kafka.sh and scripts/elasticsearch.sh."})
public final class DetectCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Settings file (.yaml/.yml/.properties).")
  Path config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", description = "kafka.bootstrap-servers (default 127.0.0.1:19092).")
  String kafka;

  @Option(names = "--elasticsearch", paramLabel = "URL[,...]", description = "elasticsearch.url (default http://127.0.0.1:19200).")
  String elasticsearch;

  @Option(names = "--no-elasticsearch", description = "Alerts to Kafka only.")
  boolean noElasticsearch;

  @Option(names = {"-p", "--parallelism"}, description = "job.parallelism (default 1).")
  Integer parallelism;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "checkpoints.interval (default 10s).")
  String checkpointInterval;

  @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "checkpoints.dir, e.g. file:///var/lib/eyrie/checkpoints.")
  String checkpointDir;

  @Option(names = "--rule-matching", paramLabel = "first|all", description = "rules.matching, Falco's rule_matching (default first).")
  String ruleMatching;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set topics.alerts=my.alerts --set kafka.properties.security.protocol=SSL.")
  Map<String, String> set = new LinkedHashMap<>();

  /** The resolved configuration; public so the CLI and tests can inspect what would run. */
  public JobConfig resolve() {
    Map<String, String> overrides = new LinkedHashMap<>();
    put(overrides, "kafka.bootstrap-servers", kafka);
    put(overrides, "elasticsearch.url", elasticsearch);
    if (noElasticsearch) {
      overrides.put("elasticsearch.enabled", "false");
    }
    put(overrides, "job.parallelism", parallelism == null ? null : parallelism.toString());
    put(overrides, "checkpoints.interval", checkpointInterval);
    put(overrides, "checkpoints.dir", checkpointDir);
    put(overrides, "rules.matching", ruleMatching);
    overrides.putAll(set);
    return ConfigLoader.load(config, overrides, DetectJob.DEFAULT_NAME);
  }

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = resolve();
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    DetectJob.build(env, cfg);
    env.execute(cfg.jobName());
    return 0;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
