package dev.eyrie.jobs.backfill;

import dev.eyrie.jobs.archive.ArchiveSettings;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.sink.elasticsearch.ElasticsearchSink;
import dev.eyrie.jobs.sink.kafka.AlertRecordSerializer;
import dev.eyrie.jobs.sink.kafka.KafkaSinks;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill: a BATCH job over the archive for a time range. Run mode evaluates the candidate ruleset and
 * writes the alerts the live job did not raise (not found by id in the alerts index) to Elasticsearch and Kafka,
 * marked with the run id. Dry-run (what-if) evaluates candidate and baseline in the same pass and returns the
 * per-rule diff; it writes nothing.
 */
public final class BackfillJob {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);

  private BackfillJob() {}

  /** {@code baseline} non-null means dry-run. */
  public record Request(JobConfig job, ArchiveSettings archive, TimeRange range, RulesetSpec candidate,
      RulesetSpec baseline, String runId, int examples, boolean toKafka, ReadPath.Mode read) {
    public Request(JobConfig job, ArchiveSettings archive, TimeRange range, RulesetSpec candidate,
        RulesetSpec baseline, String runId, int examples, boolean toKafka) {
      this(job, archive, range, candidate, baseline, runId, examples, toKafka, ReadPath.Mode.AUTO);
    }

    public boolean dryRun() {
      return baseline != null;
    }
  }

  /** {@code readPath}: null when nothing was planned (no job ran). */
  public record Result(String runId, ArchiveScan.Plan plan, ReadPath readPath, long scanned, long inRange, long eventAlerts,
      long sequenceAlerts, long newAlerts, long alreadyPresent, long lateSequenceEvents, WhatIfDiff diff,
      Duration elapsed) {}

  /** {@code progress} receives the number of events scanned so far (of {@code plan.records()}), now and then. */
  public static Result run(Request req, LongConsumer onPlanned, LongConsumer progress) throws Exception {
    long start = System.nanoTime();
    Table table = ArchiveTables.loadIfExists(req.archive());
    if (table == null) {
      throw new IllegalArgumentException("no archive table " + req.archive().qualifiedTable() + " in warehouse "
          + req.archive().warehouse() + " (run `eyrie archive run` first, or set --warehouse)");
    }
    ArchiveScan.Plan plan = ArchiveScan.plan(table, req.range());
    onPlanned.accept(plan.records());
    if (plan.files() == 0) {
      return new Result(req.runId(), plan, null, 0, 0, 0, 0, 0, 0, 0,
          req.dryRun() ? new WhatIfDiff(req.examples()) : null, Duration.ofNanos(System.nanoTime() - start));
    }

    ReadPath path = ReadPath.choose(req.read(), plan);
    LOG.info("backfill {} reads {}", req.runId(), path.reason());
    StreamExecutionEnvironment env = environment(req.job().parallelism());
    DataStream<Event> events = ArchiveEvents.read(env, req.archive(), table, plan, req.range(), path);
    boolean sequences = SequenceStage.any(req.candidate(), req.baseline());
    CloseableIterator<String> partials = null;
    if (req.dryRun()) {
      DataStream<String> diffs = events
          .transform("what-if: per-event rules", Types.STRING,
              new EventWhatIf(req.candidate(), req.baseline(), req.examples()))
          .uid("event-what-if");
      if (sequences) {
        diffs = diffs.union(SequenceStage.whatIf(events, req.candidate(), req.baseline(), req.examples()));
      }
      partials = diffs.collectAsync();
    } else {
      DataStream<Alert> alerts = events
          .flatMap(new EventRules(req.candidate(), req.runId()), new AvroTypeInfo<>(Alert.class))
          .name("per-event rules").uid("event-rules");
      if (sequences) {
        alerts = alerts.union(SequenceStage.alerts(events, req.candidate(), req.runId()));
      }
      boolean toEs = req.job().elasticsearch().enabled();
      if (toEs) {
        alerts = alerts.transform("not already in " + req.job().elasticsearch().index(),
            new AvroTypeInfo<>(Alert.class), new NewAlertsOnly(req.job().elasticsearch())).uid("new-alerts-only");
        alerts.sinkTo(ElasticsearchSink.forAlerts(req.job().elasticsearch()))
            .name("alerts → elasticsearch " + req.job().elasticsearch().index()).uid("alerts-elasticsearch");
      }
      if (req.toKafka()) {
        // transactional like the live job's alert sink: committed when the batch job finishes
        alerts.sinkTo(KafkaSinks.exactlyOnce(req.job().kafka(), new AlertRecordSerializer(req.job().topics().alerts()),
                req.job().kafka().transactionalIdPrefix() + "-" + req.runId()))
            .name("alerts → kafka " + req.job().topics().alerts()).uid("alerts-kafka");
      }
      if (!toEs && !req.toKafka()) {
        alerts.sinkTo(new DiscardingSink<>()).name("alerts counted only").uid("alerts-discard");
      }
    }

    JobClient client = env.executeAsync("eyrie-backfill " + req.runId());
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "backfill-progress");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(() -> {
      try {
        Object v = client.getAccumulators().get(5, TimeUnit.SECONDS).get(ArchiveEvents.SCANNED);
        if (v instanceof Number n) {
          progress.accept(n.longValue());
        }
      } catch (Exception ignored) {
        // the job may be finishing; the final numbers come from the job result
      }
    }, 500, 500, TimeUnit.MILLISECONDS);

    WhatIfDiff diff = null;
    try {
      if (partials != null) {
        diff = new WhatIfDiff(req.examples());
        List<String> all = new ArrayList<>();
        partials.forEachRemaining(all::add);
        for (String p : all) {
          diff.merge(WhatIfDiff.parse(p));
        }
        partials.close();
      }
      JobExecutionResult result = client.getJobExecutionResult().get();
      Map<String, Object> acc = result.getAllAccumulatorResults();
      long scanned = num(acc, ArchiveEvents.SCANNED);
      progress.accept(scanned);
      return new Result(req.runId(), plan, path, scanned, num(acc, ArchiveEvents.IN_RANGE), num(acc, EventRules.ALERTS),
          num(acc, SequenceStage.ALERTS), num(acc, NewAlertsOnly.NEW), num(acc, NewAlertsOnly.EXISTING),
          num(acc, SequenceStage.LATE), diff, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      poller.shutdownNow();
    }
  }

  static StreamExecutionEnvironment environment(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    // accumulators (the progress bar) travel with TaskManager heartbeats; a local run reports every second
    conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(parallelism);
    // every operator here is done with a record when it returns (the sequence stage gets its own copies across
    // the keyBy), so chained operators may hand records on without a defensive copy
    env.getConfig().enableObjectReuse();
    return env;
  }

  private static long num(Map<String, Object> acc, String key) {
    Object v = acc.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
