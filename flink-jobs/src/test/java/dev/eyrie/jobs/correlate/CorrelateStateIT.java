package dev.eyrie.jobs.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.jobs.config.ConfigLoader;
import dev.eyrie.jobs.config.JobConfig;
import dev.eyrie.jobs.runtime.JobEnvironments;
import dev.eyrie.jobs.testing.TestJobs;
import dev.eyrie.jobs.testing.Topics;
import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RequiresKafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The correlation job's CEP state stays bounded by {@code within} when nothing completes: three hours of event time
 * in which 300 hosts each open an ssh connection every 10 minutes and no shell ever follows. After each hour, the
 * CEP operator's partial-match and key gauges must equal what the reference evaluator holds at the same watermark
 * — the same ~150 (5 minutes' worth) each hour, not a growing number.
 */
@RequiresKafka
class CorrelateStateIT {
  static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
      .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String OPERATOR = "sequence V lateral";

  static long gauge(JobID job, String name) {
    long sum = 0;
    for (OperatorMetricGroup g : REPORTER.findOperatorMetricGroups(job, OPERATOR)) {
      Metric m = REPORTER.getMetricsByGroup(g).get(name);
      if (m != null) {
        sum += ((Number) ((Gauge<?>) m).getValue()).longValue();
      }
    }
    return sum;
  }

  static void awaitGauge(JobID job, String name, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long seen;
    while ((seen = gauge(job, name)) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gauge " + name + " of '" + OPERATOR + "' is " + seen + ", expected " + expected);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void partialMatchesStayBoundedByWithinWhenNothingCompletes(KafkaServer kafka) throws Exception {
    TestJobs.Topics t = TestJobs.topics(kafka, 1);
    Map<String, String> s = TestJobs.settings(kafka, t, null, null);
    s.put("job.name", "correlate-" + t.events());
    // watermark = newest event time - 1ms: CEP has processed everything but the newest event
    s.put("watermarks.out-of-orderness", "0s");
    JobConfig cfg = ConfigLoader.load(null, s, CorrelateJob.DEFAULT_NAME);
    SequenceRules rules = Vectors.rules();
    StreamExecutionEnvironment env = JobEnvironments.create(cfg);
    CorrelateJob.build(env, cfg, rules);
    JobClient job = env.executeAsync(cfg.jobName());
    TestJobs.awaitRunning(job, Duration.ofSeconds(60));
    try {
      int hosts = 300;
      long step = 600_000_000_000L / hosts; // every host connects once per 10 minutes
      int perHour = (int) (3_600_000_000_000L / step);
      Event template = FieldEvents.of("evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.1",
          "fd.sport", 22L, "proc.name", "ssh");
      SequenceEvaluator reference = new SequenceEvaluator(rules.matcher());
      List<Event> all = new ArrayList<>();
      long[] partials = new long[3];
      for (int hour = 0; hour < 3; hour++) {
        List<Event> batch = new ArrayList<>();
        for (int j = 0; j < perHour; j++) {
          long i = (long) hour * perHour + j;
          int h = (int) (i % hosts);
          Event e = Event.newBuilder(template).build();
          e.setTs(FieldEvents.DEFAULT_TS + i * step);
          e.setSeq(i + 1);
          e.getHost().setId("h" + h);
          e.getHost().setHostname("h" + h);
          e.getFd().setRemoteIp("10.9." + (h >> 8) + "." + (h & 255));
          e.setEventId("h" + h + ":" + (i + 1));
          batch.add(e);
        }
        Topics.produceEvents(kafka, t.events(), batch, 0);
        // the reference at the job's watermark: every event but the newest, time advanced to newest - 1ms
        if (!all.isEmpty()) {
          reference.accept(all.get(all.size() - 1), m -> { throw new AssertionError("unexpected " + m.name()); });
        }
        all.addAll(batch);
        for (Event e : batch.subList(0, batch.size() - 1)) {
          reference.accept(e, m -> { throw new AssertionError("unexpected " + m.name()); });
        }
        long newest = Math.floorDiv(batch.get(batch.size() - 1).getTs(), 1_000_000L);
        reference.advanceTo(newest - 1, m -> { throw new AssertionError("unexpected " + m.name()); });
        partials[hour] = reference.partialMatches();
        awaitGauge(job.getJobID(), "partialMatches", partials[hour]);
        awaitGauge(job.getJobID(), "activeKeys", reference.activeKeys());
      }
      assertTrue(partials[0] > 0 && partials[0] <= hosts / 2, "partial matches " + partials[0]);
      assertEquals(partials[0], partials[1], "hour 1 vs hour 2");
      assertEquals(partials[1], partials[2], "hour 2 vs hour 3");
    } finally {
      TestJobs.stop(job);
    }
  }
}
