package dev.eyrie.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings from the environment (deploy/config-keys.md, "Kafka"). Each key is named in full so the
 * deploy contract test can find it; bootstrap servers and topic are CollectorCommand option defaults. Precedence: --producer-config file > environment > client defaults.
 */
final class KafkaEnv {
  /** env key → producer property */
  private static final String[][] SECURITY = {
      {"EYRIE_KAFKA_SECURITY_PROTOCOL", "security.protocol"},
      {"EYRIE_KAFKA_SASL_MECHANISM", "sasl.mechanism"},
      {"EYRIE_KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config"},
      {"EYRIE_KAFKA_TRUSTSTORE_LOCATION", "ssl.truststore.location"},
      {"EYRIE_KAFKA_TRUSTSTORE_PASSWORD", "ssl.truststore.password"},
      {"EYRIE_KAFKA_TRUSTSTORE_TYPE", "ssl.truststore.type"},
      {"EYRIE_KAFKA_KEYSTORE_LOCATION", "ssl.keystore.location"},
      {"EYRIE_KAFKA_KEYSTORE_PASSWORD", "ssl.keystore.password"},
  };

  private KafkaEnv() {}

  /** Security properties from {@code env}, overlaid by the properties file (may be null). Blank values are unset. */
  static Properties producerProperties(Map<String, String> env, Path producerConfig) {
    Properties props = new Properties();
    for (String[] kv : SECURITY) {
      String v = env.get(kv[0]);
      if (v != null && !v.isBlank()) {
        props.setProperty(kv[1], v.trim());
      }
    }
    if (producerConfig != null) {
      Properties file = new Properties();
      try (InputStream in = Files.newInputStream(producerConfig)) {
        file.load(in);
      } catch (IOException e) {
        throw new CollectorException("cannot read producer properties " + producerConfig + ": " + e, e);
      }
      props.putAll(file);
    }
    return props;
  }
}
