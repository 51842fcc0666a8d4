package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** values.schema.json turns a bad value into an install-time error that names the field, not a broken rollout. */
class HelmValuesValidationTest {

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
        "jobs.detection.parallelism      | -1                | /jobs/detection/parallelism",
        "jobs.correlation.parallelism    | 0                 | /jobs/correlation/parallelism",
        "jobs.archive.taskManager.slots  | 0                 | /jobs/archive/taskManager/slots",
        "jobs.detection.taskManager.resources.memory | 2 GB  | /jobs/detection/taskManager/resources/memory",
        "jobs.upgradeMode                | redeploy          | /jobs/upgradeMode",
        "jobs.flinkVersion               | v1_20             | /jobs/flinkVersion",
        "jobs.storageBaseDir             | /tmp/flink        | /jobs/storageBaseDir",
        "jobs.checkpointInterval         | often             | /jobs/checkpointInterval",
        "jobs.jarURI                     | eyrie.jar         | /jobs/jarURI",
        "collector.priorityClass.name    | Critical_Nodes    | /collector/priorityClass/name",
        "collector.priorityClass.value   | 2000000000        | /collector/priorityClass/value",
        "collector.image.tag             | latest            | /collector/image/tag",
        "collector.metricsPort           | 99999             | /collector/metricsPort",
        "collector.seccompProfile        | none              | /collector/seccompProfile",
        "kafka.bootstrapServers          | kafka             | /kafka/bootstrapServers",
        "kafka.securityProtocol          | TLS               | /kafka/securityProtocol",
        "kafka.sasl.mechanism            | GSSAPI-ish        | /kafka/sasl/mechanism",
        "kafka.topics.events             | bad topic         | /kafka/topics/events",
        "elasticsearch.url               | elasticsearch:9200 | /elasticsearch/url",
        "elasticsearch.indexAlerts       | Eyrie-Alerts      | /elasticsearch/indexAlerts",
        "networkPolicy.enabled           | maybe             | /networkPolicy/enabled",
        "colector.enabled                | true              | colector",
    })
    void badValueFailsNamingTheField(String key, String value, String expectedInMessage) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChartRenderer.chart().set(key, value).renderText(), key + "=" + value + " was accepted");
        assertTrue(e.getMessage().contains(expectedInMessage),
                "error for " + key + "=" + value + " should name " + expectedInMessage + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "kafka.bootstrapServers=\"{0}\" is rejected")
    @ValueSource(strings = {"", "null"}) // "null" makes helm delete the key: the schema's `required` must catch it
    void missingKafkaBootstrapIsRejected(String value) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChartRenderer.chart().set("kafka.bootstrapServers", value).renderText());
        assertTrue(e.getMessage().contains("bootstrapServers"), e.getMessage());
    }

    @Test
    void privilegedCapabilitiesAreRejected() {
        for (String cap : new String[] {"SYS_ADMIN", "ALL", "NET_ADMIN"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChartRenderer.chart()
                    .values("collector:\n  capabilities: [BPF, PERFMON, " + cap + "]\n").renderText(), cap);
            assertTrue(e.getMessage().contains("/collector/capabilities/2"), e.getMessage());
        }
    }

    @Test
    void egressToAnyoneIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChartRenderer.chart()
                .values("networkPolicy:\n  kafka:\n    to: []\n").renderText());
        assertTrue(e.getMessage().contains("/networkPolicy/kafka/to"), e.getMessage());
    }

    @Test
    void sensibleOverridesAreAccepted() {
        String out = ChartRenderer.chart()
                .set("kafka.bootstrapServers", "b-1.kafka.internal:9096,b-2.kafka.internal:9096")
                .set("kafka.securityProtocol", "SASL_SSL").set("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .set("elasticsearch.url", "https://es-1:9200,https://es-2:9200")
                .set("jobs.storageBaseDir", "s3://my-bucket/eyrie").set("jobs.checkpointInterval", "2min")
                .set("jobs.detection.taskManager.resources.memory", "4g")
                .set("collector.priorityClass.name", "eyrie.node-critical")
                .set("collector.image.digest", "sha256:" + "a".repeat(64))
                .renderText();
        assertFalse(out.isBlank());
        assertTrue(out.contains("image: eyrie/collector@sha256:" + "a".repeat(64)), "digest wins over tag");
    }
}
