package dev.eyrie.cli.demo;

import dev.eyrie.capture.CaptureReader;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays an events file to the events topic, as a collector would send it (WireCodec, keyed by host id): an Avro
 * container file of Eyrie events ({@code eyrie collector --output}) or a scap capture. Event times are shifted so
 * the first event happens now, keeping their spacing (the table and the archive then read like a live run); the
 * file is sent once, as fast as Kafka takes it.
 */
final class EventReplay implements EventFeed {
  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

  private final Path file;
  private final String label;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean stopping;

  private EventReplay(Path file, String label, Properties kafka, String topic, Consumer<String> log) {
    this.file = file;
    this.label = label;
    this.thread = new Thread(() -> run(kafka, topic, log), "eyrie-demo-replay");
  }

  /** Fails, naming the file and the problem, unless it opens as an events file or a capture. */
  static void check(Path file) throws IOException {
    try (Closeable c = open(file).closeable()) {
      // opened and closed: the replay thread opens it again
    }
  }

  /** Checks the file, then replays it on a thread. */
  static EventReplay start(Path file, String label, Properties kafka, String topic, Consumer<String> log)
      throws IOException {
    check(file);
    EventReplay r = new EventReplay(file, label, kafka, topic, log);
    r.thread.start();
    return r;
  }

  private record Input(Closeable closeable, Iterator<Event> events) {}

  static Input open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("events file not found: " + file.toAbsolutePath());
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    }
    if (head.length == 4 && head[0] == AVRO_MAGIC[0] && head[1] == AVRO_MAGIC[1] && head[2] == AVRO_MAGIC[2]
        && head[3] == AVRO_MAGIC[3]) {
      DataFileReader<Event> r;
      try {
        r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Event.class));
      } catch (IOException | RuntimeException e) {
        throw new IOException(file + ": not a readable Eyrie events file: " + e.getMessage(), e);
      }
      return new Input(r, r);
    }
    // anything else is taken for a capture; the scap reader's error names the file and what it found
    CaptureReader capture = CaptureReader.open(file);
    return new Input(capture, capture.iterator());
  }

  private void run(Properties kafka, String topic, Consumer<String> log) {
    Input in;
    try {
      in = open(file);
    } catch (IOException e) {
      log.accept("replay of " + label + " failed: " + e.getMessage());
      return;
    }
    Properties p = new Properties();
    p.putAll(kafka);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "10");
    p.put("client.id", "eyrie-demo-replay");
    try (Closeable c = in.closeable();
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      WireCodec<Event> codec = WireCodec.events(); // building one parses the schemas: once, not per event
      long shift = Long.MIN_VALUE;
      while (!stopping && in.events().hasNext()) {
        Event e = in.events().next();
        if (shift == Long.MIN_VALUE) {
          shift = System.currentTimeMillis() * 1_000_000L - e.getTs();
        }
        e.setTs(e.getTs() + shift);
        byte[] key = e.getHost().getId().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, codec.encode(e)), (md, ex) -> {
          if (ex != null) {
            failure.compareAndSet(null, ex);
          }
        });
        sent.incrementAndGet();
      }
      producer.flush();
      Exception f = failure.get();
      if (f != null) {
        log.accept("replay of " + label + " failed: Kafka rejected events: " + f.getMessage());
      } else if (!stopping) {
        log.accept("replay: all " + sent.get() + " events of " + label + " sent to topic " + topic);
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
      log.accept("replay of " + label + " failed: " + e.getMessage());
    }
  }

  long sent() {
    return sent.get();
  }

  @Override
  public String describe() {
    return "replay of " + label;
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
