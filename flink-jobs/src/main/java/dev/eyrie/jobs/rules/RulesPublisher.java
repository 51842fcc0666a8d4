package dev.eyrie.jobs.rules;

import dev.eyrie.jobs.config.RulesSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code eyrie rules publish}: validates rules files with the same engine the job runs, then writes them as one
 * versioned ruleset to the compacted rules topic; running detection jobs pick it up without a restart. Can wait
 * for the job's verdict on the rules-status topic.
 */
public final class RulesPublisher {
  private final Properties kafka;
  private final String rulesTopic;
  private final String statusTopic;

  /** {@code kafka} holds bootstrap.servers plus any TLS/SASL client properties. */
  public RulesPublisher(Properties kafka, String rulesTopic, String statusTopic) {
    this.kafka = kafka;
    this.rulesTopic = rulesTopic;
    this.statusTopic = statusTopic;
  }

  public static List<RuleFile> read(List<Path> files) {
    List<RuleFile> out = new ArrayList<>();
    for (Path p : files) {
      try {
        out.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("reading rules file " + p.toAbsolutePath(), e);
      }
    }
    return out;
  }

  /** Loads the files locally, as the job would; the result says whether the job would accept them. */
  public static Compilation validate(RulesetRecord record, RulesSettings settings) {
    return RulesetCompiler.compile(record, settings);
  }

  /**
   * Builds the record (version = {@code version}, or derived from the content when null), validates it unless
   * {@code validate} is false, and publishes it. Throws {@link RulesRejectedException} with the load errors when
   * validation fails; nothing is published then.
   */
  public RulesetRecord publish(List<RuleFile> files, String version, boolean validate, RulesSettings settings) {
    RulesetRecord record = new RulesetRecord(
        version == null ? RulesetRecord.contentVersion(files) : version,
        Instant.now(),
        System.getProperty("user.name", "") + "@" + hostname(),
        files);
    if (validate) {
      Compilation c = validate(record, settings);
      if (!c.accepted()) {
        throw new RulesRejectedException(record.version(), c);
      }
    }
    send(record);
    return record;
  }

  /** Writes a record as is, without validation. */
  public RecordMetadata send(RulesetRecord record) {
    RulesTopics.ensure(kafka, rulesTopic, statusTopic);
    Properties p = new Properties();
    p.putAll(kafka);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("compression.type", "zstd");
    p.put("max.request.size", Integer.toString(RulesTopics.MAX_RULESET_BYTES));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(rulesTopic, RulesetRecord.KEY.getBytes(StandardCharsets.UTF_8),
          record.toJson().getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing ruleset " + record.version() + " to " + rulesTopic + " at "
          + kafka.getProperty("bootstrap.servers") + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing ruleset " + record.version(), e);
    }
  }

  /**
   * Waits for a job's status report on {@code version} (JSON, see {@link RulesetStatus}); empty if none arrived
   * within {@code timeout} (no job running, or it is busy restoring).
   */
  public Optional<String> awaitStatus(String version, Duration timeout) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(statusTopic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() != null && version.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            return Optional.of(new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
      return Optional.empty();
    }
  }

  private static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
