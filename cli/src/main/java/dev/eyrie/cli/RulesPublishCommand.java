package dev.eyrie.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.detect.DetectJob;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.rules.RulesRejectedException;
import dev.eyrie.jobs.rules.RulesetRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates rules files with the engine the detection job runs, then publishes them as one versioned ruleset to
 * the compacted rules topic: running jobs switch to it without a restart. A ruleset that does not load is not
 * published (exit 1, Falco-style errors).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Validate and publish rules files (in load order) to the rules topic; detection jobs hot-reload them.")
final class RulesPublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Settings file, as for `eyrie detect`.")
  Path config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", description = "kafka.bootstrap-servers (default 127.0.0.1:19092).")
  String kafka;

  @Option(names = "--ruleset-version", paramLabel = "VERSION",
      description = "Version label (default: a hash of the files' names and contents).")
  String version;

  @Option(names = "--wait", paramLabel = "DURATION",
      description = "Wait this long (e.g. 60s) for a running job to report the ruleset accepted or rejected.")
  Duration wait;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set topics.rules=my.rules.")
  Map<String, String> set = new LinkedHashMap<>();

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rules files, in load order.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> overrides = new LinkedHashMap<>();
    if (kafka != null) {
      overrides.put("kafka.bootstrap-servers", kafka);
    }
    overrides.putAll(set);
    JobConfig cfg = ConfigLoader.load(config, overrides, DetectJob.DEFAULT_NAME);
    RulesPublisher publisher =
        new RulesPublisher(cfg.kafka().clientConfig(), cfg.topics().rules(), cfg.topics().rulesStatus());
    RulesetRecord record;
    try {
      record = publisher.publish(RulesPublisher.read(files), version, true, cfg.rules());
    } catch (RulesRejectedException e) {
      spec.commandLine().getErr().println("eyrie: not published: " + e.getMessage());
      return 1;
    }
    out.println("published ruleset " + record.version() + " (" + files.size() + " files) to "
        + cfg.topics().rules() + " at " + cfg.kafka().clientConfig().getProperty("bootstrap.servers"));
    if (wait == null) {
      return 0;
    }
    Optional<String> status = publisher.awaitStatus(record.version(), wait);
    if (status.isEmpty()) {
      spec.commandLine().getErr().println("eyrie: no job reported on ruleset " + record.version() + " within " + wait
          + " (is a detection job running?)");
      return 3;
    }
    out.println(status.get());
    return "accepted".equals(dev.eyrie.jobs.rules.RulesetStatus.parse(status.get()).path("status").asText()) ? 0 : 1;
  }
}
