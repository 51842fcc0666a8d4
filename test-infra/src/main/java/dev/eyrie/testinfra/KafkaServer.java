package dev.eyrie.testinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A reachable Kafka broker and small helpers for tests. Obtain it through {@link RequiresKafka}. */
public final class KafkaServer {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;

  private KafkaServer(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Connects once so that a wrong address fails here, naming its origin, rather than as a hang in a test. */
  static KafkaServer verified(String bootstrapServers, String origin) {
    KafkaServer server = new KafkaServer(bootstrapServers);
    try (Admin admin = server.admin()) {
      admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers + " (from " + origin + ") does not answer: " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka at " + bootstrapServers, e);
    }
    return server;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A topic name not used before, e.g. {@code events-1f0c9a2b3c4d}. Not created. */
  public String uniqueTopic(String prefix) {
    return UniqueNames.of(prefix);
  }

  /** Creates a fresh topic (replication factor 1) and returns its name. */
  public String createTopic(String prefix, int partitions) {
    String topic = uniqueTopic(prefix);
    createTopics(partitions, topic);
    return topic;
  }

  /** Creates the given topics (replication factor 1) and waits until the broker has them. */
  public void createTopics(int partitions, String... topics) {
    List<NewTopic> newTopics = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
    try (Admin admin = admin()) {
      admin.createTopics(newTopics).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating topics " + Arrays.toString(topics) + " on " + bootstrapServers
          + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An admin client; close it. */
  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    return Admin.create(props);
  }

  /** Byte-array producer settings; add to them as needed. */
  public Properties producerProperties() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }

  /** Byte-array consumer settings reading from the earliest offset; {@code groupId} may be null. */
  public Properties consumerProperties(String groupId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return props;
  }

  /** Sends the values (null keys) and waits until the broker acknowledged every one. */
  public void produce(String topic, List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
      List<Future<?>> sent = new ArrayList<>();
      for (byte[] value : values) {
        sent.add(producer.send(new ProducerRecord<>(topic, value)));
      }
      for (Future<?> f : sent) {
        f.get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("producing to " + topic + " on " + bootstrapServers + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the first {@code count} records of a topic (all partitions, from the beginning, no consumer group).
   * Throws an {@link AssertionError} naming the topic when fewer arrive within {@code timeout}; the timeout only
   * bounds waiting, it is not a performance assertion.
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(null))) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw new AssertionError("topic " + topic + " does not exist on " + bootstrapServers);
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      while (records.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " records from topic " + topic + " within " + timeout
              + ", got " + records.size());
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofNanos(Math.min(left, 500_000_000L)))) {
          if (records.size() < count) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  @Override
  public String toString() {
    return "Kafka at " + bootstrapServers;
  }
}
