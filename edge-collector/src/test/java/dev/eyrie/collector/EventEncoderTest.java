package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eyrie.collector.out.EventEncoder;
import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Mount;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;
import dev.eyrie.schema.WireCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The collector's encoder must write exactly what Avro's own writer (WireCodec) writes, whatever is cached and
 * whatever changes, and the detection job's reader must get the same Event back.
 */
class EventEncoderTest {
  private final WireCodec<Event> codec = WireCodec.events();
  private final EventEncoder enc = new EventEncoder();
  private final Host host = new Host("mid", "node-1", List.of("10.0.0.2", "fd00::2"), "boot");
  private final User root = new User(0L, "root", "/root", "/bin/bash", 1000L, "alice", 0L, "root");
  private final List<Ancestor> lineage = List.of(new Ancestor(10L, "bash", "-bash", "/usr/bin/bash", List.of()),
      new Ancestor(1L, "systemd", "/sbin/init", "/usr/lib/systemd/systemd", List.of("--system", "--deserialize")));
  private final Container onHost = new Container("host", "", null, null, null, null, null, null, null, List.of());

  private Process proc(long tid, String comm) {
    return new Process(42L, tid, 42L, tid, 10L, 10L, 42L, comm, "cat", "/usr/bin/cat", List.of("/etc/shadow"), null,
        "/root", 34816, 1_700_000_000_000_000_000L, 1234L, false, false, false, 0x1ffL, 0x1ffL, 0L);
  }

  private Event event(long seq, Process p, FileDescriptor fd, Container c, Kubernetes k, List<Ancestor> anc) {
    return new Event("mid:boot:" + seq, host, seq, 1_700_000_000_123_456_789L + seq, 1, "openat", 3L,
        List.of(new Arg("fd", "3", 3L), new Arg("name", "/etc/shadow", null), new Arg("flags", "O_RDONLY", 1L)),
        seq % 2 == 0 ? null : ByteBuffer.wrap(new byte[] {1, 2, 3}), p, root, anc, fd, c, k);
  }

  /** same bytes as Avro's writer, and the reader gets the event back */
  private void same(Event e) {
    sameBytes(e);
    assertEquals(e, codec.decode(enc.encode(e), null), "decoded " + e.getEventId());
  }

  /** same bytes as Avro's writer (for text Java cannot round-trip: a lone surrogate becomes '?' in UTF-8) */
  private void sameBytes(Event e) {
    byte[] avro = codec.encode(e);
    byte[] mine = enc.encode(e);
    assertArrayEquals(avro, mine, "bytes of " + e.getEventId());
    assertEquals(codec.decode(avro, null), codec.decode(mine, null), "decoded " + e.getEventId());
  }

  @Test
  void identicalToTheWireCodecAcrossCachedAndChangingParts() {
    Process p = proc(42, "cat");
    FileDescriptor fd = new FileDescriptor(3L, "file", "/etc/shadow", "/etc/shadow", false, 4097L, 739L, 65024L, null,
        null, null, null, null, null, false, false, null, null);
    Container docker = new Container("0123456789ab", "0123456789ab" + "0".repeat(52), "docker", "web", "nginx:1",
        "nginx", "1", null, true, List.of(new Mount("/src", "/dst", "rw", true, "rprivate")));
    Kubernetes pod = new Kubernetes("default", "web-0", "uid-1", Map.of("app", "web"));
    same(event(1, p, fd, onHost, null, lineage));
    same(event(2, p, fd, onHost, null, lineage)); // everything cached
    same(event(3, proc(43, "cat"), null, onHost, null, lineage)); // new process instance
    same(event(4, p, fd, docker, pod, lineage)); // container and pod
    same(event(5, p, fd, docker, pod, List.of())); // different ancestors list
    same(event(6, p, fd, onHost, null, lineage)); // back to the earlier cached ones
    FileDescriptor sock = new FileDescriptor(4L, "ipv4", "127.0.0.1:5000->127.0.0.1:80", null, true, 0L, null, null,
        "tcp", "ip", "127.0.0.1", 5000, "127.0.0.1", 80, false, true, "web", "client");
    same(event(7, p, sock, onHost, null, lineage));
  }

  @Test
  void stringsOfEveryShapeAndLength() {
    Process p = proc(42, "cat");
    // ASCII, Latin-1, CJK, emoji (surrogate pairs), a lone surrogate (Java writes '?'), NUL, and lengths around
    // the 1- and 2-byte varint bounds of the length prefix
    String[] values = {"", "a", "é", "日本語のパス", "\uD83D\uDE00 smile", "bad \uD800 half", "nul\0byte",
        "x".repeat(63), "x".repeat(64), "é".repeat(40), "y".repeat(8191), "y".repeat(8192), "z".repeat(70_000),
        "/tmp/" + "ü".repeat(5000) + "/end", "mixed ascii then ☃"};
    long seq = 1;
    for (String v : values) {
      List<Arg> args = List.of(new Arg("name", v, null), new Arg(v, "3", 3L));
      FileDescriptor fd = new FileDescriptor(3L, "file", v, v, true, 1L, null, null, null, null, null, null, null,
          null, false, false, null, null);
      Event e = new Event("mid:boot:" + v, host, seq, seq, 0, v.isEmpty() ? "open" : v, -2L, args, null, p, root,
          lineage, fd, onHost, null);
      if (v.contains("\uD800")) {
        sameBytes(e);
      } else {
        same(e);
      }
      seq++;
    }
  }

  @Test
  void eventIdsWhosePrefixRepeatsChangesOrIsMissing() {
    Process p = proc(42, "cat");
    String[] ids = {"h:b:1", "h:b:2", "h:b:10000000000", "h2:b:3", "h2:b:", ":", "", "no-colon", "h:b:é", "hé:b:4",
        "hé:b:5", "h:b:1:2", "h:b:6", "x".repeat(100) + ":7", "x".repeat(100) + ":8", "h:b:\uD83D\uDE00"};
    for (String id : ids) {
      same(new Event(id, host, 1L, 1L, 0, "openat", 0L, List.of(), null, p, root, lineage, null, onHost, null));
    }
  }

  @Test
  void aStringRepeatedWithinAnEventAndAcrossEvents() {
    Process p = proc(42, "cat");
    String path = "/var/lib/something/long/enough/to/be/remembered";
    String other = "/var/lib/something/long/enough/to/be/remembered/too";
    for (String second : new String[] {path, other, new String(path), "short"}) {
      FileDescriptor fd = new FileDescriptor(3L, "file", second, path, false, 1L, null, null, null, null, null, null,
          null, null, false, false, null, null);
      same(new Event("h:b:1", host, 1L, 1L, 0, "openat", 3L, List.of(new Arg("name", path, null)), null, p, root,
          lineage, fd, onHost, null));
    }
  }

  @Test
  void numbersAtTheirLimitsNullsAndEmptyLists() {
    long[] longs = {0, 1, -1, 63, 64, -64, -65, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE, 1L << 35, -(1L << 49)};
    int[] ints = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20};
    User nobody = new User(65534L, null, null, null, -1L, null, 65534L, null);
    Process bare = new Process(1L, 1L, 0L, 0L, 0L, 0L, 0L, "init", "", "", List.of(), List.of(), null, 0, 0L, null,
        true, true, true, 0L, 0L, 0L);
    for (int i = 0; i < longs.length; i++) {
      long v = longs[i];
      int iv = ints[i % ints.length];
      FileDescriptor fd = new FileDescriptor(v, "ipv6", "", null, false, v, v, v, null, null, null, iv, "::1", iv,
          true, true, null, null);
      same(new Event("id", host, v, v, iv, "connect", v, List.of(new Arg("res", "", v)), ByteBuffer.allocate(0),
          bare, nobody, List.of(), i % 2 == 0 ? fd : null, onHost, null));
    }
  }

  @Test
  void aBufferIsWrittenFromItsPositionToItsLimitAndLeftUnmoved() {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4});
    b.position(2).limit(5);
    Event e = new Event("id", host, 1L, 1L, 0, "write", 3L, List.of(), b, proc(42, "cat"), root, lineage, null,
        onHost, null);
    same(e);
    assertEquals(2, b.position());
    assertEquals(5, b.limit());
  }

  @Test
  void randomEventsWithRecurringAndFreshSubRecords() {
    Random r = new Random(20261122);
    List<Process> procs = new ArrayList<>();
    List<List<Ancestor>> lineages = new ArrayList<>();
    List<Container> containers = new ArrayList<>();
    List<Kubernetes> pods = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      // reuse an earlier instance most of the time (as the builder does), make a fresh one sometimes
      Process p = procs.isEmpty() || r.nextInt(8) == 0 ? randomProcess(r) : procs.get(r.nextInt(procs.size()));
      procs.add(p);
      List<Ancestor> anc = lineages.isEmpty() || r.nextInt(8) == 0 ? randomLineage(r)
          : lineages.get(r.nextInt(lineages.size()));
      lineages.add(anc);
      Container c = containers.isEmpty() || r.nextInt(10) == 0 ? randomContainer(r)
          : containers.get(r.nextInt(containers.size()));
      containers.add(c);
      Kubernetes k = r.nextInt(3) == 0 ? null : pods.isEmpty() || r.nextInt(10) == 0 ? randomPod(r)
          : pods.get(r.nextInt(pods.size()));
      if (k != null) {
        pods.add(k);
      }
      User u = r.nextBoolean() ? root : new User(r.nextLong(), opt(r), opt(r), opt(r), r.nextLong(), opt(r),
          r.nextLong(), opt(r));
      Host h = r.nextInt(50) == 0 ? new Host(text(r), text(r), strings(r), text(r)) : host;
      List<Arg> args = new ArrayList<>();
      for (int a = r.nextInt(6); a > 0; a--) {
        args.add(new Arg(text(r), text(r), r.nextBoolean() ? null : r.nextLong()));
      }
      FileDescriptor fd = r.nextInt(4) == 0 ? null : new FileDescriptor(r.nextLong(), text(r), text(r), opt(r),
          r.nextBoolean(), r.nextLong(), r.nextBoolean() ? null : r.nextLong(), r.nextBoolean() ? null : r.nextLong(),
          opt(r), opt(r), opt(r), r.nextBoolean() ? null : r.nextInt(), opt(r), r.nextBoolean() ? null : r.nextInt(),
          r.nextBoolean(), r.nextBoolean(), opt(r), opt(r));
      ByteBuffer buf = r.nextInt(3) == 0 ? ByteBuffer.wrap(text(r).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          : null;
      same(new Event(text(r), h, r.nextLong(), r.nextLong(), r.nextInt(), text(r), r.nextLong(), args, buf, p, u,
          anc, fd, c, k));
    }
  }

  private static final String[] PIECES = {"", "/", "etc", "shadow", "é", "日本", "\uD83D\uDE00", "O_RDONLY|O_CLOEXEC",
      "127.0.0.1:5000->10.0.0.1:443", " ", "..", "-"};

  private static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(r.nextInt(20) == 0 ? 200 : 8); n > 0; n--) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String opt(Random r) {
    return r.nextInt(3) == 0 ? null : text(r);
  }

  private static List<String> strings(Random r) {
    List<String> l = new ArrayList<>();
    for (int n = r.nextInt(4); n > 0; n--) {
      l.add(text(r));
    }
    return l;
  }

  private static Process randomProcess(Random r) {
    return new Process(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
        r.nextLong(), text(r), text(r), text(r), strings(r), r.nextBoolean() ? null : strings(r), opt(r), r.nextInt(),
        r.nextLong(), r.nextBoolean() ? null : r.nextLong(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
        r.nextLong(), r.nextLong(), r.nextLong());
  }

  private static List<Ancestor> randomLineage(Random r) {
    List<Ancestor> l = new ArrayList<>();
    for (int n = r.nextInt(9); n > 0; n--) {
      l.add(new Ancestor(r.nextLong(), text(r), text(r), text(r), strings(r)));
    }
    return l;
  }

  private static Container randomContainer(Random r) {
    List<Mount> mounts = new ArrayList<>();
    for (int n = r.nextInt(3); n > 0; n--) {
      mounts.add(new Mount(text(r), text(r), text(r), r.nextBoolean(), text(r)));
    }
    return new Container(text(r), text(r), opt(r), opt(r), opt(r), opt(r), opt(r), opt(r),
        r.nextBoolean() ? null : r.nextBoolean(), mounts);
  }

  private static Kubernetes randomPod(Random r) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int n = r.nextInt(4); n > 0; n--) {
      labels.put(text(r), text(r));
    }
    return new Kubernetes(opt(r), opt(r), opt(r), labels);
  }
}
