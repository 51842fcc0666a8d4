package dev.eyrie.jobs.archive;

import dev.eyrie.jobs.runtime.JobEnvironments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eyrie archive run|expire}: the archive job, and retention by age. */
@Command(name = "archive",
    header = "Archive every event to an Iceberg table; expire old partitions.", mixinStandardHelpOptions = true,
    description = "The event archive: an Apache Iceberg table of every event (Parquet, partitioned by event hour "
        + "and host bucket), readable by Flink SQL, Spark and Trino.",
    subcommands = {ArchiveCommand.Run.class, ArchiveCommand.Expire.class})
public final class ArchiveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Settings shared by the subcommands: file, warehouse, free-form overrides. */
  public static final class Common {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Settings file (.yaml/.yml/.properties).")
    Path config;

    @Option(names = "--warehouse", paramLabel = "PATH|URI",
        description = "archive.warehouse (default " + ArchiveSettings.DEFAULT_WAREHOUSE + "; s3a://, hdfs:// work too).")
    String warehouse;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Any setting, e.g. --set archive.catalog.type=rest --set archive.catalog.uri=http://cat:8181.")
    Map<String, String> set = new LinkedHashMap<>();

    Map<String, String> overrides() {
      Map<String, String> o = new LinkedHashMap<>();
      if (warehouse != null) {
        o.put("archive.warehouse", warehouse);
      }
      o.putAll(set);
      return o;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the archive job: events from Kafka into the Iceberg table, committed on each checkpoint.")
  public static final class Run implements Callable<Integer> {
    @Mixin Common common;

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", description = "kafka.bootstrap-servers.")
    String kafka;

    @Option(names = {"-p", "--parallelism"}, description = "job.parallelism (default 1).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
        description = "checkpoints.interval = Iceberg commit interval (default 60s).")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "checkpoints.dir.")
    String checkpointDir;

    public ArchiveConfig resolve() {
      Map<String, String> o = common.overrides();
      if (kafka != null) {
        o.put("kafka.bootstrap-servers", kafka);
      }
      if (parallelism != null) {
        o.put("job.parallelism", parallelism.toString());
      }
      if (checkpointInterval != null) {
        o.put("checkpoints.interval", checkpointInterval);
      }
      if (checkpointDir != null) {
        o.put("checkpoints.dir", checkpointDir);
      }
      return ArchiveConfig.load(common.config, o, ArchiveJob.DEFAULT_NAME);
    }

    @Override
    public Integer call() throws Exception {
      ArchiveConfig cfg = resolve();
      StreamExecutionEnvironment env = JobEnvironments.create(cfg.job());
      ArchiveJob.build(env, cfg.job(), cfg.archive());
      env.execute(cfg.job().jobName());
      return 0;
    }
  }

  @Command(name = "expire", mixinStandardHelpOptions = true,
      description = {"Retention: drop the hour partitions older than --older-than, then expire snapshots older "
          + "than --snapshot-max-age, which deletes the files their drops removed (a drop's files go once its "
          + "own snapshot has expired: on a later run). Safe while the archive job runs."})
  public static final class Expire implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Option(names = "--older-than", paramLabel = "DURATION", description = "Default archive.retention (30d).")
    String olderThan;

    @Option(names = "--snapshot-max-age", paramLabel = "DURATION",
        description = "Keep snapshots (time travel) this long; default archive.snapshot-max-age (24h).")
    String snapshotMaxAge;

    @Option(names = "--dry-run", description = "Only report what would be dropped.")
    boolean dryRun;

    @Override
    public Integer call() {
      Map<String, String> o = common.overrides();
      if (olderThan != null) {
        o.put("archive.retention", olderThan);
      }
      if (snapshotMaxAge != null) {
        o.put("archive.snapshot-max-age", snapshotMaxAge);
      }
      ArchiveSettings s = ArchiveConfig.load(common.config, o, ArchiveJob.DEFAULT_NAME).archive();
      PrintWriter out = spec.commandLine().getOut();
      Table table = ArchiveTables.loadIfExists(s);
      if (table == null) {
        out.println("no archive table " + s.qualifiedTable() + " (warehouse " + s.warehouse() + "): nothing to expire");
        return 0;
      }
      ArchiveRetention.Result r = ArchiveRetention.expire(table, Instant.now(), s.retention(), s.snapshotMaxAge(), dryRun);
      out.printf("%s %d hour partition(s), %d file(s), %d event(s) older than %s (retention %s) in %s%n",
          r.dryRun() ? "would drop" : "dropped", r.partitions(), r.files(), r.records(), r.cutoff(),
          human(s.retention()), s.qualifiedTable());
      if (!r.dryRun()) {
        out.printf("expired %d snapshot(s) older than %s; %d file(s) (data and metadata) deleted from storage%n",
            r.snapshotsExpired(), human(s.snapshotMaxAge()), r.filesPhysicallyDeleted());
      }
      out.flush();
      return 0;
    }
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }
}
