package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials reach pods only as secretKeyRefs; with existingSecret the chart creates no Secret at all. */
class HelmSecretsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"eyrie\" password=\"k-s3cret-pw\";";
    private static final String ES_PASSWORD = "es-s3cret-pw";
    private static final String API_KEY = "ZXlyaWU6a2V5LXMzY3JldA==";

    @Test
    void inlineCredentialsGoIntoAChartSecretAndAreOnlyReferenced() {
        Manifests m = ChartRenderer.chart()
                .set("kafka.securityProtocol", "SASL_SSL").set("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .set("kafka.sasl.jaasConfig", JAAS)
                .set("elasticsearch.auth.username", "eyrie").set("elasticsearch.auth.password", ES_PASSWORD)
                .render();
        Map<String, Object> kafkaSecret = m.one("Secret", Rendered.fullname() + "-kafka");
        assertEquals(JAAS, map(kafkaSecret, "stringData").get("sasl.jaas.config"));
        Map<String, Object> esSecret = m.one("Secret", Rendered.fullname() + "-elasticsearch");
        assertEquals(ES_PASSWORD, map(esSecret, "stringData").get("password"));
        assertSecretsOnlyInSecrets(m, List.of("k-s3cret-pw", ES_PASSWORD));

        Map<String, Map<String, Object>> collectorEnv = Pods.env(Pods.container(
                map(m.one("DaemonSet", Rendered.fullname() + "-collector"), "spec.template.spec"), "collector"));
        assertRef(collectorEnv, "EYRIE_KAFKA_SASL_JAAS_CONFIG", Rendered.fullname() + "-kafka", "sasl.jaas.config");
        assertEquals("SCRAM-SHA-512", str(collectorEnv.get("EYRIE_KAFKA_SASL_MECHANISM"), "value"));
        Map<String, Map<String, Object>> jobEnv = Pods.env(Pods.container(map(m.one("FlinkDeployment",
                Rendered.fullname() + "-detection"), "spec.podTemplate.spec"), "flink-main-container"));
        assertRef(jobEnv, "EYRIE_KAFKA_SASL_JAAS_CONFIG", Rendered.fullname() + "-kafka", "sasl.jaas.config");
        assertRef(jobEnv, "EYRIE_ELASTICSEARCH_PASSWORD", Rendered.fullname() + "-elasticsearch", "password");
        assertFalse(collectorEnv.containsKey("EYRIE_ELASTICSEARCH_PASSWORD"), "the collector gets no ES credentials");
    }

    @Test
    void existingSecretsAreReferencedAndNothingIsCreated() {
        Manifests m = ChartRenderer.chart()
                .set("kafka.securityProtocol", "SASL_SSL").set("kafka.sasl.mechanism", "PLAIN")
                .set("kafka.sasl.existingSecret", "team-kafka").set("kafka.sasl.jaasConfigKey", "jaas")
                .set("kafka.tls.truststoreSecret", "team-kafka-tls")
                .set("elasticsearch.auth.existingSecret", "team-es")
                .set("elasticsearch.tls.caSecret", "team-es-ca")
                .render();
        assertTrue(m.ofKind("Secret").isEmpty(), "no Secret may be rendered with existingSecret: " + m.ofKind("Secret"));
        Map<String, Object> podSpec = map(m.one("FlinkDeployment", Rendered.fullname() + "-correlation"),
                "spec.podTemplate.spec");
        Map<String, Map<String, Object>> env = Pods.env(Pods.container(podSpec, "flink-main-container"));
        assertRef(env, "EYRIE_KAFKA_SASL_JAAS_CONFIG", "team-kafka", "jaas");
        assertRef(env, "EYRIE_KAFKA_TRUSTSTORE_PASSWORD", "team-kafka-tls", "truststore.password");
        assertRef(env, "EYRIE_ELASTICSEARCH_API_KEY", "team-es", "api-key");
        assertEquals("/etc/eyrie/kafka/truststore.p12", str(env.get("EYRIE_KAFKA_TRUSTSTORE_LOCATION"), "value"));
        assertEquals("/etc/eyrie/elasticsearch/ca.crt", str(env.get("EYRIE_ELASTICSEARCH_CA_CERT"), "value"));
        String volumes = podSpec.get("volumes").toString();
        assertTrue(volumes.contains("team-kafka-tls") && volumes.contains("team-es-ca"), volumes);
        Map<String, Object> collector = map(m.one("DaemonSet", Rendered.fullname() + "-collector"), "spec.template.spec");
        assertTrue(collector.get("volumes").toString().contains("team-kafka-tls"), "collector needs the truststore");
        assertFalse(collector.get("volumes").toString().contains("team-es-ca"), "collector never talks to ES");
    }

    @Test
    void noCredentialsMeansNoCredentialEnv() {
        Map<String, Map<String, Object>> env = Pods.env(Pods.container(map(Rendered.defaults().one("FlinkDeployment",
                Rendered.fullname() + "-detection"), "spec.podTemplate.spec"), "flink-main-container"));
        assertNull(env.get("EYRIE_KAFKA_SASL_JAAS_CONFIG"));
        assertNull(env.get("EYRIE_ELASTICSEARCH_PASSWORD"));
        assertTrue(Rendered.defaults().ofKind("Secret").isEmpty());
    }

    @Test
    void apiKeyInlineIsStoredInTheSecret() {
        Manifests m = ChartRenderer.chart().set("elasticsearch.auth.apiKey", API_KEY).render();
        assertEquals(API_KEY, map(m.one("Secret", Rendered.fullname() + "-elasticsearch"), "stringData").get("api-key"));
        assertSecretsOnlyInSecrets(m, List.of(API_KEY));
    }

    private static void assertRef(Map<String, Map<String, Object>> env, String name, String secret, String key) {
        Map<String, Object> e = env.get(name);
        assertTrue(e != null, name + " missing from env " + env.keySet());
        assertNull(e.get("value"), name + " must not be inlined");
        assertEquals(secret, str(e, "valueFrom.secretKeyRef.name"), name);
        assertEquals(key, str(e, "valueFrom.secretKeyRef.key"), name);
    }

    private static void assertSecretsOnlyInSecrets(Manifests m, List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (Map<String, Object> doc : m.docs()) {
            if ("Secret".equals(doc.get("kind"))) {
                continue;
            }
            String text = doc.toString();
            secrets.stream().filter(text::contains).forEach(s -> leaks.add(doc.get("kind") + "/" + str(doc, "metadata.name")));
        }
        assertTrue(leaks.isEmpty(), "credential values appear outside Secrets in " + leaks);
    }
}
