package dev.eyrie.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  /** With an empty environment, so a developer's or CI's EYRIE_* variables cannot change these outcomes. */
  private static JobConfig load(Path file, Map<String, String> overrides, String name) {
    return ConfigLoader.load(file, Map.of(), overrides, name);
  }

  @Test
  void defaultsPointAtTheLocalScriptsPorts() {
    JobConfig c = load(null, Map.of(), "eyrie-detect");
    assertEquals("127.0.0.1:19092", c.kafka().bootstrapServers());
    assertEquals(List.of("http://127.0.0.1:19200"), c.elasticsearch().urls());
    assertEquals(Duration.ofSeconds(5), c.watermarks().outOfOrderness());
    assertEquals(Duration.ofSeconds(30), c.watermarks().idleness());
    assertEquals(RulesSettings.Matching.FIRST, c.rules().matching());
    assertEquals("eyrie-detect", c.kafka().groupId());
    assertEquals(1, c.parallelism());
  }

  @Test
  void yamlNestingFlattensAndFlagsOverrideTheFile() throws IOException {
    Path f = dir.resolve("detect.yaml");
    Files.writeString(f, """
        job:
          name: prod-detect
          parallelism: 4
        kafka:
          bootstrap-servers: kafka-1:9093,kafka-2:9093
          properties:
            security.protocol: SASL_SSL
            sasl:
              mechanism: SCRAM-SHA-512
        topics:
          alerts: prod.alerts
        elasticsearch:
          url: [https://es-1:9200, https://es-2:9200]
          api-key: abc==
        checkpoints:
          interval: 30s
        watermarks:
          out-of-orderness: 250ms
        rules:
          matching: all
        """);
    JobConfig c = load(f, Map.of("job.parallelism", "2", "topics.events", "prod.events"), "x");
    assertEquals("prod-detect", c.jobName());
    assertEquals(2, c.parallelism());
    assertEquals("prod.events", c.topics().events());
    assertEquals("prod.alerts", c.topics().alerts());
    assertEquals("SASL_SSL", c.kafka().clientProperties().get("security.protocol"));
    assertEquals("SCRAM-SHA-512", c.kafka().clientConfig().getProperty("sasl.mechanism"));
    assertEquals("kafka-1:9093,kafka-2:9093", c.kafka().clientConfig().getProperty("bootstrap.servers"));
    assertEquals(List.of("https://es-1:9200", "https://es-2:9200"), c.elasticsearch().urls());
    assertEquals("abc==", c.elasticsearch().apiKey());
    assertNull(c.elasticsearch().username());
    assertEquals(Duration.ofSeconds(30), c.checkpoints().interval());
    assertEquals(Duration.ofMillis(250), c.watermarks().outOfOrderness());
    assertEquals(RulesSettings.Matching.ALL, c.rules().matching());
    assertEquals("prod-detect", c.kafka().transactionalIdPrefix());
  }

  @Test
  void propertiesFilesWorkToo() throws IOException {
    Path f = dir.resolve("detect.properties");
    Files.writeString(f, "kafka.bootstrap-servers=k:1\nelasticsearch.enabled=false\n");
    JobConfig c = load(f, Map.of(), "x");
    assertEquals("k:1", c.kafka().bootstrapServers());
    assertEquals(false, c.elasticsearch().enabled());
  }

  @Test
  void aMisspeltKeyIsNamedWithItsFile() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "kafka:\n  bootstrap-server: k:1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(f, Map.of(), "x"));
    assertTrue(e.getMessage().contains("kafka.bootstrap-server") && e.getMessage().contains("bad.yaml"), e.getMessage());
  }

  @Test
  void badValuesSayWhatWasExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> load(null, Map.of("checkpoints.interval", "soon"), "x"));
    assertTrue(e.getMessage().contains("checkpoints.interval") && e.getMessage().contains("duration"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> load(null, Map.of("rules.matching", "most"), "x"));
    assertTrue(e.getMessage().contains("first, all"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> load(null, Map.of("elasticsearch.username", "u"), "x"));
    assertTrue(e.getMessage().contains("elasticsearch.password"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> load(dir.resolve("nope.yaml"), Map.of(), "x"));
    assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
  }
}
