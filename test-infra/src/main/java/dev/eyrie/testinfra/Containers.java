package dev.eyrie.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Servers in Docker containers. Containers are not stopped here: Testcontainers' reaper removes them when the JVM
 * exits, which keeps one container per JVM however many test classes use it.
 */
final class Containers {
  private static final String KAFKA_IMAGE = "apache/kafka:4.0.0";
  private static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.15.0";

  private Containers() {}

  static boolean dockerAvailable() {
    // Probing costs seconds and logs errors; without any sign of an engine, do not probe at all.
    String home = System.getProperty("user.home");
    boolean hint = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
        || Files.exists(Path.of(home, ".testcontainers.properties"));
    if (!hint) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  static String kafka() {
    KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
        // the same single-node settings as scripts/kafka.sh: without them groups and transactions do not work
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
        .withEnv("KAFKA_TRANSACTION_MAX_TIMEOUT_MS", "3600000")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    kafka.start();
    return kafka.getBootstrapServers();
  }

  @SuppressWarnings("resource")
  static String elasticsearch() {
    ElasticsearchContainer es = new ElasticsearchContainer(DockerImageName.parse(ELASTICSEARCH_IMAGE))
        .withEnv("xpack.security.enabled", "false")
        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    es.start();
    return "http://" + es.getHttpHostAddress();
  }
}
