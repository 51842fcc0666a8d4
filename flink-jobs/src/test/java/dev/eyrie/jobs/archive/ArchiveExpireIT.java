package dev.eyrie.jobs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Event;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * `eyrie archive expire` on a real local Iceberg table: the hours older than the retention go (rows, then their
 * files and the snapshots that referenced them), newer hours stay, and the table still reads.
 */
class ArchiveExpireIT {
  private static final long HOUR_NS = 3_600_000_000_000L;

  @TempDir Path tmp;

  /** {@code n} events on 3 hosts within the hour starting {@code hoursAgo} hours before the current hour. */
  private static List<Event> eventsOf(int hoursAgo, String tag, int n) {
    long hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(hoursAgo, ChronoUnit.HOURS).getEpochSecond()
        * 1_000_000_000L;
    return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> {
      Event e = TestEvents.open("node-" + (i % 3), i, "cat", "/etc/" + tag);
      e.setEventId(tag + ":" + i);
      e.setTs(hour + i * (HOUR_NS / (n + 1)));
      return e;
    }).toList();
  }

  private static void commit(Table t, List<Event> events) {
    try (ArchiveWriter w = new ArchiveWriter(t)) {
      events.forEach(w::write);
      w.commit(Map.of(), Map.of());
    }
  }

  private static Set<Path> parquetFiles(Table t) throws Exception {
    try (Stream<Path> s = Files.walk(Path.of(t.location(), "data"))) {
      return s.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toSet());
    }
  }

  private static String expire(String warehouse, String... more) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new ArchiveCommand());
    cl.setOut(new PrintWriter(out, true));
    List<String> args = new java.util.ArrayList<>(List.of("expire", "--warehouse", warehouse));
    args.addAll(List.of(more));
    assertEquals(0, cl.execute(args.toArray(String[]::new)), out.toString());
    return out.toString();
  }

  @Test
  void dropsOldHoursWithTheirFilesAndSnapshotsKeepsNewOnesAndTheTableStillReads() throws Exception {
    String wh = tmp.resolve("warehouse").toString();
    ArchiveSettings s = ArchiveTestTables.settings(wh);
    Table t = ArchiveTables.ensure(s, ArchiveSchema.current());
    // three commits: 5 days old, 3 days old, 2 hours old
    commit(t, eventsOf(24 * 5, "old5", 30));
    commit(t, eventsOf(24 * 3, "old3", 30));
    Set<Path> oldFiles = parquetFiles(t);
    commit(t, eventsOf(2, "recent", 30));
    Set<Path> recentFiles = new HashSet<>(parquetFiles(t));
    recentFiles.removeAll(oldFiles);
    assertFalse(oldFiles.isEmpty());
    assertFalse(recentFiles.isEmpty());
    t.refresh();
    assertEquals(3, count(t.snapshots()));

    // dry run: reports, changes nothing
    String dry = expire(wh, "--older-than", "2d", "--dry-run");
    assertTrue(dry.contains("would drop") && dry.contains("60 event(s)"), dry);
    t.refresh();
    assertEquals(3, count(t.snapshots()));
    assertEquals(90, ArchiveTestTables.rows(t).size());

    String out = expire(wh, "--older-than", "2d", "--snapshot-max-age", "0s");
    assertTrue(out.contains("dropped ") && out.contains("60 event(s)"), out);
    assertTrue(out.contains("expired 3 snapshot(s)"), out);
    t.refresh();
    assertRecentOnly(t, recentFiles);
    assertEquals(1, count(t.snapshots()), "the snapshots before the drop are expired");

    // the archive job commits on (a newer hour); the next run expires the drop's snapshot, deleting its files
    commit(t, eventsOf(0, "now", 10));
    Set<Path> nowFiles = new HashSet<>(parquetFiles(t));
    nowFiles.removeAll(oldFiles);
    String next = expire(wh, "--older-than", "2d", "--snapshot-max-age", "0s");
    assertTrue(next.contains("dropped 0 hour partition(s)"), next);
    for (Path p : oldFiles) {
      assertFalse(Files.exists(p), "expired data file still on disk: " + p + "\n" + out + next);
    }
    for (Path p : nowFiles) {
      assertTrue(Files.exists(p), "a data file of the retained hours was removed: " + p);
    }
    t.refresh();
    assertEquals(1, count(t.snapshots()));
    List<Record> rows = ArchiveTestTables.rows(t);
    assertEquals(40, rows.size(), "the recent hours still read");
    assertTrue(rows.stream().noneMatch(r -> r.getField("event_id").toString().startsWith("old")));
  }

  private static void assertRecentOnly(Table t, Set<Path> recentFiles) {
    List<Record> rows = ArchiveTestTables.rows(t);
    assertEquals(30, rows.size(), "only the recent hour is left");
    assertTrue(rows.stream().allMatch(r -> r.getField("event_id").toString().startsWith("recent:")));
    for (DataFile f : ArchiveTestTables.files(t)) {
      assertTrue(recentFiles.contains(Path.of(f.location().replaceFirst("^file:", ""))), f.location());
    }
  }

  private static int count(Iterable<?> it) {
    int n = 0;
    for (Object ignored : it) {
      n++;
    }
    return n;
  }
}
