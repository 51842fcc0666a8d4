package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.collector.metrics.Metrics;
import dev.eyrie.collector.out.Spool;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static byte[] rec(int i, int size) {
    return ByteBuffer.allocate(size).putInt(0, i).array();
  }

  private static List<Integer> drainAll(Spool s) {
    List<Integer> out = new ArrayList<>();
    for (Spool.Segment seg = s.takeHead(); seg != null; seg = s.takeHead()) {
      for (byte[] r : Spool.read(seg)) {
        out.add(ByteBuffer.wrap(r).getInt(0));
      }
      s.release(seg);
    }
    return out;
  }

  @Test
  void recordsComeBackInOrderAcrossSegmentsAndRestarts() {
    Metrics m = new Metrics();
    Spool s = new Spool(dir, 64L << 20, m);
    for (int i = 0; i < 50_000; i++) {
      s.append(rec(i, 100));
    }
    s.close();
    Spool reopened = new Spool(dir, 64L << 20, m); // a restarted collector finds the segments
    assertEquals(50_000, reopened.records());
    reopened.append(rec(50_000, 100));
    List<Integer> got = drainAll(reopened);
    assertEquals(50_001, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(i, got.get(i));
    }
    assertTrue(reopened.isEmpty());
    assertEquals(0, m.spoolDropped.get());
  }

  @Test
  void pastTheBoundTheOldestSegmentsAreDroppedAndCounted() {
    Metrics m = new Metrics();
    long bound = 1L << 20;
    Spool s = new Spool(dir, bound, m);
    int n = 40_000; // 4 MB of records into a 1 MB spool
    for (int i = 0; i < n; i++) {
      s.append(rec(i, 96));
    }
    assertTrue(s.bytes() <= bound, "spool holds " + s.bytes() + " bytes, bound " + bound);
    List<Integer> got = drainAll(s);
    assertEquals(n, got.size() + m.spoolDropped.get(), "every record is either kept or counted as dropped");
    assertEquals(n - 1, got.get(got.size() - 1), "the newest records survive");
    for (int i = 1; i < got.size(); i++) {
      assertEquals(got.get(i - 1) + 1, got.get(i), "what survives is a contiguous tail");
    }
  }

  @Test
  void prependedRecordsComeFirst() {
    Spool s = new Spool(dir, 64L << 20, new Metrics());
    s.append(rec(10, 8));
    s.append(rec(11, 8));
    s.prepend(List.of(rec(8, 8), rec(9, 8)));
    assertEquals(List.of(8, 9, 10, 11), drainAll(s));
    assertNull(s.takeHead());
  }

  @Test
  void aTornLastRecordLosesOnlyItself() throws Exception {
    Spool s = new Spool(dir, 64L << 20, new Metrics());
    s.append(rec(1, 16));
    s.append(rec(2, 16));
    s.close();
    Path seg;
    try (var files = java.nio.file.Files.list(dir)) {
      seg = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
    }
    java.nio.file.Files.write(seg, new byte[] {0, 0, 0, 16, 1, 2}, java.nio.file.StandardOpenOption.APPEND);
    Spool again = new Spool(dir, 64L << 20, new Metrics());
    List<byte[]> recs = Spool.read(again.takeHead());
    assertEquals(2, recs.size());
    assertArrayEquals(rec(2, 16), recs.get(1));
  }
}
