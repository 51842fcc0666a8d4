import dev.eyrie.collector.out.EventEncoder;
import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.User;
import dev.eyrie.schema.WireCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per event of the collector's encoder against Avro's own writer (WireCodec), on the openat event the
 * benchmark's load produces (8 ancestors with argv, ~1.2 KB). Thread CPU time, so a shared machine inflates it less
 * than wall time. Run (after edge-collector/src/bench/run.sh has built the classpath file):
 * java -cp edge-collector/target/classes:$(cat edge-collector/target/bench/cp.txt) edge-collector/src/bench/EncoderBench.java
 */
public final class EncoderBench {
  public static void main(String[] a) {
    Host host = new Host("0123456789abcdef0123456789abcdef", "node-1", List.of("10.0.0.2"),
        "01234567-89ab-cdef-0123-456789abcdef");
    User root = new User(0L, "root", "/root", "/bin/bash", -1L, null, 0L, "root");
    List<Ancestor> lineage = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lineage.add(new Ancestor(100L + i, "bash", "/bin/bash", "/usr/bin/bash", List.of("-c", "a command line")));
    }
    List<Ancestor> anc = List.copyOf(lineage);
    Container c = new Container("host", "", null, null, null, null, null, null, null, List.of());
    dev.eyrie.schema.Process p = new dev.eyrie.schema.Process(42L, 42L, 42L, 42L, 10L, 10L, 42L, "openloop",
        "/work/x/openloop", "/work/x/openloop", List.of("/work/x/file", "1000000", "0"), null, "/work", 0, 1L, 1234L,
        false, false, false, 0L, 0L, 0L);
    String prefix = host.getId() + ":" + host.getBootId() + ":";
    String path = "/work/eyrie/edge-collector/target/bench/file";
    EventEncoder enc = new EventEncoder();
    WireCodec<Event> codec = WireCodec.events();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"build the Event only", "build + EventEncoder", "build + Avro writer (WireCodec)"};
    for (int round = 0; round < 3; round++) {
      for (int v = 0; v < 3; v++) {
        int n = v == 2 ? 200_000 : 2_000_000;
        long sink = 0;
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          List<Arg> args = new ArrayList<>(7);
          args.add(new Arg("fd", "3", 3L));
          args.add(new Arg("dirfd", "-100", -100L));
          args.add(new Arg("name", path, null));
          args.add(new Arg("flags", "O_RDONLY", 1L));
          args.add(new Arg("mode", "00", 0L));
          args.add(new Arg("dev", "0x803", 2051L));
          args.add(new Arg("ino", Long.toString(1234567L + (i & 7)), 1234567L + (i & 7)));
          FileDescriptor fd = new FileDescriptor(3L, "file", path, path, false, 1L, 1234567L, 2051L, null, null,
              null, null, null, null, false, false, null, null);
          Event e = new Event(prefix + i, host, (long) i, 1_700_000_000_000_000_000L + i, 1, "openat", 3L, args,
              null, p, root, anc, fd, c, null);
          sink += v == 0 ? e.getEventId().length() : v == 1 ? enc.encode(e).length : codec.encode(e).length;
        }
        long ns = mx.getCurrentThreadCpuTime() - t0;
        if (round == 2) {
          System.out.printf("%-34s %6.0f ns CPU/event (%d)%n", names[v], (double) ns / n, sink / n);
        }
      }
    }
  }
}
