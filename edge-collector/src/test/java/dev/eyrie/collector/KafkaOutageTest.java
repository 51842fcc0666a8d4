package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Event;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dedicated broker (not the shared one other tests use) is stopped while a process opens a file in a loop and
 * started again: every open arrives, and the sequence numbers of everything consumed are contiguous.
 */
class KafkaOutageTest {
  private static Path root;
  private static int port;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    root = projectRoot();
    port = freePortPair();
    kafka("start");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (root != null && port > 0) {
      kafka("stop");
    }
  }

  @Test
  void brokerDownUnderLoadThenBackLosesNothing() throws Exception {
    String bootstrap = "127.0.0.1:" + port;
    String topic = "outage-" + Long.toHexString(System.nanoTime());
    Properties admin = new Properties();
    admin.put("bootstrap.servers", bootstrap);
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    CollectorConfig cfg = CollectorConfig.defaults().withKafka(bootstrap, topic).withStateDir(dir.resolve("state"))
        .withSpool(dir.resolve("spool"), 1L << 30).withMetricsPort(-1).withSyscalls(List.of("openat"))
        .withMaxUnacked(2_000);
    Path marker = Files.writeString(dir.resolve("marker"), "m");
    Path stop = dir.resolve("stop");
    long peakSpool = 0;
    int opens;
    try (Collector c = Collector.start(cfg, System.err::println)) {
      // ~2000 opens/s until the stop file appears, then print how many
      String loop = "my $n = 0; until (-e $ARGV[1]) { for (1..20) { open(my $f, '<', $ARGV[0]) or die; close $f;"
          + " $n++ } select(undef, undef, undef, 0.01) } print \"$n\\n\";";
      Process load = new ProcessBuilder("perl", "-e", loop, marker.toString(), stop.toString()).start();
      Thread.sleep(2000);
      kafka("stop");
      for (int i = 0; i < 40; i++) { // ~4 s of load with the broker gone
        Thread.sleep(100);
        peakSpool = Math.max(peakSpool, c.metrics().spoolRecordsNow());
      }
      kafka("start");
      Thread.sleep(2000);
      Files.writeString(stop, "x");
      opens = Integer.parseInt(new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
      assertTrue(load.waitFor(60, TimeUnit.SECONDS));
      assertTrue(opens > 5_000, "the load ran: " + opens);

      Properties cp = new Properties();
      cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
      try (TopicTail tail = new TopicTail(cp, topic)) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        long[] markerOpens = {0};
        TreeSet<Long> seqs = new TreeSet<>();
        String markerName = marker.toString();
        while (markerOpens[0] < opens && System.nanoTime() < deadline) {
          tail.pollEach(e -> {
            seqs.add(e.getSeq());
            if (e.getFd() != null && markerName.equals(e.getFd().getName())) {
              markerOpens[0]++;
            }
          });
        }
        assertEquals(opens, markerOpens[0], "every open of the marker file reached Kafka; collector metrics:\n"
            + c.metrics().render());
        // a record the producer gave up on is re-sent from the spool, after later ones: keep reading until the
        // numbers close up (or the deadline shows the gap is real)
        while (seqs.last() - seqs.first() + 1 != seqs.size() && System.nanoTime() < deadline) {
          tail.pollEach(e -> seqs.add(e.getSeq()));
        }
        long span = seqs.last() - seqs.first() + 1;
        assertEquals(span, seqs.size(), "sequence numbers " + seqs.first() + ".." + seqs.last() + " without gaps");
      }
      assertTrue(peakSpool > 0, "events went through the spool while the broker was down");
      assertEquals(0, c.metrics().kernelDropped());
      assertEquals(0, c.metrics().spoolDropped.get());
    }
  }

  private static void kafka(String cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/kafka.sh").toString(), cmd)
        .redirectErrorStream(true);
    pb.environment().put("EYRIE_KAFKA_PORT", Integer.toString(port));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("scripts/kafka.sh " + cmd + " on port " + port + " failed:\n" + out);
    }
  }

  private static int freePortPair() throws IOException {
    for (int p = 19392; p < 19492; p += 2) {
      try (ServerSocket a = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress());
          ServerSocket b = new ServerSocket(p + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException busy) {
        // next pair
      }
    }
    throw new IllegalStateException("no free port pair in 19392..19492 for the outage test's broker");
  }

  static Path projectRoot() {
    String prop = System.getProperty("eyrie.root");
    Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("scripts/kafka.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root with scripts/kafka.sh not found (eyrie.root=" + prop + ")");
    }
    return p;
  }
}
