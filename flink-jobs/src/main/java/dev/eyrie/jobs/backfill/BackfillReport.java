package dev.eyrie.jobs.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summary and the what-if table, for the terminal, and the same as JSON. */
final class BackfillReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BackfillReport() {}

  static void print(BackfillJob.Request req, BackfillJob.Result r, PrintWriter out) {
    double secs = r.elapsed().toNanos() / 1e9;
    out.printf(Locale.ROOT, "backfill %s%s over [%s, %s): %d file(s) in %d partition(s) planned%n", r.runId(),
        req.dryRun() ? " (dry run)" : "", req.range().from(), req.range().to(), r.plan().files(),
        r.plan().partitions().size());
    if (r.readPath() != null) {
      out.printf("read path: %s%n", r.readPath().reason());
    }
    out.printf(Locale.ROOT, "events scanned %d (in range %d) in %.1f s = %s events/s%n", r.scanned(), r.inRange(),
        secs, ProgressBar.count((long) (r.scanned() / Math.max(secs, 1e-9))));
    if (!req.dryRun()) {
      out.printf(Locale.ROOT, "alerts found %d (per-event %d, sequence %d); new %d, already raised live %d%n",
          r.eventAlerts() + r.sequenceAlerts(), r.eventAlerts(), r.sequenceAlerts(), r.newAlerts(),
          r.alreadyPresent());
    }
    if (r.lateSequenceEvents() > 0) {
      out.printf("WARNING: %d event(s) reached the sequence evaluator out of time order and were not matched%n",
          r.lateSequenceEvents());
    }
    if (r.diff() != null) {
      table(req, r.diff(), out);
    }
    out.flush();
  }

  private static void table(BackfillJob.Request req, WhatIfDiff d, PrintWriter out) {
    out.printf("what-if: candidate %s vs baseline %s%n", req.candidate().version(), req.baseline().version());
    int w = Math.max(4, d.rules().keySet().stream().mapToInt(String::length).max().orElse(4));
    w = Math.min(w, 60);
    String fmt = "%-" + w + "s %9s %9s %9s%n";
    out.printf(fmt, "RULE", "ADDED", "REMOVED", "UNCHANGED");
    for (Map.Entry<String, WhatIfDiff.RuleDiff> e : d.rules().entrySet()) {
      WhatIfDiff.RuleDiff r = e.getValue();
      String name = e.getKey().length() > w ? e.getKey().substring(0, w - 1) + "…" : e.getKey();
      out.printf(fmt, name, signed('+', r.count(WhatIfDiff.Change.ADDED)), signed('-', r.count(WhatIfDiff.Change.REMOVED)),
          r.count(WhatIfDiff.Change.UNCHANGED));
    }
    out.printf(fmt, "TOTAL", signed('+', d.total(WhatIfDiff.Change.ADDED)),
        signed('-', d.total(WhatIfDiff.Change.REMOVED)), d.total(WhatIfDiff.Change.UNCHANGED));
    for (Map.Entry<String, WhatIfDiff.RuleDiff> e : d.rules().entrySet()) {
      for (WhatIfDiff.Change c : new WhatIfDiff.Change[] {WhatIfDiff.Change.ADDED, WhatIfDiff.Change.REMOVED}) {
        for (WhatIfDiff.Example x : e.getValue().examples(c)) {
          out.printf("  %s %s @ %s %s: %s%n", c == WhatIfDiff.Change.ADDED ? "+" : "-", e.getKey(), x.hostname(),
              Instant.ofEpochSecond(0, x.time()), x.output());
        }
      }
    }
  }

  private static String signed(char sign, long n) {
    return n == 0 ? "0" : sign + Long.toString(n);
  }

  static String json(BackfillJob.Request req, BackfillJob.Result r) throws Exception {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", r.runId());
    n.put("dry_run", req.dryRun());
    n.put("from", req.range().from().toString());
    n.put("to", req.range().to().toString());
    n.put("candidate_version", req.candidate().version());
    if (req.baseline() != null) {
      n.put("baseline_version", req.baseline().version());
    }
    ObjectNode scan = n.putObject("scan");
    scan.put("snapshot_id", r.plan().snapshotId());
    scan.put("files_planned", r.plan().files());
    scan.put("records_planned", r.plan().records());
    scan.put("bytes_planned", r.plan().bytes());
    scan.putPOJO("partitions", r.plan().partitions());
    scan.put("files_with_event_bytes", r.plan().filesWithEventBytes());
    if (r.readPath() != null) {
      scan.put("read_path", r.readPath().name());
      scan.put("read_path_reason", r.readPath().reason());
    }
    scan.put("events_scanned", r.scanned());
    scan.put("events_in_range", r.inRange());
    n.put("elapsed_ms", r.elapsed().toMillis());
    if (!req.dryRun()) {
      ObjectNode a = n.putObject("alerts");
      a.put("event_rules", r.eventAlerts());
      a.put("sequences", r.sequenceAlerts());
      a.put("new", r.newAlerts());
      a.put("already_present", r.alreadyPresent());
    }
    n.put("late_sequence_events", r.lateSequenceEvents());
    if (r.diff() != null) {
      n.set("what_if", r.diff().toJson());
    }
    return JSON.writeValueAsString(n);
  }
}
