package dev.eyrie.collector;

import dev.eyrie.testinfra.KafkaServer;
import dev.eyrie.testinfra.RealInfra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The real collector attached to this kernel, shipping to a new topic of the real Kafka, with a consumer tailing
 * that topic: what every live test class starts once and closes once.
 */
final class LiveCollector implements AutoCloseable {
  final Collector collector;
  final TopicTail tail;

  private LiveCollector(Collector collector, TopicTail tail) {
    this.collector = collector;
    this.tail = tail;
  }

  /**
   * {@code configure} adjusts the defaults, which already point at the topic, keep state below {@code work} and
   * serve no metrics port.
   */
  static LiveCollector start(String topicName, Path work, UnaryOperator<CollectorConfig> configure)
      throws IOException {
    KafkaServer kafka = RealInfra.kafka();
    String topic = kafka.createTopic(topicName, 1);
    CollectorConfig cfg = configure.apply(CollectorConfig.defaults().withKafka(kafka.bootstrapServers(), topic)
        .withStateDir(work.resolve("state")).withMetricsPort(-1));
    Collector collector = Collector.start(cfg, System.err::println);
    try {
      return new LiveCollector(collector, new TopicTail(kafka.consumerProperties(null), topic));
    } catch (RuntimeException e) {
      collector.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      collector.close();
    } finally {
      tail.close();
    }
  }
}
