package dev.eyrie.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints alerts as they are committed to the alerts topic: read_committed, so only alerts of completed Flink
 * checkpoints show (the exactly-once sink's transactions), never ones a failed attempt will produce again.
 */
final class AlertTable implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PrintWriter out;
  private final Thread thread;
  private final AtomicLong shown = new AtomicLong();
  private volatile boolean draining;

  private AlertTable(KafkaConsumer<byte[], byte[]> consumer, PrintWriter out) {
    this.consumer = consumer;
    this.out = out;
    this.thread = new Thread(this::loop, "eyrie-demo-alerts");
    this.thread.setDaemon(true);
  }

  /**
   * Positions at the end of the alerts topic (older alerts stay in Kafka and Elasticsearch) before returning, so
   * every alert committed after this call is shown.
   */
  static AlertTable start(Properties kafka, String topic, PrintWriter out) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("client.id", "eyrie-demo-alerts");
    KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToEnd(parts);
      for (TopicPartition tp : parts) {
        c.position(tp, Duration.ofSeconds(30)); // resolves the lazy seek now
      }
    } catch (RuntimeException e) {
      c.close(Duration.ZERO);
      throw new IllegalStateException("cannot read the alerts topic " + topic + " at "
          + kafka.getProperty("bootstrap.servers") + ": " + e.getMessage(), e);
    }
    AlertTable t = new AlertTable(c, out);
    t.thread.start();
    return t;
  }

  private void loop() {
    boolean headerShown = false;
    try {
      while (true) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (draining && records.isEmpty()) {
          return;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (r.value() == null) {
            continue;
          }
          synchronized (out) {
            if (!headerShown) {
              out.println(AlertLine.header());
              headerShown = true;
            }
            out.println(AlertLine.format(r.value()));
            out.flush();
          }
          shown.incrementAndGet();
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      synchronized (out) {
        out.println("alerts: reading the alerts topic failed: " + e.getMessage()
            + " (alerts still reach Kafka and Elasticsearch)");
        out.flush();
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  long shown() {
    return shown.get();
  }

  /** Shows what is still committed on the topic (the jobs' last checkpoint), then stops. */
  @Override
  public void close() throws InterruptedException {
    draining = true;
    thread.join(10_000);
    if (thread.isAlive()) {
      consumer.wakeup();
      thread.join(10_000);
    }
  }
}
