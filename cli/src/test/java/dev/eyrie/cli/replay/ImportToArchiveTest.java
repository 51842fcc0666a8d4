package dev.eyrie.cli.replay;

import static dev.eyrie.cli.replay.Cli.capture;
import static dev.eyrie.cli.replay.Cli.importing;
import static dev.eyrie.cli.replay.Cli.replay;
import static dev.eyrie.cli.replay.Cli.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.jobs.archive.ArchiveConfig;
import dev.eyrie.jobs.archive.ArchiveTables;
import dev.eyrie.jobs.backfill.BackfillJob;
import dev.eyrie.jobs.backfill.RulesetSpec;
import dev.eyrie.jobs.backfill.TimeRange;
import dev.eyrie.jobs.backfill.WhatIfDiff;
import dev.eyrie.jobs.rules.RulesPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `eyrie import --to archive`: real captures into a real (local) Iceberg archive, then a real backfill BATCH job
 * over it, whose alerts must be those `eyrie replay` gives for the same captures and rules.
 */
class ImportToArchiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CAPTURES = {"cat_write", "connect_localhost", "psp-write_tmp_test"};

  @TempDir Path tmp;

  @BeforeAll
  static void tempDirExists() throws Exception {
    // surefire points java.io.tmpdir at target/tmp; zstd-jni unpacks its native library there before Flink
    // (which would create it) runs
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void backfillOverTheImportedArchiveFindsWhatReplayFinds() throws Exception {
    String wh = tmp.resolve("warehouse").toString();
    List<String> args = new ArrayList<>();
    for (String c : CAPTURES) {
      args.add(capture(c));
    }
    int decoded = 0;
    for (String c : CAPTURES) {
      decoded += ImportCommandTest.decode(c).size();
    }
    args.addAll(List.of("--to", "archive", "--warehouse", wh));
    Cli.Result imported = importing(args.toArray(String[]::new));
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.err().contains("Imported " + decoded + " events from 3 captures to archive eyrie.eyrie.events"),
        imported.err());

    ArchiveConfig cfg = ArchiveConfig.load(null, Map.of("archive.warehouse", wh, "elasticsearch.enabled", "false"),
        "import-test");
    Table table = ArchiveTables.loadIfExists(cfg.archive());
    assertEquals(1, count(table.snapshots()), "one import = one snapshot");
    assertEquals(Integer.toString(decoded), table.currentSnapshot().summary().get("total-records"));

    // the what-if against a ruleset that never fires lists every alert of the candidate as "added"
    Path never = tmp.resolve("never.yaml");
    Files.writeString(never, "- rule: Never\n  desc: x\n  condition: evt.type = open and proc.name = no-such-process\n"
        + "  output: never\n  priority: DEBUG\n");
    RulesetSpec candidate = RulesetSpec.of(RulesPublisher.read(List.of(Path.of(rules()))), null, RuleMatching.FIRST,
        List.of());
    RulesetSpec baseline = RulesetSpec.of(RulesPublisher.read(List.of(never)), null, RuleMatching.FIRST, List.of());
    TimeRange everything = new TimeRange(Instant.parse("2000-01-01T00:00:00Z"), Instant.now());
    BackfillJob.Result r = BackfillJob.run(new BackfillJob.Request(cfg.job(), cfg.archive(), everything, candidate,
        baseline, "import-test", 100, false), n -> { }, n -> { });
    assertEquals(decoded, r.scanned());

    List<String> replayArgs = new ArrayList<>(List.of("--json", "--rules", rules()));
    for (String c : CAPTURES) {
      replayArgs.add(capture(c));
    }
    Cli.Result replayed = replay(replayArgs.toArray(String[]::new));
    assertEquals(0, replayed.code(), replayed.err());
    Map<String, List<String>> fromReplay = new TreeMap<>();
    for (String line : replayed.lines()) {
      JsonNode n = JSON.readTree(line);
      fromReplay.computeIfAbsent(n.get("rule").asText(), k -> new ArrayList<>()).add(n.get("output").asText());
    }
    Map<String, List<String>> fromBackfill = new TreeMap<>();
    r.diff().rules().forEach((rule, d) -> {
      assertEquals(0, d.count(WhatIfDiff.Change.REMOVED) + d.count(WhatIfDiff.Change.UNCHANGED), rule);
      if (d.count(WhatIfDiff.Change.ADDED) > 0) {
        List<String> outputs = new ArrayList<>();
        d.examples(WhatIfDiff.Change.ADDED).forEach(x -> outputs.add(x.output()));
        fromBackfill.put(rule, outputs);
      }
    });
    assertFalse(fromReplay.isEmpty());
    assertEquals(fromReplay.keySet(), fromBackfill.keySet(), "rules that fired");
    fromReplay.forEach((rule, outputs) -> {
      List<String> got = fromBackfill.get(rule);
      assertEquals(outputs.size(), got.size(), rule);
      // replay's JSON output is Falco's: "<time>: <Priority> <rule output>"
      for (int i = 0; i < outputs.size(); i++) {
        String want = outputs.get(i);
        assertTrue(got.stream().anyMatch(want::endsWith), rule + ": " + want + " not in " + got);
      }
    });
  }

  @Test
  void importingTheSameCaptureAgainIsRefusedAndWritesNothing() throws Exception {
    String wh = tmp.resolve("warehouse").toString();
    assertEquals(0, importing(capture("cat_write"), "--to", "archive", "--warehouse", wh).code());
    Table first = ArchiveTables.loadIfExists(ArchiveConfig.load(null, Map.of("archive.warehouse", wh), "t").archive());
    assertEquals(1, first.properties().keySet().stream().filter(k -> k.startsWith("eyrie.import.")).count(),
        "the import is recorded: " + first.properties());
    // the same capture under another name is the same events: refused, nothing committed
    Path gz = tmp.resolve("again.scap");
    Files.copy(Path.of(capture("cat_write")), gz);
    Cli.Result again = importing(capture("connect_localhost"), gz.toString(), "--to", "archive", "--warehouse", wh);
    assertEquals(1, again.code(), again.err());
    assertTrue(again.err().contains(gz + " was already imported into eyrie.eyrie.events (cat_write.scap: "),
        again.err());
    assertTrue(again.err().contains("nothing was written"), again.err());

    Table table = ArchiveTables.loadIfExists(ArchiveConfig.load(null, Map.of("archive.warehouse", wh), "t").archive());
    assertEquals(1, count(table.snapshots()), "the refused import committed nothing");
    long dataFiles;
    try (var files = Files.walk(Path.of(table.location(), "data"))) {
      dataFiles = files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
    assertEquals(Long.parseLong(table.currentSnapshot().summary().get("total-data-files")), dataFiles,
        "the refused import's files were removed");
  }

  @Test
  void anImportThatFailsPartWayCommitsNothing() throws Exception {
    String wh = tmp.resolve("warehouse").toString();
    Path junk = tmp.resolve("junk.scap");
    Files.writeString(junk, "definitely not a capture");
    Cli.Result r = importing(capture("cat_write"), junk.toString(), "--to", "archive", "--warehouse", wh);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains(junk.toString()), r.err());

    Table table = ArchiveTables.loadIfExists(ArchiveConfig.load(null, Map.of("archive.warehouse", wh), "t").archive());
    assertEquals(null, table.currentSnapshot(), "no snapshot: cat_write's events were not published alone");
    Path data = Path.of(table.location(), "data");
    if (Files.exists(data)) {
      try (var files = Files.walk(data)) {
        assertEquals(0, files.filter(p -> p.toString().endsWith(".parquet")).count(), "written files were removed");
      }
    }
    // and the capture was not recorded as imported: importing it alone now works
    assertEquals(0, importing(capture("cat_write"), "--to", "archive", "--warehouse", wh).code());
  }

  private static int count(Iterable<?> it) {
    int n = 0;
    for (Object ignored : it) {
      n++;
    }
    return n;
  }
}
