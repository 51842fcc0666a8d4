package dev.eyrie.collector;

import static dev.eyrie.collector.Events.arg;
import static dev.eyrie.collector.Events.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.RequiresKafka;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Syscall details that need more than the raw registers, captured live and read back from Kafka. Runs as root. */
@RequiresKafka
class CaptureGapsLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long PPM_O_WRONLY = 1 << 1, PPM_O_CREAT = 1 << 2, PPM_O_TRUNC = 1 << 8,
      PPM_O_CLOEXEC = 1 << 12;
  private static final int RESOLVE_NO_SYMLINKS = 0x04, RESOLVE_BENEATH = 0x08;
  private static LiveCollector live;
  private static Path work;

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("collector-gaps");
    live = LiveCollector.start("collector-gaps", work, UnaryOperator.identity());
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
    // static fields outlive the class: drop the consumed events so later test classes get the heap back
    live = null;
  }

  @Test
  void openat2TakesFlagsModeAndResolveFromOpenHow() throws IOException {
    Path dir = Files.createDirectories(work.resolve("openat2"));
    Children.Result r = openat2(dir, "created.txt", RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
    int fd = Integer.parseInt(r.out().trim());
    assertTrue(fd >= 0, "openat2 failed: " + r.out());
    Path target = dir.resolve("created.txt");
    Event e = live.tail.await("openat2 of " + target,
        x -> x.getType().equals("openat2") && x.getProc().getPid() == r.pid()
        && x.getFd() != null && target.toString().equals(x.getFd().getName()), WAIT);
    assertEquals(fd, e.getRes());
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC", arg(e, "flags"));
    assertEquals(PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC | PPM_O_CLOEXEC, raw(e, "flags"));
    assertEquals("0640", arg(e, "mode"));
    assertEquals("RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS", arg(e, "resolve"));
    assertEquals((1L << 0) | (1L << 3), raw(e, "resolve"), "PPM_RESOLVE_BENEATH|PPM_RESOLVE_NO_SYMLINKS");
    long open = e.getFd().getOpenFlags();
    assertEquals(PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC,
        open & (PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC), "fd.open_flags keeps O_CREAT/O_TRUNC: " + open);
  }

  @Test
  void aRefusedOpenat2StillReportsWhatWasAsked() throws IOException {
    Path dir = Files.createDirectories(work.resolve("openat2-refused"));
    // RESOLVE_BENEATH refuses ".." out of the directory: no file, so nothing but open_how can tell the flags
    Children.Result r = openat2(dir, "../escaped.txt", RESOLVE_BENEATH);
    assertEquals(-18, Integer.parseInt(r.out().trim()), "EXDEV expected: " + r.out());
    Event e = live.tail.await("refused openat2", x -> x.getType().equals("openat2") && x.getProc().getPid() == r.pid()
        && x.getRes() < 0, WAIT);
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC", arg(e, "flags"));
    assertEquals("RESOLVE_BENEATH", arg(e, "resolve"));
    assertEquals(PPM_O_CREAT, e.getFd().getOpenFlags() & PPM_O_CREAT);
  }

  @Test
  void anExecutableWrittenIntoAnOverlayIsInTheUpperLayerAndAnImageOneIsNot() throws IOException {
    Path root = Files.createDirectories(work.resolve("overlay"));
    Path lower = Files.createDirectories(root.resolve("lower"));
    Path merged = Files.createDirectories(root.resolve("merged"));
    Files.createDirectories(root.resolve("upper"));
    Files.createDirectories(root.resolve("work"));
    Files.copy(Path.of("/bin/true"), lower.resolve("from-image"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Children.Result m = Children.run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir="
        + root.resolve("upper") + ",workdir=" + root.resolve("work"), merged.toString());
    assertEquals(0, m.exit(), "cannot mount an overlay (needs root): " + m.out());
    try {
      // written through the merged view: overlayfs puts new files in the upper layer, as a container's drift
      Files.copy(Path.of("/bin/true"), merged.resolve("dropped"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      assertTrue(Files.exists(root.resolve("upper/dropped")), "overlay did not write to its upper layer");
      Children.Result image = Children.run(merged.resolve("from-image").toString(), "upper-marker-image");
      Children.Result dropped = Children.run(merged.resolve("dropped").toString(), "upper-marker-dropped");
      assertEquals(0, image.exit());
      assertEquals(0, dropped.exit());
      Event fromImage = live.tail.await("exec of the lower-layer binary", e -> e.getType().equals("execve")
          && e.getProc().getPid() == image.pid() && e.getProc().getArgs().contains("upper-marker-image"), WAIT);
      Event fromUpper = live.tail.await("exec of the upper-layer binary", e -> e.getType().equals("execve")
          && e.getProc().getPid() == dropped.pid() && e.getProc().getArgs().contains("upper-marker-dropped"), WAIT);
      assertEquals(false, fromImage.getProc().getIsExeUpperLayer(), "a binary from the lower (image) layer");
      assertEquals(true, fromUpper.getProc().getIsExeUpperLayer(), "a binary written into the container");
    } finally {
      Children.run("umount", merged.toString());
    }
  }

  @Test
  void sendtoAndRecvfromCarryTheFirstSnaplenBytesAsTheBuffer() throws IOException {
    byte[] payload = new byte[100];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i < 4 ? new int[] {0xca, 0xfe, 0xba, 0xbe}[i] : i);
    }
    Children.Result r = Children.run("python3", script("udp_echo.py").toString(), java.util.HexFormat.of()
        .formatHex(payload));
    assertEquals(0, r.exit(), r.out());
    assertEquals("100", r.out().trim());
    byte[] first80 = java.util.Arrays.copyOf(payload, CollectorConfig.DEFAULT_SNAPLEN);
    for (String type : new String[] {"sendto", "recvfrom"}) {
      Event e = live.tail.await(type + " of the datagram", x -> x.getType().equals(type)
          && x.getProc().getPid() == r.pid() && x.getRes() == 100, WAIT);
      assertTrue(e.getBuffer() != null, type + " without a buffer");
      byte[] got = new byte[e.getBuffer().remaining()];
      e.getBuffer().duplicate().get(got);
      assertEquals(java.util.HexFormat.of().formatHex(first80), java.util.HexFormat.of().formatHex(got), type);
    }
  }

  static Path script(String name) throws IOException {
    Path script = work.resolve(name);
    if (!Files.exists(script)) {
      try (InputStream in = CaptureGapsLiveTest.class.getResourceAsStream("/live/" + name)) {
        Files.copy(in, script);
      }
    }
    return script;
  }

  private static Children.Result openat2(Path dir, String name, int resolve) throws IOException {
    Path script = script("openat2.py");
    Children.Result r = Children.run("python3", script.toString(), dir.toString(), name, Integer.toString(resolve));
    assertEquals(0, r.exit(), r.out());
    return r;
  }
}
