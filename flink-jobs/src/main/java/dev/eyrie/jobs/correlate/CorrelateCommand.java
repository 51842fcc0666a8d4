package dev.eyrie.jobs.correlate;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.JobEnvironments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eyrie correlate}: runs the correlation job with the sequence rules of the given files — on an embedded
 * MiniCluster, or on a cluster with {@code flink run -c dev.eyrie.jobs.correlate.CorrelateJobMain}.
 */
@Command(name = "correlate",
    header = "Run the correlation job: sequence rules across hosts on Flink CEP.", mixinStandardHelpOptions = true,
    description = {
        "Run the correlation job: events from Kafka, sequence rules from --rules files (validated before start),",
        "SEQUENCE alerts to Kafka and Elasticsearch. Changing sequences = restart from a savepoint (README-correlate.md).",
        "Settings as for detect: --config, then flags, then --set KEY=VALUE."})
public final class CorrelateCommand implements Callable<Integer> {

  /** Rules files when --rules is not given (comma-separated), e.g. from a mounted ConfigMap. */
  static final String RULES_ENV = "EYRIE_CORRELATION_RULES";

  @Option(names = {"-r", "--rules"}, paramLabel = "FILE", split = ",",
      description = {"Rules files in load order (sequences may use rules and macros of earlier files).",
          "Default: $" + RULES_ENV + " (comma-separated paths), else Eyrie's bundled rules "
              + "(eyrie_rules.yaml + eyrie_sequences.yaml)."})
  List<Path> rules;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Settings file (.yaml/.yml/.properties).")
  Path config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", description = "kafka.bootstrap-servers.")
  String kafka;

  @Option(names = "--elasticsearch", paramLabel = "URL[,...]", description = "elasticsearch.url.")
  String elasticsearch;

  @Option(names = "--no-elasticsearch", description = "Alerts to Kafka only.")
  boolean noElasticsearch;

  @Option(names = {"-p", "--parallelism"}, description = "job.parallelism (default 1).")
  Integer parallelism;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set watermarks.out-of-orderness=30s.")
  Map<String, String> set = new LinkedHashMap<>();

  public JobConfig resolve() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (kafka != null) {
      overrides.put("kafka.bootstrap-servers", kafka);
    }
    if (elasticsearch != null) {
      overrides.put("elasticsearch.url", elasticsearch);
    }
    if (noElasticsearch) {
      overrides.put("elasticsearch.enabled", "false");
    }
    if (parallelism != null) {
      overrides.put("job.parallelism", parallelism.toString());
    }
    overrides.putAll(set);
    return ConfigLoader.load(config, overrides, CorrelateJob.DEFAULT_NAME);
  }

  @Override
  public Integer call() throws Exception {
    SequenceRules sequences = sequenceRules(rules, System.getenv(RULES_ENV));
    JobConfig cfg = resolve();
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    CorrelateJob.build(env, cfg, sequences);
    env.execute(cfg.jobName());
    return 0;
  }

  /** --rules, else the environment's list, else the rules bundled in this jar: a deployment runs without arguments. */
  static SequenceRules sequenceRules(List<Path> given, String fromEnv) throws java.io.IOException {
    if (given != null && !given.isEmpty()) {
      return SequenceRules.read(given);
    }
    if (fromEnv != null && !fromEnv.isBlank()) {
      return SequenceRules.read(java.util.Arrays.stream(fromEnv.split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).map(Path::of).toList());
    }
    return SequenceRules.bundled();
  }
}
