package dev.eyrie.collector;

import static dev.eyrie.collector.Events.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.RequiresKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real collector attached to this machine, shipping to a real Kafka; real programs do real things and the
 * consumed events must describe them. Runs as root (eBPF).
 */
@RequiresKafka
class CollectorKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long SELF = ProcessHandle.current().pid();
  private static LiveCollector live;
  private static Path work;
  private static String hostId;

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("collector-kafka");
    live = LiveCollector.start("collector-events", work, c -> c.withMetricsPort(0));
    hostId = dev.eyrie.collector.state.HostIdentity.read().getId();
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void catOfShadowIsAnOpenByCatWithTheTestJvmAsParent() {
    Children.Result r = Children.run("cat", "/etc/shadow");
    assertEquals(0, r.exit(), r.out());
    // the JVM starts children through jspawnhelper, which then execs the program in the same pid
    Event exec = live.tail.await("execve of cat", e -> e.getType().equals("execve") && e.getProc().getPid() == r.pid()
        && e.getProc().getName().equals("cat"), WAIT);
    assertEquals("cat", exec.getProc().getName());
    assertEquals(List.of("/etc/shadow"), exec.getProc().getArgs());
    assertTrue(exec.getProc().getExepath().endsWith("/cat"), exec.getProc().getExepath());
    assertEquals(SELF, exec.getProc().getPpid());
    assertEquals(SELF, exec.getAncestors().get(0).getPid());
    assertEquals("java", exec.getAncestors().get(0).getName());

    Event open = live.tail.await("open of /etc/shadow", e -> e.getProc().getPid() == r.pid()
        && e.getFd() != null && "/etc/shadow".equals(e.getFd().getName()), WAIT);
    assertTrue(Set.of("open", "openat", "openat2").contains(open.getType()), open.getType());
    assertTrue(open.getRes() >= 0);
    assertEquals(open.getRes(), open.getFd().getNum());
    assertEquals("file", open.getFd().getType());
    assertTrue(arg(open, "flags").startsWith("O_RDONLY"), arg(open, "flags"));
    assertEquals("/etc/shadow", arg(open, "name"));
    assertEquals(0L, open.getUser().getUid());
    assertEquals("root", open.getUser().getName());
    assertEquals("root", open.getUser().getGroup());
    assertEquals("cat", open.getProc().getName());
    assertEquals("host", open.getContainer().getId());
    assertNotNull(open.getFd().getIno());
    assertEquals(hostId + ":" + open.getHost().getBootId() + ":" + open.getSeq(), open.getEventId());
    assertTrue(open.getSeq() > exec.getSeq(), "events of one process keep their order");
  }

  @Test
  void shellSpawningAChildCarriesTheLineage() {
    Children.Result r = Children.run("sh", "-c", "/bin/true child-marker; echo done");
    assertEquals(0, r.exit());
    Event fork = live.tail.await("fork of the shell",
        e -> Set.of("clone", "clone3", "fork", "vfork").contains(e.getType())
        && e.getProc().getPpid() == r.pid(), WAIT);
    assertEquals("sh", fork.getProc().getName());
    Event exec = live.tail.await("exec of true", e -> e.getType().equals("execve")
        && e.getProc().getArgs().contains("child-marker"), WAIT);
    assertEquals(fork.getProc().getPid(), exec.getProc().getPid());
    assertEquals(r.pid(), exec.getProc().getPpid());
    assertEquals("true", exec.getProc().getName());
    assertEquals("sh", exec.getAncestors().get(0).getName());
    assertEquals(r.pid(), exec.getAncestors().get(0).getPid());
    assertEquals(SELF, exec.getAncestors().get(1).getPid());
    assertEquals("0", arg(exec, "res"));
  }

  @Test
  void writeBelowATempDirIsAnOpenForWritingWithTheResolvedPath() throws IOException {
    Path dir = Files.createTempDirectory(work, "writes");
    Children.Result r = Children.run("sh", "-c", "cd " + dir + " && echo hello > ./sub-written.txt");
    assertEquals(0, r.exit(), r.out());
    Path target = dir.resolve("sub-written.txt");
    Event open = live.tail.await("open for writing", e -> e.getFd() != null
        && target.toString().equals(e.getFd().getName()), WAIT);
    assertEquals("sh", open.getProc().getName());
    String flags = arg(open, "flags");
    assertTrue(flags.contains("O_WRONLY") && flags.contains("O_CREAT") && flags.contains("O_TRUNC"), flags);
    assertEquals("./sub-written.txt", open.getFd().getNameraw());
    assertEquals(dir.toString(), open.getProc().getCwd());
    // PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC in the schema's portable encoding
    long ppm = open.getFd().getOpenFlags();
    assertEquals(2L | 4L | 256L, ppm & (2L | 4L | 256L));
  }

  @Test
  void tcpConnectToALocalPortCarriesBothEndpoints() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
        try {
          return server.accept();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      Children.Result r = Children.run("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port + "; echo x >&3");
      assertEquals(0, r.exit(), r.out());
      accepted.get().close();
      // bash may first connect an AF_UNIX socket (glibc's nscd lookup, ENOENT when nscd is absent): wait for the
      // connect whose remote end is our server, not the first connect of the process
      Event c = live.tail.await("connect to " + port,
          e -> e.getType().equals("connect") && e.getProc().getPid() == r.pid()
          && e.getFd() != null && e.getFd().getRemotePort() != null && e.getFd().getRemotePort() == port, WAIT);
      assertEquals(0L, c.getRes());
      assertEquals("ipv4", c.getFd().getType());
      assertEquals("tcp", c.getFd().getL4proto());
      assertEquals("ip", c.getFd().getSockfamily());
      assertEquals("127.0.0.1", c.getFd().getRemoteIp());
      assertEquals(port, c.getFd().getRemotePort());
      assertEquals("127.0.0.1", c.getFd().getLocalIp());
      assertTrue(c.getFd().getLocalPort() > 0);
      assertFalse(c.getFd().getIsServer());
      assertTrue(c.getFd().getConnected());
      assertEquals("127.0.0.1:" + c.getFd().getLocalPort() + "->127.0.0.1:" + port, c.getFd().getName());
      assertEquals(c.getFd().getName(), arg(c, "tuple"));
      assertEquals("127.0.0.1:" + port, arg(c, "addr"));
      assertEquals("bash", c.getProc().getName());
    }
  }

  @Test
  void acceptOnTheServerSideIsTheServerEnd() {
    // a perl server child accepts one connection from a bash client child
    String script = "use IO::Socket::INET; my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,"
        + " Listen => 1, ReuseAddr => 1) or die $!; my $p = $s->sockport; system(\"bash -c 'exec 3<>/dev/tcp/"
        + "127.0.0.1/$p' &\"); my $c = $s->accept; print \"$p\\n\"; close $c;";
    Children.Result r = Children.run("perl", "-e", script);
    assertEquals(0, r.exit(), r.out());
    int port = Integer.parseInt(r.out().trim());
    Event a = live.tail.await("accept on " + port,
        e -> e.getType().startsWith("accept") && e.getProc().getPid() == r.pid()
        && e.getRes() >= 0, WAIT);
    assertTrue(a.getFd().getIsServer());
    assertEquals(port, a.getFd().getLocalPort());
    assertEquals("127.0.0.1", a.getFd().getRemoteIp());
    assertTrue(a.getFd().getName().endsWith("->127.0.0.1:" + port), a.getFd().getName());
    assertEquals(a.getRes(), a.getFd().getNum());
    assertEquals("perl", a.getProc().getName());
  }

  @Test
  void setuidBinarySwitchesUser() {
    Children.Result r = Children.run("su", "nobody", "-s", "/bin/sh", "-c", "id -u; true setuid-marker");
    assertEquals(0, r.exit(), r.out());
    assertEquals("65534", r.out().lines().findFirst().orElse(""));
    Event su = live.tail.await("exec of su", e -> e.getType().equals("execve") && e.getProc().getPid() == r.pid()
        && e.getProc().getName().equals("su"), WAIT);
    assertTrue(su.getProc().getExepath().endsWith("/su"), su.getProc().getExepath());
    Event setuid = live.tail.await("setuid to nobody", e -> Set.of("setuid", "setresuid").contains(e.getType())
        && e.getRes() == 0 && (("65534".equals(arg(e, "uid"))) || "65534".equals(arg(e, "euid"))), WAIT);
    assertEquals("su", setuid.getProc().getName());
    Event id = live.tail.await("id run as nobody",
        e -> e.getType().equals("execve") && e.getProc().getName().equals("id"),
        WAIT);
    assertEquals(65534L, id.getUser().getUid());
    assertEquals("nobody", id.getUser().getName());
    assertTrue(id.getAncestors().stream().anyMatch(a -> a.getName().equals("su")), "su is an ancestor of id");
  }

  @Test
  void renameCarriesBothResolvedPaths() throws IOException {
    Path dir = Files.createTempDirectory(work, "renames");
    Files.writeString(dir.resolve("before.txt"), "x");
    Children.Result r = Children.run("sh", "-c", "cd " + dir + " && mv before.txt after.txt");
    assertEquals(0, r.exit(), r.out());
    Event mv = live.tail.await("rename", e -> e.getType().startsWith("rename")
        && dir.resolve("after.txt").toString().equals(arg(e, "newpath")), WAIT);
    assertEquals(dir.resolve("before.txt").toString(), arg(mv, "oldpath"));
    assertEquals("0", arg(mv, "res"));
    assertEquals("mv", mv.getProc().getName());
    assertEquals("sh", mv.getAncestors().get(0).getName());
  }

  @Test
  void eventsAreKeyedByHostAndNumberedWithoutGaps() {
    Children.run("cat", "/etc/hostname");
    live.tail.await("anything after the last action", e -> e.getProc().getName().equals("cat")
        && e.getType().equals("procexit"), WAIT);
    List<Event> all = live.tail.events();
    assertTrue(live.tail.keys().stream().allMatch(hostId::equals), "every record is keyed by the host id");
    for (int i = 1; i < all.size(); i++) {
      assertEquals(all.get(i - 1).getSeq() + 1, all.get(i).getSeq(), "seq contiguous at index " + i);
    }
    assertEquals(0L, live.collector.metrics().kernelDropped());
  }
}
