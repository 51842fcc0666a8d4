package dev.eyrie.jobs.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.eyrie.engine.sequence.StepHit;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.engine.testkit.RuleTestFile;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The correlation stages on a MiniCluster (CEP in event time, keyed over two subtasks) against the reference
 * evaluator: same alerts for the shared vectors — multi-host, interleaved and out-of-order events, expiring
 * partial matches, absence, until, repetition — and the same treatment of late events.
 */
class CorrelateVectorsIT {
  static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
      .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

  /** Watermark = highest event time so far minus the allowed lateness, after every event (deterministic). */
  static final class Punctuated implements WatermarkGenerator<Event> {
    private final long lagMillis;
    private long max = Long.MIN_VALUE;

    Punctuated(Duration lag) {
      this.lagMillis = lag.toMillis();
    }

    @Override
    public void onEvent(Event e, long ts, WatermarkOutput out) {
      max = Math.max(max, ts);
      out.emitWatermark(new Watermark(max - lagMillis));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {}
  }

  record Run(List<Alert> alerts, long lateHits) {}

  static Run runOnFlink(SequenceRules rules, List<Event> arrival, Duration lateness, int parallelism)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    DataStream<Event> events = env.fromData(arrival, new AvroTypeInfo<>(Event.class))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forGenerator(c -> new Punctuated(lateness))
            .withTimestampAssigner((e, r) -> Math.floorDiv(e.getTs(), 1_000_000L)))
        .setParallelism(1);
    CorrelateJob.Correlation c = CorrelateJob.correlate(events, rules);
    CorrelateJob.countAndDropLate(c.lateHits());
    List<Alert> out = new ArrayList<>();
    JobClient job;
    try (CloseableIterator<Alert> it = c.alerts().collectAsync()) {
      job = env.executeAsync("correlate vectors");
      it.forEachRemaining(out::add);
    }
    job.getJobExecutionResult().get();
    long late = REPORTER.findMetrics(job.getJobID(), "lateStepHits").values().stream()
        .mapToLong(m -> ((Counter) m).getCount()).sum();
    return new Run(out, late);
  }

  @Test
  void stepHitsUseFlinksPojoSerializer() {
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(StepHit.class));
  }

  @Test
  void cepAndReferenceEvaluatorRaiseTheSameAlertsForTheSharedVectors() throws Exception {
    RuleTestFile file = Vectors.file();
    SequenceRules rules = Vectors.rules();
    List<Event> arrival = Vectors.events(file);
    Run flink = runOnFlink(rules, arrival, Duration.ofSeconds(30), 2);
    List<Alert> reference = Vectors.reference(rules, arrival, true);

    assertEquals(Vectors.expectedAlerts(file), reference.size(), () -> "reference: " + Vectors.byId(reference));
    assertFalse(reference.isEmpty());
    assertEquals(Vectors.byId(reference), Vectors.byId(flink.alerts()));
    assertEquals(0, flink.lateHits());
  }

  private static Event at(long seconds, String host, String ip, Object... fields) {
    Event e = FieldEvents.onHost(host, ip, seconds, fields);
    e.setEventId(host + "@" + seconds);
    return e;
  }

  @Test
  void lateEventsAreCountedAndNotMatchedByBoth() throws Exception {
    SequenceRules rules = Vectors.rules();
    List<Event> arrival = List.of(
        at(10, "host-a", "10.0.0.1", "evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.2", "fd.sport", 22L),
        at(100, "host-c", "10.0.0.3", "evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.4", "fd.sport", 22L),
        // 90s behind the newest event: beyond the 30s lateness, so late; its sequence must not complete
        at(20, "host-b", "10.0.0.2", "evt.type", "execve", "proc.name", "bash"),
        at(110, "host-d", "10.0.0.4", "evt.type", "execve", "proc.name", "bash"));
    // one channel end to end: the watermark reaches CEP before the late hit does, so "late" is deterministic
    Run flink = runOnFlink(rules, arrival, Duration.ofSeconds(30), 1);
    assertEquals(1, flink.lateHits());
    assertEquals(1, flink.alerts().size());
    assertEquals(List.of("host-c@100", "host-d@110"),
        flink.alerts().get(0).getEvents().stream().map(r -> r.getEventId()).toList());
    assertEquals(Vectors.byId(Vectors.reference(rules, arrival, false)), Vectors.byId(flink.alerts()));
  }

  /**
   * A late absence event cannot suppress a trailing-absence match: the scan of /tmp/l (60s) lies inside its window
   * (50s..110s) but arrives behind the watermark (100s - 30s lateness), so it is dropped and both files alert.
   */
  @Test
  void lateTrailingAbsenceEventDoesNotSuppressTheMatch() throws Exception {
    SequenceRules rules = Vectors.rules();
    List<Event> arrival = List.of(
        at(50, "host-a", "10.0.0.1", "evt.type", "open", "proc.name", "curl", "fd.name", "/tmp/l"),
        at(100, "host-b", "10.0.0.2", "evt.type", "open", "proc.name", "curl", "fd.name", "/tmp/m"),
        at(60, "host-c", "10.0.0.3", "evt.type", "open", "proc.name", "scanner", "fd.name", "/tmp/l"));
    Run flink = runOnFlink(rules, arrival, Duration.ofSeconds(30), 1);
    assertEquals(1, flink.lateHits());
    assertEquals(List.of("00:00:50.000000000: Warning /tmp/l downloaded on host-a, not scanned",
        "00:01:40.000000000: Warning /tmp/m downloaded on host-b, not scanned"),
        flink.alerts().stream().map(a -> a.getOutput()).sorted().toList());
    assertEquals(Vectors.byId(Vectors.reference(rules, arrival, false)), Vectors.byId(flink.alerts()));
  }
}
