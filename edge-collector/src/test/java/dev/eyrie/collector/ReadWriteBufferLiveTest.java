package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eyrie.schema.Event;
import dev.eyrie.testinfra.RequiresKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * read/write are opt-in (named in the syscall set); their data arrives as evt.buffer cut at the configured snaplen.
 * Runs as root (eBPF).
 */
@RequiresKafka
class ReadWriteBufferLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int SNAPLEN = 16;
  private static LiveCollector live;
  private static Path work;
  private static final List<Event> kept = new java.util.ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("collector-rw");
    live = LiveCollector.start("collector-rw", work,
        c -> c.withSyscalls(List.of("openat", "read", "write")).withSnaplen(SNAPLEN));
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
    // static fields outlive the class: drop the consumed events so later test classes get the heap back
    live = null;
    kept.clear();
  }

  @Test
  void catOfAClassFileShowsCafebabeInTheReadAndTheWrite() throws IOException {
    byte[] content = new byte[64];
    byte[] text = "cafebabe-marker-0123456789-and-more".getBytes(StandardCharsets.US_ASCII);
    content[0] = (byte) 0xca;
    content[1] = (byte) 0xfe;
    content[2] = (byte) 0xba;
    content[3] = (byte) 0xbe;
    System.arraycopy(text, 0, content, 4, text.length);
    Path file = Files.write(work.resolve("Payload.class"), content);
    Children.Result r = Children.run("cat", file.toString());
    assertEquals(0, r.exit());
    String want = HexFormat.of().formatHex(Arrays.copyOf(content, SNAPLEN));

    Event read = await("read of the class file", e -> e.getType().equals("read") && e.getProc().getPid() == r.pid()
        && e.getRes() == content.length);
    assertNotNull(read.getFd());
    assertEquals(file.toString(), read.getFd().getName());
    assertEquals(want, hex(read), "the first snaplen bytes, not the whole 64");

    Event write = await("write to stdout", e -> e.getType().equals("write") && e.getProc().getPid() == r.pid()
        && e.getRes() == content.length);
    assertEquals(want, hex(write));
  }

  @Test
  void aFailedReadHasAnEmptyBuffer() {
    Children.Result r = Children.run("cat", "/proc/self");
    assertEquals(1, r.exit(), "cat of a directory fails with EISDIR");
    Event read = await("failed read", e -> e.getType().equals("read") && e.getProc().getPid() == r.pid()
        && e.getRes() == -21);
    assertEquals("", hex(read));
  }

  /**
   * Every read and write of the machine is traced here, so events are matched as they stream by and only matches
   * are kept (TopicTail.await would hold them all). Matches of earlier tests stay in {@link #kept}.
   */
  private static Event await(String what, java.util.function.Predicate<Event> p) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int seen = 0;
    while (true) {
      for (Event e : kept) {
        if (p.test(e)) {
          return e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no event for: " + what + " among " + seen + " consumed events");
      }
      seen += live.tail.pollEach(e -> {
        if (e.getType().equals("read") || e.getType().equals("write")) {
          if (e.getProc().getName().equals("cat")) {
            kept.add(e);
          }
        }
      });
    }
  }

  private static String hex(Event e) {
    assertNotNull(e.getBuffer(), e.getType() + " without a buffer");
    byte[] got = new byte[e.getBuffer().remaining()];
    e.getBuffer().duplicate().get(got);
    return HexFormat.of().formatHex(got);
  }
}
