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
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;
import dev.eyrie.schema.WireCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cached encoder must write exactly what WireCodec writes, whatever is cached and whatever changes. */
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
        seq % 2 == 0 ? null : java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), p, root, anc, fd, c, k);
  }

  private void same(Event e) {
    assertArrayEquals(codec.encode(e), enc.encode(e), "bytes of " + e.getEventId());
    assertEquals(e, codec.decode(enc.encode(e), null));
  }

  @Test
  void identicalToTheWireCodecAcrossCachedAndChangingParts() {
    Process p = proc(42, "cat");
    FileDescriptor fd = new FileDescriptor(3L, "file", "/etc/shadow", "/etc/shadow", false, 4097L, 739L, 65024L, null,
        null, null, null, null, null, false, false, null, null);
    Container docker = new Container("0123456789ab", "0123456789ab" + "0".repeat(52), "docker", "web", "nginx:1",
        "nginx", "1", null, true, List.of(new dev.eyrie.schema.Mount("/src", "/dst", "rw", true, "rprivate")));
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
}
