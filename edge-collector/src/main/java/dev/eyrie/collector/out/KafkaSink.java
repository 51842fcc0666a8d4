package dev.eyrie.collector.out;

import dev.eyrie.collector.metrics.Metrics;
import dev.eyrie.schema.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events to Kafka, keyed by host id (one partition, one order per host), with a disk spool for outages.
 *
 * <p>DIRECT: records go to the producer (idempotent, retrying forever, so a record it accepted is delivered once
 * Kafka answers). When Kafka stops acknowledging, unacknowledged records pile up; past a bound the sink switches to
 * SPOOLING and new records go to disk. The drainer thread waits until every record the producer holds is
 * acknowledged (so spooled records never overtake them), replays the spool in order, and switches back to DIRECT
 * once it is empty. On shutdown, records still unacknowledged after the drain timeout are written to the front of
 * the spool for the next start.
 */
public final class KafkaSink implements EventSink {
  private enum Mode { DIRECT, SPOOLING }

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final byte[] key;
  private final Spool spool;
  private final Metrics metrics;
  private final Function<Event, byte[]> encoder;
  private final long maxUnacked;
  private final Duration drainTimeout;
  private final Object lock = new Object();
  /**
   * Sent and not yet settled, in send order. Callbacks usually complete in that order, but not always (a send that
   * fails on missing metadata completes at once), so each entry is settled by identity and only settled entries at
   * the head are dropped.
   */
  private final java.util.concurrent.ConcurrentLinkedDeque<Pending> unacked =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  /** sent minus settled: what the producer still holds */
  private final java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();

  /** one sent record: its bytes (for the spool, should it never be acknowledged) and its own callback */
  private final class Pending implements Callback {
    final byte[] value;
    volatile boolean settled;

    Pending(byte[] value) {
      this.value = value;
    }

    @Override
    public void onCompletion(RecordMetadata md, Exception ex) {
      if (ex == null) {
        metrics.sent.incrementAndGet();
      } else {
        failed(value, ex);
      }
      settled = true;
      outstanding.decrementAndGet();
    }
  }

  private volatile Mode mode = Mode.SPOOLING;
  private volatile boolean closing;
  private volatile boolean kafkaUp;
  private final Thread drainer;

  public KafkaSink(Properties producerProps, String topic, String hostId, Spool spool, Metrics metrics,
      long maxUnacked, Duration drainTimeout) {
    this(new KafkaProducer<>(withDefaults(producerProps)), topic, hostId, spool, metrics, maxUnacked, drainTimeout,
        new EventEncoder()::encode);
  }

  KafkaSink(Producer<byte[], byte[]> producer, String topic, String hostId, Spool spool, Metrics metrics,
      long maxUnacked, Duration drainTimeout, Function<Event, byte[]> encoder) {
    this.producer = producer;
    this.topic = topic;
    this.key = hostId.getBytes(StandardCharsets.UTF_8);
    this.spool = spool;
    this.metrics = metrics;
    this.maxUnacked = maxUnacked;
    this.drainTimeout = drainTimeout;
    this.encoder = encoder;
    metrics.spool(spool::bytes, spool::records);
    drainer = new Thread(this::drainLoop, "eyrie-spool-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Producer settings the sink relies on; the user's file (TLS, SASL, tuning) is layered on top. */
  public static Properties withDefaults(Properties user) {
    Properties p = new Properties();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "eyrie-collector");
    p.putAll(user);
    return p;
  }

  @Override
  public void ship(Event event) {
    byte[] value = encoder.apply(event);
    metrics.encodedBytes.addAndGet(value.length);
    // fast path without the lock: the common case is Kafka answering and nothing spooled
    if (mode == Mode.DIRECT && outstanding.get() < maxUnacked) {
      send(value);
      return;
    }
    synchronized (lock) {
      if (mode == Mode.DIRECT && outstanding.get() < maxUnacked) {
        send(value);
        return;
      }
      if (mode == Mode.DIRECT) {
        mode = Mode.SPOOLING; // Kafka stopped acknowledging: stop growing the producer's memory
        metrics.kafkaErrors.incrementAndGet();
        lock.notifyAll();
      }
      // under the lock: the drainer must not see an empty spool and switch to DIRECT between the mode check and
      // this append, or the record would wait in the spool while later ones overtake it
      spool.append(value);
    }
  }

  private void send(byte[] value) {
    Pending p = new Pending(value);
    unacked.addLast(p);
    outstanding.incrementAndGet();
    producer.send(new ProducerRecord<>(topic, key, value), p);
    // drop settled entries from the head; what stays is what a shutdown must keep
    for (Pending h = unacked.peekFirst(); h != null && h.settled; h = unacked.peekFirst()) {
      unacked.pollFirst();
    }
  }

  private void failed(byte[] value, Exception ex) {
    synchronized (lock) {
      if (metrics.kafkaErrors.incrementAndGet() <= 5) {
        System.err.println("eyrie collector: Kafka send failed, record goes to the spool: " + ex);
      }
      if (!closing) {
        // the producer gave up on it (no metadata, fatal error): keep it on disk, and stop sending directly
        // until the drainer has seen Kafka answer again
        spool.append(value);
        mode = Mode.SPOOLING;
        kafkaUp = false;
      }
    }
  }

  private void drainLoop() {
    while (!closing) {
      try {
        if (!waitForKafka()) {
          continue;
        }
        Spool.Segment seg = spool.takeHead();
        if (seg == null) {
          synchronized (lock) {
            if (spool.isEmpty() && outstanding.get() == 0) {
              mode = Mode.DIRECT;
            }
          }
          Thread.sleep(100);
          continue;
        }
        for (byte[] rec : Spool.read(seg)) {
          while (outstanding.get() >= maxUnacked && !closing) {
            Thread.sleep(5);
          }
          send(rec);
        }
        // the segment file goes only after its records are acknowledged: a crash before that replays it
        while (outstanding.get() > 0 && !closing) {
          Thread.sleep(5);
        }
        if (outstanding.get() == 0) {
          spool.release(seg);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        metrics.kafkaErrors.incrementAndGet();
        sleep(1000);
      }
    }
  }

  /** true when Kafka has metadata for the topic and nothing sent earlier is still unacknowledged */
  private boolean waitForKafka() throws InterruptedException {
    if (mode == Mode.DIRECT) {
      Thread.sleep(100);
      return false;
    }
    if (outstanding.get() > 0) {
      Thread.sleep(20);
      return false;
    }
    if (!kafkaUp) {
      try {
        producer.partitionsFor(topic); // blocks up to max.block.ms while Kafka is unreachable
        kafkaUp = true;
      } catch (RuntimeException e) {
        metrics.kafkaErrors.incrementAndGet();
        sleep(500);
        return false;
      }
    }
    return true;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** true while events bypass the spool */
  public boolean direct() {
    synchronized (lock) {
      return mode == Mode.DIRECT;
    }
  }

  @Override
  public void drain() {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    // let the drainer finish the spool while Kafka answers, then wait for the producer's acknowledgements
    while (System.nanoTime() < deadline) {
      if (outstanding.get() == 0 && (spool.isEmpty() || !kafkaUp)) {
        break;
      }
      sleep(50);
    }
    closing = true;
    drainer.interrupt();
    try {
      drainer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<byte[]> left;
    synchronized (lock) {
      left = new ArrayList<>();
      for (Pending p : unacked) {
        if (!p.settled) {
          left.add(p.value);
        }
      }
      unacked.clear();
      closing = true; // callbacks of the records written back must not spool them a second time
    }
    spool.prepend(left);
    spool.flush();
  }

  @Override
  public void close() {
    closing = true;
    drainer.interrupt();
    producer.close(Duration.ZERO);
    spool.close();
  }
}
