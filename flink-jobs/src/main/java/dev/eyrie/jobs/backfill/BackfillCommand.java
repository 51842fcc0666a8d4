package dev.eyrie.jobs.backfill;

import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.rules.RuleFile;
import dev.eyrie.jobs.rules.RulesPublisher;
import dev.eyrie.jobs.rules.RulesetRecord;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eyrie backfill}: rules over the archived events of a time range, or a what-if diff of a rules change. */
@Command(name = "backfill",
    header = "Evaluate rules over archived events for a time range; --dry-run diffs a candidate ruleset.", mixinStandardHelpOptions = true,
    description = {
        "Evaluate rules over the event archive for a time range (a Flink BATCH job reading only the partitions "
            + "of that range). Alerts carry the backfill run id and the same alert_id the live job gives, so "
            + "alerts already raised live are skipped: only new ones go to Elasticsearch (by id) and Kafka.",
        "--dry-run: what-if. Evaluate the candidate rules and the active ruleset (latest accepted on the rules "
            + "topic, or --baseline) in one pass and report per rule alerts added / removed / unchanged."})
public final class BackfillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-r", "--rules"}, paramLabel = "FILE", arity = "1..*", required = true,
      description = "Candidate rules files, loaded in order as Falco loads -r files.")
  List<Path> rules;

  @Option(names = "--from", paramLabel = "TIME", required = true,
      description = "Start (inclusive): 2026-01-01T10:00:00Z, 2026-01-01, or an age like 7d.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now", description = "End (exclusive); default now.")
  String to;

  @Option(names = "--rules-only", paramLabel = "NAME", arity = "1..*",
      description = "Evaluate only these rules / sequences (exact names), in both rulesets.")
  List<String> rulesOnly = new ArrayList<>();

  @Option(names = "--dry-run", description = "What-if diff against the active ruleset; writes no alerts.")
  boolean dryRun;

  @Option(names = "--baseline", paramLabel = "FILE", arity = "1..*",
      description = "Baseline rules files for --dry-run instead of the active ruleset from the rules topic.")
  List<Path> baseline = new ArrayList<>();

  @Option(names = "--examples", paramLabel = "N", defaultValue = "3", description = "Examples per rule and change (default 3).")
  int examples;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary (and what-if diff) as JSON.")
  Path json;

  @Option(names = "--run-id", paramLabel = "ID", description = "Default: backfill-<UTC time>-<random>.")
  String runId;

  @Option(names = "--rule-matching", paramLabel = "first|all", defaultValue = "first",
      description = "Falco's rule_matching, as the live job runs it (default first).")
  String ruleMatching;

  @Option(names = "--no-kafka", description = "Write new alerts to Elasticsearch only.")
  boolean noKafka;

  @Option(names = "--read", paramLabel = "auto|bytes|columns", defaultValue = "auto",
      description = "How to read archived events: auto (default) reads only the event-bytes column when every "
          + "planned file has it, else all columns; bytes / columns force one (bytes fails on older files).")
  String read;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Settings file (kafka.*, topics.*, elasticsearch.*, archive.*).")
  Path config;

  @Option(names = "--warehouse", paramLabel = "PATH|URI", description = "archive.warehouse.")
  String warehouse;

  @Option(names = {"-p", "--parallelism"}, description = "job.parallelism (default 1).")
  Integer parallelism;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting.")
  Map<String, String> set = new LinkedHashMap<>();

  public BackfillJob.Request request() {
    Map<String, String> o = new LinkedHashMap<>();
    if (warehouse != null) {
      o.put("archive.warehouse", warehouse);
    }
    if (parallelism != null) {
      o.put("job.parallelism", parallelism.toString());
    }
    o.putAll(set);
    ArchiveConfig cfg = ArchiveConfig.load(config, o, "eyrie-backfill");
    Instant now = Instant.now();
    TimeRange range = new TimeRange(TimeRange.parse(from, now, "--from"), TimeRange.parse(to, now, "--to"));
    RuleMatching matching = RuleMatching.valueOf(ruleMatching.toUpperCase(Locale.ROOT));
    RulesetSpec candidate = RulesetSpec.of(RulesPublisher.read(rules), null, matching, rulesOnly);
    RulesetSpec base = null;
    if (dryRun) {
      if (!baseline.isEmpty()) {
        base = RulesetSpec.of(RulesPublisher.read(baseline), null, matching, rulesOnly);
      } else {
        RulesetRecord active = ActiveRuleset.fromKafka(cfg.job());
        base = RulesetSpec.of(active.files(), active.version(), matching, rulesOnly);
      }
    } else if (!baseline.isEmpty()) {
      throw new IllegalArgumentException("--baseline only applies with --dry-run");
    }
    // fail here, on the client, naming the file, rather than in every task
    candidate.load();
    if (base != null) {
      base.load();
    }
    String id = runId != null ? runId : "backfill-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    return new BackfillJob.Request(cfg.job(), cfg.archive(), range, candidate, base, id, examples, !noKafka,
        ReadPath.Mode.parse(read));
  }

  @Override
  public Integer call() throws Exception {
    BackfillJob.Request req = request();
    ProgressBar bar = new ProgressBar(System.err, System.console() != null);
    BackfillJob.Result result = BackfillJob.run(req, bar::planned, bar::update);
    bar.done();
    PrintWriter out = spec.commandLine().getOut();
    BackfillReport.print(req, result, out);
    if (json != null) {
      Files.writeString(json, BackfillReport.json(req, result), StandardCharsets.UTF_8);
      out.println("JSON report: " + json.toAbsolutePath());
    }
    out.flush();
    return 0;
  }

  static List<RuleFile> files(List<Path> paths) {
    return RulesPublisher.read(paths);
  }
}
