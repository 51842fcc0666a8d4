package dev.eyrie.cli.replay;

import dev.eyrie.engine.Priority;
import dev.eyrie.engine.runtime.Match;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts of a replay: events read, alerts by priority and by rule; printed as the end-of-run summary. */
final class AlertCounts {
  private long events;
  private long alerts;
  private final Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
  private final Map<String, Long> byRule = new HashMap<>();

  void event() {
    events++;
  }

  void alert(Match m) {
    alerts++;
    byPriority.merge(m.priority(), 1L, Long::sum);
    byRule.merge(m.ruleName(), 1L, Long::sum);
  }

  long events() {
    return events;
  }

  long alerts() {
    return alerts;
  }

  Map<String, Long> byRule() {
    return Map.copyOf(byRule);
  }

  /** Most severe priority first; rules by count, then name. */
  void print(PrintWriter err, int inputs) {
    err.printf("Replayed %d events from %d input%s: %d alert%s%n", events, inputs, inputs == 1 ? "" : "s", alerts,
        alerts == 1 ? "" : "s");
    if (alerts == 0) {
      err.flush();
      return;
    }
    err.println("Alerts by priority:");
    byPriority.forEach((p, n) -> err.printf("  %-13s %d%n", p.falcoName(), n));
    err.println("Alerts by rule:");
    List<Map.Entry<String, Long>> rules = new ArrayList<>(byRule.entrySet());
    rules.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<String, Long> e : rules) {
      err.printf("  %d  %s%n", e.getValue(), e.getKey());
    }
    err.flush();
  }
}
