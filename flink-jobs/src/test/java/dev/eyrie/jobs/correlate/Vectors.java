package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.engine.testkit.RuleTestFile;
import dev.eyrie.jobs.testing.Paths;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Event;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared sequence test vectors of rule-engine (src/test/resources/sequences): rules, and cases of events in
 * arrival order. Case k is shifted by k days so that all cases can run in one job without meeting each other.
 */
final class Vectors {
  private Vectors() {}

  static final long DAY = 86_400_000_000_000L;

  static Path dir() {
    return Paths.root().resolve("rule-engine/src/test/resources/sequences");
  }

  static SequenceRules rules() throws IOException {
    return SequenceRules.read(List.of(dir().resolve("vectors.yaml")));
  }

  static RuleTestFile file() throws IOException {
    return RuleTestFile.read(dir().resolve("vectors.test.yaml"));
  }

  /** Every case's events, in arrival order, with unique ids and sequence numbers. */
  static List<Event> events(RuleTestFile f) {
    List<Event> out = new ArrayList<>();
    long seq = 0;
    for (int k = 0; k < f.cases().size(); k++) {
      for (Map<String, Object> fields : f.cases().get(k).events()) {
        Event e = FieldEvents.of(fields);
        e.setTs(e.getTs() + k * DAY);
        e.setSeq(++seq);
        e.setEventId("c" + k + ":" + e.getHost().getId() + ":" + seq);
        out.add(e);
      }
    }
    return out;
  }

  /** How many alerts the cases expect in total. */
  static int expectedAlerts(RuleTestFile f) {
    return f.cases().stream().mapToInt(c -> c.expect().size()).sum();
  }

  /** The reference evaluator's alerts for events given in arrival order (late ones are dropped, as in CEP). */
  static List<Alert> reference(SequenceRules rules, List<Event> arrival, boolean sortByTime) {
    List<Event> in = new ArrayList<>(arrival);
    if (sortByTime) {
      in.sort(Comparator.comparingLong(Event::getTs));
    }
    SequenceEvaluator ev = new SequenceEvaluator(rules.matcher());
    List<Alert> out = new ArrayList<>();
    for (Event e : in) {
      ev.accept(e, m -> out.add(m.toAlert(rules.version())));
    }
    ev.flush(m -> out.add(m.toAlert(rules.version())));
    return out;
  }

  /** Alerts by id, as comparable text: rule, output, and each contributing event with its step. */
  static Map<String, String> byId(List<Alert> alerts) {
    Map<String, String> m = new TreeMap<>();
    for (Alert a : alerts) {
      StringBuilder sb = new StringBuilder(a.getRule()).append(" | ").append(a.getOutput()).append(" | ")
          .append(a.getTime()).append(" |");
      a.getEvents().forEach(r -> sb.append(' ').append(r.getStep()).append('=').append(r.getEventId())
          .append('@').append(r.getHostId()));
      // Avro hands maps back unordered: compare the fields, not their order
      sb.append(" | ").append(new TreeMap<>(a.getOutputFields()));
      if (m.put(a.getAlertId(), sb.toString()) != null) {
        throw new AssertionError("duplicate alert " + a.getAlertId() + ": " + sb);
      }
    }
    return m;
  }
}
