package dev.eyrie.cli.demo;

import dev.eyrie.jobs.config.RulesSettings;
import dev.eyrie.jobs.rules.RuleFile;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.rules.RulesTopicReader;
import dev.eyrie.jobs.rules.RulesetRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.java.tuple.Tuple2;

/** Publishes the project's rules files to the rules topic, unless the newest ruleset there has the same content. */
final class DemoRules {
  private DemoRules() {}

  record Outcome(String version, boolean published, List<Path> files) {}

  /**
   * {@code rules/*.yaml} in load order: {@code eyrie_rules.yaml} first (the others may append to its lists and
   * macros), then the rest by name.
   */
  static List<Path> projectRules(Path root) throws IOException {
    Path dir = root.resolve("rules");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).forEach(files::add);
    } catch (IOException e) {
      throw new IOException("cannot list the rules directory " + dir + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("eyrie_rules.yaml"))
        .thenComparing(p -> p.getFileName().toString()));
    if (files.isEmpty()) {
      throw new IOException("no rules files (*.yaml) in " + dir);
    }
    return files;
  }

  static Outcome publishIfChanged(Properties kafka, String rulesTopic, String statusTopic, List<Path> files,
      RulesSettings settings) {
    List<RuleFile> content = RulesPublisher.read(files);
    String version = RulesetRecord.contentVersion(content);
    List<Tuple2<Long, String>> onTopic = RulesTopicReader.newestFirst(kafka, rulesTopic);
    if (!onTopic.isEmpty() && version.equals(RulesetRecord.versionOf(onTopic.get(0).f1))) {
      return new Outcome(version, false, files);
    }
    // validated with the job's own compiler first: a ruleset the job would reject is never published
    new RulesPublisher(kafka, rulesTopic, statusTopic).publish(content, version, true, settings);
    return new Outcome(version, true, files);
  }
}
