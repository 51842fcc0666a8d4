package dev.eyrie.collector.out;

import dev.eyrie.collector.metrics.Metrics;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Bounded on-disk FIFO of encoded events: segment files {@code seg-<index>.spool} of length-prefixed records
 * (4-byte big-endian length, then the bytes), read back in index order. Past {@code maxBytes} the oldest segments
 * are deleted and their records counted as dropped.
 */
public final class Spool {
  /** a closed segment handed to the drainer */
  public record Segment(long index, Path path, long records, long bytes) {}

  private static final long FIRST_INDEX = 1_000_000_000L; // leaves room below for segments written back on shutdown
  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final Metrics metrics;
  private final TreeMap<Long, Segment> closed = new TreeMap<>();
  private long tailIndex;
  private DataOutputStream tail;
  private long tailRecords;
  private long tailBytes;
  private Long draining;
  private long totalBytes;
  private long totalRecords;

  public Spool(Path dir, long maxBytes, Metrics metrics) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(16L << 20, maxBytes / 8));
    this.metrics = metrics;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          String n = p.getFileName().toString();
          if (n.startsWith("seg-") && n.endsWith(".spool")) {
            long idx = Long.parseLong(n.substring(4, n.length() - 6));
            long[] rc = countRecords(p);
            closed.put(idx, new Segment(idx, p, rc[0], rc[1]));
            totalRecords += rc[0];
            totalBytes += rc[1];
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open spool directory " + dir, e);
    }
    tailIndex = closed.isEmpty() ? FIRST_INDEX : closed.lastKey() + 1;
  }

  public synchronized void append(byte[] rec) {
    try {
      if (tail == null) {
        tail = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(segPath(tailIndex)), 1 << 16));
        tailRecords = 0;
        tailBytes = 0;
      }
      tail.writeInt(rec.length);
      tail.write(rec);
      tailRecords++;
      tailBytes += 4 + rec.length;
      totalRecords++;
      totalBytes += 4 + rec.length;
      if (tailBytes >= segmentBytes) {
        closeTail();
      }
      enforceBound();
    } catch (IOException e) {
      metrics.spoolDropped.incrementAndGet();
      throw new UncheckedIOException("spool write failed in " + dir, e);
    }
  }

  /** Writes records that must be delivered before everything already spooled (unacknowledged on shutdown). */
  public synchronized void prepend(List<byte[]> recs) {
    if (recs.isEmpty()) {
      return;
    }
    long idx = (closed.isEmpty() ? (tail != null ? tailIndex : tailIndex) : Math.min(closed.firstKey(), tailIndex)) - 1;
    Path p = segPath(idx);
    long bytes = 0;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p)))) {
      for (byte[] r : recs) {
        out.writeInt(r.length);
        out.write(r);
        bytes += 4 + r.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("spool write failed in " + dir, e);
    }
    closed.put(idx, new Segment(idx, p, recs.size(), bytes));
    totalRecords += recs.size();
    totalBytes += bytes;
  }

  /** The oldest segment for the drainer (closing the tail if it is the only one); null when empty. */
  public synchronized Segment takeHead() {
    if (closed.isEmpty() && tail != null && tailRecords > 0) {
      try {
        closeTail();
      } catch (IOException e) {
        throw new UncheckedIOException("spool flush failed in " + dir, e);
      }
    }
    if (closed.isEmpty()) {
      return null;
    }
    Segment s = closed.firstEntry().getValue();
    draining = s.index();
    return s;
  }

  /** The drainer delivered the segment: forget it. */
  public synchronized void release(Segment s) {
    if (closed.remove(s.index()) != null) {
      totalRecords -= s.records();
      totalBytes -= s.bytes();
    }
    draining = null;
    try {
      Files.deleteIfExists(s.path());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete spool segment " + s.path(), e);
    }
  }

  public synchronized boolean isEmpty() {
    return totalRecords == 0;
  }

  public synchronized long bytes() {
    return totalBytes;
  }

  public synchronized long records() {
    return totalRecords;
  }

  public synchronized void flush() {
    try {
      if (tail != null) {
        tail.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("spool flush failed in " + dir, e);
    }
  }

  public synchronized void close() {
    try {
      if (tail != null) {
        closeTail();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("spool close failed in " + dir, e);
    }
  }

  /** Reads a segment's records in order. */
  public static List<byte[]> read(Segment s) {
    List<byte[]> out = new ArrayList<>((int) Math.min(s.records(), 1 << 20));
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(s.path()),
        1 << 16))) {
      while (true) {
        int n;
        try {
          n = in.readInt();
        } catch (EOFException e) {
          break;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        out.add(b);
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (EOFException e) {
      return out; // torn last record after a crash: everything before it is intact
    } catch (IOException e) {
      throw new UncheckedIOException("reading spool segment " + s.path(), e);
    }
    return out;
  }

  private void closeTail() throws IOException {
    if (tail == null) {
      return;
    }
    tail.close();
    tail = null;
    if (tailRecords > 0) {
      closed.put(tailIndex, new Segment(tailIndex, segPath(tailIndex), tailRecords, tailBytes));
    } else {
      Files.deleteIfExists(segPath(tailIndex));
    }
    tailIndex++;
    tailRecords = 0;
    tailBytes = 0;
  }

  private void enforceBound() throws IOException {
    while (totalBytes > maxBytes && !closed.isEmpty()) {
      Segment oldest = closed.firstEntry().getValue();
      if (draining != null && draining == oldest.index()) {
        Long next = closed.higherKey(oldest.index());
        if (next == null) {
          return;
        }
        oldest = closed.get(next);
      }
      closed.remove(oldest.index());
      Files.deleteIfExists(oldest.path());
      totalBytes -= oldest.bytes();
      totalRecords -= oldest.records();
      metrics.spoolDropped.addAndGet(oldest.records());
    }
  }

  private Path segPath(long idx) {
    return dir.resolve(String.format("seg-%019d.spool", idx));
  }

  private static long[] countRecords(Path p) throws IOException {
    long n = 0;
    long bytes = 0;
    try (InputStream raw = Files.newInputStream(p);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      while (true) {
        int len;
        try {
          len = in.readInt();
        } catch (EOFException e) {
          break;
        }
        if (in.skipBytes(len) < len) {
          break;
        }
        n++;
        bytes += 4 + len;
      }
    }
    return new long[] {n, bytes};
  }
}
