package dev.eyrie.jobs.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code EYRIE_*} environment variables the jobs read (deploy/config-keys.md) and the setting each one sets.
 *
 * <p>An explicit table rather than a name transform: deploy-tests finds the keys a module reads by scanning its
 * sources for {@code "EYRIE_..."} literals, and a misspelt entry here fails that check instead of quietly mapping
 * to a setting nobody reads.
 *
 * <p>Variables not in the table are ignored, even {@code EYRIE_KAFKA_*}-looking ones: the collector, the CLI and
 * the jobs share one environment in compose and in the chart, so the collector's keys (and any future key of
 * another component) must not stop a job. The other direction is forgiving too: a mapped key the running job does
 * not read (the detection job given {@code EYRIE_ARCHIVE_WAREHOUSE}) is not an "unknown setting", unlike the same
 * key in a config file (see {@link Settings#rejectUnknown()}).
 */
public final class EnvironmentKeys {
  public static final String KAFKA_BOOTSTRAP_SERVERS = "EYRIE_KAFKA_BOOTSTRAP_SERVERS";
  public static final String KAFKA_GROUP_ID = "EYRIE_KAFKA_GROUP_ID";
  public static final String KAFKA_SECURITY_PROTOCOL = "EYRIE_KAFKA_SECURITY_PROTOCOL";
  public static final String KAFKA_SASL_MECHANISM = "EYRIE_KAFKA_SASL_MECHANISM";
  public static final String KAFKA_SASL_JAAS_CONFIG = "EYRIE_KAFKA_SASL_JAAS_CONFIG";
  public static final String KAFKA_TRUSTSTORE_LOCATION = "EYRIE_KAFKA_TRUSTSTORE_LOCATION";
  public static final String KAFKA_TRUSTSTORE_PASSWORD = "EYRIE_KAFKA_TRUSTSTORE_PASSWORD";
  public static final String KAFKA_TRUSTSTORE_TYPE = "EYRIE_KAFKA_TRUSTSTORE_TYPE";
  public static final String KAFKA_KEYSTORE_LOCATION = "EYRIE_KAFKA_KEYSTORE_LOCATION";
  public static final String KAFKA_KEYSTORE_PASSWORD = "EYRIE_KAFKA_KEYSTORE_PASSWORD";

  public static final String TOPIC_EVENTS = "EYRIE_TOPIC_EVENTS";
  public static final String TOPIC_ALERTS = "EYRIE_TOPIC_ALERTS";
  public static final String TOPIC_DEADLETTER = "EYRIE_TOPIC_DEADLETTER";
  public static final String TOPIC_RULES = "EYRIE_TOPIC_RULES";
  public static final String TOPIC_RULES_STATUS = "EYRIE_TOPIC_RULES_STATUS";

  public static final String ELASTICSEARCH_ENABLED = "EYRIE_ELASTICSEARCH_ENABLED";
  public static final String ELASTICSEARCH_URL = "EYRIE_ELASTICSEARCH_URL";
  public static final String ELASTICSEARCH_USERNAME = "EYRIE_ELASTICSEARCH_USERNAME";
  public static final String ELASTICSEARCH_PASSWORD = "EYRIE_ELASTICSEARCH_PASSWORD";
  public static final String ELASTICSEARCH_API_KEY = "EYRIE_ELASTICSEARCH_API_KEY";
  public static final String ELASTICSEARCH_CA_CERT = "EYRIE_ELASTICSEARCH_CA_CERT";
  public static final String ELASTICSEARCH_INDEX = "EYRIE_ELASTICSEARCH_INDEX";

  public static final String ARCHIVE_WAREHOUSE = "EYRIE_ARCHIVE_WAREHOUSE";

  /** Environment variable → settings key, in the order of deploy/config-keys.md. */
  public static final Map<String, String> SETTINGS_BY_VARIABLE = table();

  /** Settings whose values are credentials: never echoed in errors (the environment is where they come from). */
  static final Set<String> SECRET_SETTINGS = Set.of(
      "kafka.properties.sasl.jaas.config",
      "kafka.properties.ssl.truststore.password",
      "kafka.properties.ssl.keystore.password",
      "kafka.properties.ssl.key.password",
      "elasticsearch.password",
      "elasticsearch.api-key");

  private EnvironmentKeys() {}

  private static Map<String, String> table() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(KAFKA_BOOTSTRAP_SERVERS, "kafka.bootstrap-servers");
    t.put(KAFKA_GROUP_ID, "kafka.group-id");
    t.put(KAFKA_SECURITY_PROTOCOL, "kafka.properties.security.protocol");
    t.put(KAFKA_SASL_MECHANISM, "kafka.properties.sasl.mechanism");
    t.put(KAFKA_SASL_JAAS_CONFIG, "kafka.properties.sasl.jaas.config");
    t.put(KAFKA_TRUSTSTORE_LOCATION, "kafka.properties.ssl.truststore.location");
    t.put(KAFKA_TRUSTSTORE_PASSWORD, "kafka.properties.ssl.truststore.password");
    t.put(KAFKA_TRUSTSTORE_TYPE, "kafka.properties.ssl.truststore.type");
    t.put(KAFKA_KEYSTORE_LOCATION, "kafka.properties.ssl.keystore.location");
    t.put(KAFKA_KEYSTORE_PASSWORD, "kafka.properties.ssl.keystore.password");
    t.put(TOPIC_EVENTS, "topics.events");
    t.put(TOPIC_ALERTS, "topics.alerts");
    t.put(TOPIC_DEADLETTER, "topics.dead-letter");
    t.put(TOPIC_RULES, "topics.rules");
    t.put(TOPIC_RULES_STATUS, "topics.rules-status");
    t.put(ELASTICSEARCH_ENABLED, "elasticsearch.enabled");
    t.put(ELASTICSEARCH_URL, "elasticsearch.url");
    t.put(ELASTICSEARCH_USERNAME, "elasticsearch.username");
    t.put(ELASTICSEARCH_PASSWORD, "elasticsearch.password");
    t.put(ELASTICSEARCH_API_KEY, "elasticsearch.api-key");
    t.put(ELASTICSEARCH_CA_CERT, "elasticsearch.ca-cert");
    t.put(ELASTICSEARCH_INDEX, "elasticsearch.index");
    t.put(ARCHIVE_WAREHOUSE, "archive.warehouse");
    return Collections.unmodifiableMap(t);
  }

  /**
   * The settings the given environment sets, each with the variable it came from. Unset and empty variables set
   * nothing (deploy/config-keys.md: "unset or empty = default"), so an empty value never hides a config file's.
   */
  static Map<String, Sourced> settingsFrom(Map<String, String> environment) {
    Map<String, Sourced> out = new LinkedHashMap<>();
    SETTINGS_BY_VARIABLE.forEach((variable, key) -> {
      String v = environment.get(variable);
      if (v != null && !v.isBlank()) {
        out.put(key, new Sourced(v.trim(), variable));
      }
    });
    return out;
  }

  record Sourced(String value, String variable) {}
}
