package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Precedence of the collector's settings: flag (or --producer-config file) > EYRIE_* environment > default. */
class KafkaEnvTest {
  @TempDir Path dir;

  @Test
  void environmentBecomesProducerSecurityProperties() {
    Properties p = KafkaEnv.producerProperties(Map.of(
        "EYRIE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "EYRIE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "EYRIE_KAFKA_SASL_JAAS_CONFIG", "org.example.Login required username=\"u\" password=\"p\";",
        "EYRIE_KAFKA_TRUSTSTORE_LOCATION", "/etc/eyrie/tls/truststore.p12",
        "EYRIE_KAFKA_TRUSTSTORE_PASSWORD", "ts-secret",
        "EYRIE_KAFKA_TRUSTSTORE_TYPE", "PKCS12",
        "EYRIE_KAFKA_KEYSTORE_LOCATION", "/etc/eyrie/tls/keystore.p12",
        "EYRIE_KAFKA_KEYSTORE_PASSWORD", "ks-secret"), null);
    assertEquals("SASL_SSL", p.getProperty("security.protocol"));
    assertEquals("SCRAM-SHA-512", p.getProperty("sasl.mechanism"));
    assertEquals("org.example.Login required username=\"u\" password=\"p\";", p.getProperty("sasl.jaas.config"));
    assertEquals("/etc/eyrie/tls/truststore.p12", p.getProperty("ssl.truststore.location"));
    assertEquals("ts-secret", p.getProperty("ssl.truststore.password"));
    assertEquals("PKCS12", p.getProperty("ssl.truststore.type"));
    assertEquals("/etc/eyrie/tls/keystore.p12", p.getProperty("ssl.keystore.location"));
    assertEquals("ks-secret", p.getProperty("ssl.keystore.password"));
    assertEquals(8, p.size());
  }

  @Test
  void unsetOrBlankKeysLeaveTheClientDefaults() {
    Properties p = KafkaEnv.producerProperties(Map.of("EYRIE_KAFKA_SASL_MECHANISM", " ", "UNRELATED", "x"), null);
    assertTrue(p.isEmpty(), p.toString());
  }

  @Test
  void producerConfigFileWinsOverTheEnvironment() throws IOException {
    Path file = dir.resolve("producer.properties");
    Files.writeString(file, "security.protocol=SSL\nlinger.ms=7\n");
    Properties p = KafkaEnv.producerProperties(Map.of(
        "EYRIE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "EYRIE_KAFKA_SASL_MECHANISM", "PLAIN"), file);
    assertEquals("SSL", p.getProperty("security.protocol"));
    assertEquals("PLAIN", p.getProperty("sasl.mechanism"), "keys the file does not set still come from the env");
    assertEquals("7", p.getProperty("linger.ms"));
  }

  @Test
  void missingProducerConfigFileIsNamed() {
    Path missing = dir.resolve("nope.properties");
    CollectorException e = org.junit.jupiter.api.Assertions.assertThrows(CollectorException.class,
        () -> KafkaEnv.producerProperties(Map.of(), missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void flagsWinOverEnvironmentDefaults() {
    CollectorCommand cmd = new CollectorCommand();
    new CommandLine(cmd).parseArgs("--kafka", "k1:9092", "--topic", "t1", "--metrics-port", "0", "--metrics-bind",
        "0.0.0.0", "--host-proc", "/host/proc", "--passwd-file", "/host/etc/passwd", "--group-file",
        "/host/etc/group", "--tracefs", "/sys/kernel/tracing", "--hostname", "node-7");
    assertEquals("k1:9092", cmd.kafka);
    assertEquals("t1", cmd.topic);
    assertEquals(0, cmd.metricsPort);
    assertEquals("0.0.0.0", cmd.metricsBind);
    assertEquals(Path.of("/host/proc"), cmd.hostProc);
    assertEquals(Path.of("/host/etc/passwd"), cmd.passwdFile);
    assertEquals(Path.of("/host/etc/group"), cmd.groupFile);
    assertEquals(Path.of("/sys/kernel/tracing"), cmd.tracefs);
    assertEquals("node-7", cmd.hostname);
  }

  @Test
  void withoutFlagsOrEnvironmentTheCliDefaultsApply() {
    CollectorCommand cmd = new CollectorCommand();
    new CommandLine(cmd).parseArgs();
    // each default is the env value when the test JVM has one, else the CLI's own default
    assertEquals(env("EYRIE_TOPIC_EVENTS", "eyrie.events"), cmd.topic);
    assertEquals(env("EYRIE_COLLECTOR_METRICS_BIND", "127.0.0.1"), cmd.metricsBind);
    assertEquals(Path.of(env("EYRIE_COLLECTOR_HOST_PROC", "/proc")), cmd.hostProc);
    assertEquals(Path.of(env("EYRIE_COLLECTOR_PASSWD_FILE", "/etc/passwd")), cmd.passwdFile);
    assertEquals(Path.of(env("EYRIE_COLLECTOR_GROUP_FILE", "/etc/group")), cmd.groupFile);
    assertEquals(Integer.parseInt(env("EYRIE_COLLECTOR_METRICS_PORT", "9464")), cmd.metricsPort);
    if (System.getenv("EYRIE_COLLECTOR_TRACEFS") == null) {
      assertEquals(null, cmd.tracefs, "unset tracefs means: where libbpf looks");
    }
    if (System.getenv("EYRIE_KAFKA_BOOTSTRAP_SERVERS") == null) {
      assertFalse(cmd.kafka != null && !cmd.kafka.isBlank(), "no bootstrap default: " + cmd.kafka);
    }
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null ? dflt : v;
  }
}
