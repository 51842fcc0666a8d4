package dev.eyrie.testinfra;

/** Decides where each server comes from; see {@link RealInfra} for the order. */
final class Sources {
  private Sources() {}

  static KafkaServer kafka() {
    String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return KafkaServer.verified(fromEnv.trim(), "KAFKA_BOOTSTRAP_SERVERS");
    }
    if (Containers.dockerAvailable()) {
      return KafkaServer.verified(Containers.kafka(), "a Testcontainers Kafka");
    }
    return KafkaServer.verified(LocalScripts.start("kafka"), "scripts/kafka.sh");
  }

  static ElasticsearchServer elasticsearch() {
    String fromEnv = System.getenv("ELASTICSEARCH_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return ElasticsearchServer.verified(fromEnv.trim(), "ELASTICSEARCH_URL");
    }
    if (Containers.dockerAvailable()) {
      return ElasticsearchServer.verified(Containers.elasticsearch(), "a Testcontainers Elasticsearch");
    }
    return ElasticsearchServer.verified(LocalScripts.start("elasticsearch"), "scripts/elasticsearch.sh");
  }
}
