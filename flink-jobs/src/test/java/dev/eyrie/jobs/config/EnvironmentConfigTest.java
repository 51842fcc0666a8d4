package dev.eyrie.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.archive.ArchiveSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EYRIE_* environment layer (deploy/config-keys.md), passed as a map: the real environment is never read. */
class EnvironmentConfigTest {
  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("job.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void precedenceIsDefaultsThenFileThenEnvironmentThenCommandLine() throws IOException {
    Path f = file("kafka:\n  bootstrap-servers: file:1\n  group-id: from-file\ntopics:\n  alerts: file.alerts\n");
    Map<String, String> env = Map.of(
        "EYRIE_KAFKA_BOOTSTRAP_SERVERS", "env:1",
        "EYRIE_TOPIC_EVENTS", "env.events",
        "EYRIE_TOPIC_ALERTS", "env.alerts");

    JobConfig defaultsOnly = ConfigLoader.load(null, Map.of(), Map.of(), "job");
    assertEquals("127.0.0.1:19092", defaultsOnly.kafka().bootstrapServers());

    JobConfig fileOnly = ConfigLoader.load(f, Map.of(), Map.of(), "job");
    assertEquals("file:1", fileOnly.kafka().bootstrapServers());

    JobConfig fileAndEnv = ConfigLoader.load(f, env, Map.of(), "job");
    assertEquals("env:1", fileAndEnv.kafka().bootstrapServers(), "environment overrides the file");
    assertEquals("env.alerts", fileAndEnv.topics().alerts());
    assertEquals("from-file", fileAndEnv.kafka().groupId(), "a key the environment does not set keeps the file's");
    assertEquals("env.events", fileAndEnv.topics().events(), "environment overrides the default");

    JobConfig all = ConfigLoader.load(f, env, Map.of("kafka.bootstrap-servers", "flag:1"), "job");
    assertEquals("flag:1", all.kafka().bootstrapServers(), "the command line overrides the environment");
    assertEquals("env.alerts", all.topics().alerts());
  }

  @Test
  void anEmptyVariableIsUnsetAndHidesNothing() throws IOException {
    Path f = file("topics:\n  events: file.events\n");
    JobConfig c = ConfigLoader.load(f, Map.of("EYRIE_TOPIC_EVENTS", "", "EYRIE_TOPIC_ALERTS", "  "), Map.of(), "job");
    assertEquals("file.events", c.topics().events());
    assertEquals("eyrie.alerts", c.topics().alerts());
  }

  @Test
  void kafkaSecurityVariablesBecomeClientProperties() {
    JobConfig c = ConfigLoader.load(null, Map.of(
        "EYRIE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "EYRIE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "EYRIE_KAFKA_SASL_JAAS_CONFIG", "org.example.Login required username=\"u\" password=\"p\";",
        "EYRIE_KAFKA_TRUSTSTORE_LOCATION", "/etc/eyrie/kafka/truststore.p12",
        "EYRIE_KAFKA_TRUSTSTORE_PASSWORD", "tspw",
        "EYRIE_KAFKA_TRUSTSTORE_TYPE", "PKCS12",
        "EYRIE_KAFKA_GROUP_ID", "eyrie-detection"), Map.of(), "eyrie-detect");
    var p = c.kafka().clientConfig();
    assertEquals("SASL_SSL", p.getProperty("security.protocol"));
    assertEquals("SCRAM-SHA-512", p.getProperty("sasl.mechanism"));
    assertEquals("org.example.Login required username=\"u\" password=\"p\";", p.getProperty("sasl.jaas.config"));
    assertEquals("/etc/eyrie/kafka/truststore.p12", p.getProperty("ssl.truststore.location"));
    assertEquals("tspw", p.getProperty("ssl.truststore.password"));
    assertEquals("PKCS12", p.getProperty("ssl.truststore.type"));
    assertEquals("eyrie-detection", c.kafka().groupId());
    assertEquals("eyrie-detect", c.kafka().transactionalIdPrefix(), "the group id does not rename transactions");
  }

  @Test
  void topicAndElasticsearchVariables() {
    JobConfig c = ConfigLoader.load(null, Map.ofEntries(
        Map.entry("EYRIE_TOPIC_EVENTS", "e"),
        Map.entry("EYRIE_TOPIC_ALERTS", "a"),
        Map.entry("EYRIE_TOPIC_DEADLETTER", "d"),
        Map.entry("EYRIE_TOPIC_RULES", "r"),
        Map.entry("EYRIE_TOPIC_RULES_STATUS", "rs"),
        Map.entry("EYRIE_ELASTICSEARCH_URL", "https://es-1:9200,https://es-2:9200"),
        Map.entry("EYRIE_ELASTICSEARCH_INDEX", "prod-alerts"),
        Map.entry("EYRIE_ELASTICSEARCH_USERNAME", "eyrie"),
        Map.entry("EYRIE_ELASTICSEARCH_PASSWORD", "espw"),
        Map.entry("EYRIE_ELASTICSEARCH_CA_CERT", "/etc/eyrie/es/ca.crt")), Map.of(), "job");
    assertEquals(new TopicSettings("e", "a", "d", "r", "rs"), c.topics());
    assertEquals(List.of("https://es-1:9200", "https://es-2:9200"), c.elasticsearch().urls());
    assertEquals("prod-alerts", c.elasticsearch().index());
    assertEquals("eyrie", c.elasticsearch().username());
    assertEquals("espw", c.elasticsearch().password());
    assertEquals("/etc/eyrie/es/ca.crt", c.elasticsearch().caCertPath());
    assertTrue(c.elasticsearch().enabled());

    JobConfig archive = ConfigLoader.load(null, Map.of("EYRIE_ELASTICSEARCH_ENABLED", "false",
        "EYRIE_ELASTICSEARCH_API_KEY", "a2V5"), Map.of(), "job");
    assertFalse(archive.elasticsearch().enabled());
    assertEquals("a2V5", archive.elasticsearch().apiKey());
  }

  @Test
  void theArchiveWarehouseReachesTheArchiveButIsNoErrorForOtherJobs() {
    Map<String, String> env = Map.of("EYRIE_ARCHIVE_WAREHOUSE", "s3://bucket/archive");
    Settings s = ConfigLoader.settings(Map.of(), null, env, Map.of());
    assertEquals("s3://bucket/archive", ArchiveSettings.from(s).warehouse());

    // the detection job does not read archive.warehouse; from the environment that is fine, from a flag it is not
    JobConfig detect = ConfigLoader.load(null, env, Map.of(), "eyrie-detect");
    assertEquals("eyrie-detect", detect.jobName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of(), Map.of("archive.warehouse", "s3://bucket/archive"), "eyrie-detect"));
    assertTrue(e.getMessage().contains("archive.warehouse"), e.getMessage());
  }

  @Test
  void otherComponentsVariablesAndUnknownNamesAreIgnored() {
    JobConfig c = ConfigLoader.load(null, Map.of(
        "EYRIE_COLLECTOR_HOSTNAME", "node-1",
        "EYRIE_COLLECTOR_METRICS_PORT", "9464",
        "EYRIE_KAFKA_BOOTSTRAP_SERVER", "typo:1",
        "EYRIE_TOPICS_EVENTS", "typo.events",
        "KAFKA_BOOTSTRAP_SERVERS", "not-ours:1"), Map.of(), "job");
    assertEquals("127.0.0.1:19092", c.kafka().bootstrapServers());
    assertEquals("eyrie.events", c.topics().events());
  }

  @Test
  void aBadValueNamesItsVariable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("EYRIE_ELASTICSEARCH_ENABLED", "maybe"), Map.of(), "job"));
    assertTrue(e.getMessage().contains("EYRIE_ELASTICSEARCH_ENABLED") && e.getMessage().contains("maybe")
        && e.getMessage().contains("true or false"), e.getMessage());
  }

  @Test
  void secretsFromTheEnvironmentStayOutOfErrors() {
    String jaas = "org.example.Login required username=\"u\" password=\"hunter2-secret\";";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
        Map.of("EYRIE_KAFKA_SASL_JAAS_CONFIG", jaas, "EYRIE_ELASTICSEARCH_PASSWORD", "es-secret"),
        Map.of("kafka.bootstrap-server", "typo:1"), "job"));
    assertTrue(e.getMessage().contains("kafka.bootstrap-server"), e.getMessage());
    assertTrue(e.getMessage().contains("EYRIE_KAFKA_SASL_JAAS_CONFIG"), "names where settings came from: " + e.getMessage());
    assertFalse(e.getMessage().contains("hunter2-secret") || e.getMessage().contains("es-secret"), e.getMessage());
  }

  @Test
  void everyVariableOfTheTableSetsASettingAJobReads() {
    // a value each setting accepts; a table entry pointing at a key nobody reads would surface as a default here
    Map<String, String> env = new HashMap<>();
    EnvironmentKeys.SETTINGS_BY_VARIABLE.keySet().forEach(v -> env.put(v, "v-" + v.toLowerCase()));
    env.put("EYRIE_ELASTICSEARCH_ENABLED", "false");
    env.put("EYRIE_ARCHIVE_WAREHOUSE", "s3://bucket/archive"); // a plain path would be made absolute
    env.remove("EYRIE_ELASTICSEARCH_API_KEY"); // either basic auth or an API key
    Settings s = ConfigLoader.settings(Map.of(), null, env, Map.of());
    ArchiveSettings archive = ArchiveSettings.from(s);
    JobConfig c = JobConfig.from(s, "job");
    Map<String, String> read = new HashMap<>();
    c.kafka().clientProperties().forEach((k, v) -> read.put("kafka.properties." + k, v));
    read.put("kafka.bootstrap-servers", c.kafka().bootstrapServers());
    read.put("kafka.group-id", c.kafka().groupId());
    read.put("topics.events", c.topics().events());
    read.put("topics.alerts", c.topics().alerts());
    read.put("topics.dead-letter", c.topics().deadLetter());
    read.put("topics.rules", c.topics().rules());
    read.put("topics.rules-status", c.topics().rulesStatus());
    read.put("elasticsearch.enabled", String.valueOf(c.elasticsearch().enabled()));
    read.put("elasticsearch.url", String.join(",", c.elasticsearch().urls()));
    read.put("elasticsearch.username", c.elasticsearch().username());
    read.put("elasticsearch.password", c.elasticsearch().password());
    read.put("elasticsearch.ca-cert", c.elasticsearch().caCertPath());
    read.put("elasticsearch.index", c.elasticsearch().index());
    read.put("archive.warehouse", archive.warehouse());
    EnvironmentKeys.SETTINGS_BY_VARIABLE.forEach((variable, key) -> {
      if (env.containsKey(variable)) {
        assertEquals(env.get(variable), read.get(key), variable + " -> " + key);
      }
    });
    assertEquals("v-eyrie_elasticsearch_api_key", ConfigLoader.load(null,
        Map.of("EYRIE_ELASTICSEARCH_API_KEY", "v-eyrie_elasticsearch_api_key"), Map.of(), "job").elasticsearch().apiKey());
  }

  @Test
  void onlyGivenValuesAreExplicit() throws IOException {
    Path f = file("job:\n  parallelism: 3\n");
    JobConfig fromFile = ConfigLoader.load(f, Map.of(), Map.of(), "job");
    assertTrue(fromFile.parallelismExplicit());
    assertEquals(3, fromFile.parallelism());
    assertFalse(fromFile.checkpoints().intervalExplicit());
    assertEquals(Duration.ofSeconds(10), fromFile.checkpoints().interval());

    JobConfig flags = ConfigLoader.load(null, Map.of(), Map.of("checkpoints.interval", "5s"), "job");
    assertFalse(flags.parallelismExplicit());
    assertEquals(1, flags.parallelism());
    assertTrue(flags.checkpoints().intervalExplicit());
    assertFalse(flags.checkpoints().timeoutExplicit());

    // a job's own default (the archive's 60s) is still a default
    Settings archive = ConfigLoader.settings(Map.of("checkpoints.interval", "60s"), null, Map.of(), Map.of());
    ArchiveSettings.from(archive);
    CheckpointSettings cp = JobConfig.from(archive, "job").checkpoints();
    assertEquals(Duration.ofSeconds(60), cp.interval());
    assertFalse(cp.intervalExplicit());
    assertNull(cp.dir());
  }
}
