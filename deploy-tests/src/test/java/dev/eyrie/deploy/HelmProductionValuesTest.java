package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.maps;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** helm/eyrie/ci/production-values.yaml: the documented production shape renders, and renders what it promises. */
class HelmProductionValuesTest {
    private final Manifests m = render();

    private static Manifests render() {
        try {
            return ChartRenderer.chart().values(Files.readString(RepoPaths.chart().resolve("ci/production-values.yaml")))
                    .render();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void standbyJobManagersWithHaAndOwnState() {
        Map<String, Object> d = m.one("FlinkDeployment", Rendered.fullname() + "-detection");
        assertEquals(2, ((Number) Tree.get(d, "spec.jobManager.replicas")).intValue());
        assertEquals(6, ((Number) Tree.get(d, "spec.job.parallelism")).intValue());
        Map<String, Object> conf = map(d, "spec.flinkConfiguration");
        assertEquals("kubernetes", conf.get("high-availability.type"));
        assertEquals("s3://acme-eyrie-flink/prod/detection/savepoints", conf.get("state.savepoints.dir"));
        assertEquals("2g", str(d, "spec.jobManager.resource.memory"));
    }

    @Test
    void onlySecretReferencesNoSecretObjects() {
        assertTrue(m.ofKind("Secret").isEmpty(), "production uses pre-created Secrets only");
        Map<String, Map<String, Object>> env = Pods.env(Pods.container(map(m.one("DaemonSet",
                Rendered.fullname() + "-collector"), "spec.template.spec"), "collector"));
        assertEquals("eyrie-kafka-scram", str(env.get("EYRIE_KAFKA_SASL_JAAS_CONFIG"), "valueFrom.secretKeyRef.name"));
        assertEquals("/etc/eyrie/kafka/ca.p12", str(env.get("EYRIE_KAFKA_TRUSTSTORE_LOCATION"), "value"));
    }

    @Test
    void collectorSpoolsOnTheNodeAndUsesTheSystemPriority() {
        Map<String, Object> pod = map(m.one("DaemonSet", Rendered.fullname() + "-collector"), "spec.template.spec");
        assertEquals("system-node-critical", pod.get("priorityClassName"));
        assertTrue(m.ofKind("PriorityClass").isEmpty());
        Map<String, Object> state = maps(pod, "volumes").stream().filter(v -> "state".equals(v.get("name")))
                .findFirst().orElseThrow();
        assertEquals("/var/lib/eyrie/collector", str(state, "hostPath.path"));
        assertFalse(maps(Pods.container(pod, "collector"), "volumeMounts").stream()
                .filter(v -> "state".equals(v.get("name"))).anyMatch(v -> Boolean.TRUE.equals(v.get("readOnly"))),
                "the spool must be writable");
    }

    @Test
    void networkPoliciesFollowTheBrokersAndApiServer() {
        Map<String, Object> np = m.one("NetworkPolicy", Rendered.fullname() + "-collector");
        String egress = np.get("spec").toString();
        assertTrue(egress.contains("port=9093") && !egress.contains("port=9092"), egress);
        Map<String, Object> apiRule = maps(m.one("NetworkPolicy", Rendered.fullname() + "-flink-jobs"), "spec.egress")
                .stream().filter(r -> String.valueOf(r.get("ports")).contains("port=6443")).findFirst().orElseThrow();
        assertEquals("[{ipBlock={cidr=10.96.0.1/32}}]", String.valueOf(apiRule.get("to")),
                "API server egress must be limited to the configured CIDRs");
    }
}
