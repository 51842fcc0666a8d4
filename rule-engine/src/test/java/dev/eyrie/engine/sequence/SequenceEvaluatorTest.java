package dev.eyrie.engine.sequence;

import java.time.ZoneOffset;
import dev.eyrie.engine.runtime.FalcoAlertText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.engine.testkit.RuleTestFile;
import dev.eyrie.engine.testkit.RuleTestRunner;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Event;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference evaluator: the shared vectors, alert contents, late events and bounded state. */
class SequenceEvaluatorTest {
  private static final long S = 1_000_000_000L;

  static Path vectors() throws URISyntaxException {
    return Path.of(SequenceEvaluatorTest.class.getResource("/sequences/vectors.test.yaml").toURI());
  }

  static StepMatcher vectorMatcher() throws Exception {
    Path rules = vectors().resolveSibling("vectors.yaml");
    LoadResult r = RulesLoader.load(List.of(RulesSource.of(rules)));
    assertTrue(r.successful(), r::toText);
    return StepMatcher.of(r.sequences());
  }

  @Test
  void sharedVectorsPass() throws Exception {
    RuleTestRunner.FileResult result = new RuleTestRunner().run(RuleTestFile.read(vectors()));
    assertEquals(null, result.loadErrors());
    assertFalse(result.cases().isEmpty());
    List<String> failures = new ArrayList<>();
    for (RuleTestRunner.CaseResult c : result.cases()) {
      if (!c.passed()) {
        failures.add(c.testCase().name() + ": " + c.problems() + " fired=" + c.fired());
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  private static Event ev(long offsetSeconds, String host, String ip, Object... fields) {
    Event e = FieldEvents.onHost(host, ip, offsetSeconds, fields);
    e.setEventId(host + ":" + offsetSeconds);
    return e;
  }

  private static Event ssh(long t, String from, String fromIp, String toIp) {
    return ev(t, from, fromIp, "evt.type", "connect", "fd.typechar", "4", "fd.sip", toIp, "fd.sport", 22L,
        "proc.cmdline", "ssh " + toIp);
  }

  private static Event bash(long t, String host, String ip) {
    return ev(t, host, ip, "evt.type", "execve", "proc.cmdline", "bash -i", "user.name", "eve");
  }

  @Test
  void alertCarriesEveryContributingEventAndADeterministicId() throws Exception {
    List<Alert> first = new ArrayList<>();
    List<Alert> second = new ArrayList<>();
    for (List<Alert> out : List.of(first, second)) {
      SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
      ev.accept(ssh(0, "host-a", "10.0.0.1", "10.0.0.2"), m -> out.add(m.toAlert("v1")));
      ev.accept(ssh(1, "host-b", "10.0.0.2", "10.0.0.3"), m -> out.add(m.toAlert("v1")));
      ev.accept(bash(2, "host-b", "10.0.0.2"), m -> out.add(m.toAlert("v1")));
      ev.accept(bash(3, "host-c", "10.0.0.3"), m -> out.add(m.toAlert("v1")));
      ev.flush(m -> out.add(m.toAlert("v1")));
    }
    assertEquals(2, first.size(), first::toString);
    Alert a = first.get(0);
    assertEquals(AlertKind.SEQUENCE, a.getKind());
    assertEquals("V lateral", a.getRule());
    assertEquals("Warning", a.getPriority());
    assertEquals(FalcoAlertText.line(FieldEvents.DEFAULT_TS + 2 * S, ZoneOffset.UTC, "Warning",
        "ssh host-a -> host-b (bash -i) user=eve"), a.getOutput());
    assertEquals("host-b", a.getHostname());
    assertEquals(FieldEvents.DEFAULT_TS + 2 * S, a.getTime());
    assertEquals(List.of("host-a:0", "host-b:2"), a.getEvents().stream().map(r -> r.getEventId()).toList());
    assertEquals(List.of("conn", "shell"), a.getEvents().stream().map(r -> r.getStep()).toList());
    assertEquals(List.of("host-a", "host-b"), a.getEvents().stream().map(r -> r.getHostId()).toList());
    assertEquals("host-a", a.getOutputFields().get("conn.evt.hostname"));
    assertEquals("bash -i", a.getOutputFields().get("shell.proc.cmdline"));
    assertEquals("v1", a.getRulesetVersion());
    assertEquals(List.of("host-b:1", "host-c:3"),
        first.get(1).getEvents().stream().map(r -> r.getEventId()).toList());
    assertEquals(first.stream().map(Alert::getAlertId).toList(), second.stream().map(Alert::getAlertId).toList());
    assertFalse(first.get(0).getAlertId().equals(first.get(1).getAlertId()));
  }

  @Test
  void lateEventsAreCountedAndNotMatched() throws Exception {
    SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
    List<SequenceMatch> out = new ArrayList<>();
    ev.accept(ssh(10, "host-a", "10.0.0.1", "10.0.0.2"), out::add);
    ev.accept(ssh(5, "host-c", "10.0.0.3", "10.0.0.4"), out::add);
    ev.accept(bash(20, "host-d", "10.0.0.4"), out::add);
    ev.accept(bash(30, "host-b", "10.0.0.2"), out::add);
    ev.flush(out::add);
    assertEquals(1, ev.lateEvents());
    assertEquals(List.of("host-a:10", "host-b:30"), out.get(0).eventIds());
    assertEquals(1, out.size());
  }

  @Test
  void matchStaysStrictlyInsideWithin() throws Exception {
    for (long shellAt : new long[] {299, 300, 301}) {
      SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
      List<SequenceMatch> out = new ArrayList<>();
      ev.accept(ssh(0, "host-a", "10.0.0.1", "10.0.0.2"), out::add);
      ev.accept(bash(shellAt, "host-b", "10.0.0.2"), out::add);
      ev.flush(out::add);
      assertEquals(shellAt < 300 ? 1 : 0, out.size(), "shell at +" + shellAt + "s");
    }
  }

  @Test
  void timesCountsRepetitionsPerKey() throws Exception {
    SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
    List<SequenceMatch> out = new ArrayList<>();
    // two hosts interleaved: s1 probes 5 times within 10s, s2 only 4 times
    for (int i = 0; i < 5; i++) {
      ev.accept(ev(i, "s1", "10.2.0.1", "evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.9.0." + i,
          "fd.sport", 80L, "proc.name", "scanner"), out::add);
      if (i < 4) {
        ev.accept(ev(i, "s2", "10.2.0.2", "evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.9.0." + i,
            "fd.sport", 80L, "proc.name", "scanner"), out::add);
      }
    }
    ev.flush(out::add);
    assertEquals(1, out.size());
    assertEquals("burst from s1, last to 10.9.0.4", out.get(0).output());
    assertEquals(5, out.get(0).events().size());
  }

  private static Event open(long t, String host, String proc, String file) {
    return ev(t, host, "10.3.0.1", "evt.type", "open", "proc.name", proc, "fd.name", file);
  }

  /**
   * A trailing absence completes when event time reaches first + within (1m), not before: a watermark one ms
   * earlier leaves it pending, and a scan of another file in between does not suppress it.
   */
  @Test
  void trailingAbsenceAlertsWhenTheWindowEnds() throws Exception {
    SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
    List<SequenceMatch> out = new ArrayList<>();
    long t0 = FieldEvents.DEFAULT_TS / 1_000_000L;
    ev.accept(open(0, "h1", "curl", "/tmp/x"), out::add);
    ev.accept(open(10, "h2", "scanner", "/tmp/y"), out::add);
    ev.advanceTo(t0 + 59_999, out::add);
    assertTrue(out.isEmpty(), () -> "alerted before the window ended: " + out);
    assertEquals(1, ev.partialMatches());
    ev.advanceTo(t0 + 60_000, out::add);
    assertEquals(1, out.size());
    assertEquals("V unscanned", out.get(0).name());
    assertEquals(List.of("h1:0"), out.get(0).eventIds());
    assertEquals(0, ev.partialMatches());

    // the same download scanned in time raises nothing, and leaves no state once the window has passed
    SequenceEvaluator scanned = new SequenceEvaluator(vectorMatcher());
    List<SequenceMatch> none = new ArrayList<>();
    scanned.accept(open(0, "h1", "curl", "/tmp/x"), none::add);
    scanned.accept(open(59, "h3", "scanner", "/tmp/x"), none::add);
    scanned.flush(none::add);
    assertTrue(none.isEmpty(), none::toString);
    assertEquals(0, scanned.partialMatches());
  }

  /**
   * A long run where nothing completes: 2,000 hosts each start the lateral sequence (a connection that is never
   * followed by a shell) every 10 minutes, over 3 hours of event time. Partial matches must stay bounded by what
   * {@code within} (5 minutes) keeps alive, and the number held must not grow from one hour to the next.
   */
  @Test
  void stateStaysBoundedWhenNothingCompletes() throws Exception {
    SequenceEvaluator ev = new SequenceEvaluator(vectorMatcher());
    List<SequenceMatch> out = new ArrayList<>();
    int hosts = 2_000;
    long step = 600 * S / hosts; // each host connects once per 10 minutes
    long events = 3L * 3600 * S / step;
    long max = 0;
    long[] atHour = new long[4];
    // one event record, re-pointed for each event: the evaluator keeps ids and text, never the record
    Event e = FieldEvents.of("evt.type", "connect", "fd.typechar", "4", "fd.sip", "10.0.0.1", "fd.sport", 22L);
    for (long i = 0; i < events; i++) {
      int h = (int) (i % hosts);
      e.setTs(FieldEvents.DEFAULT_TS + i * step);
      e.getHost().setId("h" + h);
      e.getHost().setHostname("h" + h);
      e.getFd().setRemoteIp("10." + (h >> 16 & 255) + "." + (h >> 8 & 255) + "." + (h & 255));
      e.setEventId("e" + i);
      ev.accept(e, out::add);
      if (i % 250 == 0) {
        max = Math.max(max, ev.partialMatches());
      }
      if ((i + 1) % (events / 3) == 0) {
        atHour[(int) ((i + 1) / (events / 3))] = ev.partialMatches();
      }
    }
    assertTrue(out.isEmpty());
    long perWindow = hosts / 2; // 5 minutes of a 10-minute cycle
    assertTrue(max <= perWindow + 1, "partial matches peaked at " + max + ", within allows " + perWindow);
    assertTrue(max >= perWindow - 10, "the run should keep ~" + perWindow + " partial matches alive, saw " + max);
    assertEquals(atHour[1], atHour[2], 1.0, "hour 1 vs hour 2");
    assertEquals(atHour[2], atHour[3], 1.0, "hour 2 vs hour 3");
    assertTrue(ev.activeKeys() <= perWindow + 1);
    ev.flush(out::add);
    assertEquals(0, ev.partialMatches());
    assertEquals(0, ev.activeKeys());
    assertNotNull(ev.matcher());
  }
}
