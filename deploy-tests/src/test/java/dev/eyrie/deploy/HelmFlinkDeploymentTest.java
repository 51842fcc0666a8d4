package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelmFlinkDeploymentTest {
    private static final List<String> JOBS = List.of("detection", "correlation", "archive");
    private final Manifests m = Rendered.defaults();

    private Map<String, Object> deployment(Manifests ms, String job) {
        return ms.one("FlinkDeployment", Rendered.fullname() + "-" + job);
    }

    @Test
    void oneOperatorManagedDeploymentPerJob() {
        assertEquals(3, m.ofKind("FlinkDeployment").size());
        for (Map<String, Object> d : m.ofKind("FlinkDeployment")) {
            assertEquals("flink.apache.org/v1beta1", d.get("apiVersion"));
            assertEquals("v2_1", str(d, "spec.flinkVersion"), "the jobs are built against Flink 2.1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"detection", "correlation", "archive"})
    void jobSpecRunsTheEyrieJobFromTheJar(String job) {
        Map<String, Object> spec = map(deployment(m, job), "spec.job");
        assertEquals("local:///opt/flink/usrlib/eyrie-flink-jobs.jar", spec.get("jarURI"));
        String entry = spec.get("entryClass").toString();
        assertTrue(entry.startsWith("dev.eyrie.jobs."), entry + " for " + job);
        assertEquals("savepoint", spec.get("upgradeMode"),
                "sequence-rule state must survive upgrades: the operator takes a savepoint and restores from it");
        assertEquals("running", spec.get("state"));
        assertTrue(((Number) spec.get("parallelism")).intValue() >= 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"detection", "correlation", "archive"})
    void checkpointsSavepointsAndHaAreDurableAndSeparatePerJob(String job) {
        Map<String, Object> conf = map(deployment(m, job), "spec.flinkConfiguration");
        String cp = conf.get("state.checkpoints.dir").toString();
        String sp = conf.get("state.savepoints.dir").toString();
        String ha = conf.get("high-availability.storageDir").toString();
        assertEquals("kubernetes", conf.get("high-availability.type"));
        for (String dir : List.of(cp, sp, ha)) {
            assertTrue(dir.startsWith("s3://eyrie-flink-state/" + job + "/"), dir + " is not under the job's own prefix");
        }
        assertEquals(3, new HashSet<>(List.of(cp, sp, ha)).size(), "checkpoints, savepoints and HA must not share a dir");
        assertEquals("rocksdb", conf.get("state.backend.type"));
        assertTrue(conf.get("execution.checkpointing.interval").toString().matches("\\d+(ms|s|min|h)"));
    }

    @Test
    void eachDeploymentRunsItsOwnMainClass() {
        Set<String> entries = new HashSet<>();
        for (String job : JOBS) {
            assertTrue(entries.add(str(deployment(m, job), "spec.job.entryClass")), job + " reuses another job's class");
        }
    }

    @Test
    void noTwoJobsShareStateDirectories() {
        Set<String> dirs = new HashSet<>();
        for (String job : JOBS) {
            Map<String, Object> conf = map(deployment(m, job), "spec.flinkConfiguration");
            for (String k : List.of("state.checkpoints.dir", "state.savepoints.dir", "high-availability.storageDir")) {
                assertTrue(dirs.add(conf.get(k).toString()), job + " reuses " + conf.get(k));
            }
        }
    }

    @Test
    void valuesReachTheSpec() {
        Manifests custom = ChartRenderer.chart()
                .set("jobs.detection.parallelism", 6)
                .set("jobs.detection.taskManager.slots", 3)
                .set("jobs.upgradeMode", "last-state")
                .set("jobs.storageBaseDir", "gs://bucket/eyrie/")
                .set("jobs.highAvailability", true)
                .set("jobs.detection.jobManager.replicas", 2)
                .set("jobs.archive.enabled", false).render();
        Map<String, Object> d = deployment(custom, "detection");
        assertEquals(6, ((Number) Tree.get(d, "spec.job.parallelism")).intValue());
        assertEquals("3", map(d, "spec.flinkConfiguration").get("taskmanager.numberOfTaskSlots"));
        assertEquals("last-state", str(d, "spec.job.upgradeMode"));
        assertEquals(2, ((Number) Tree.get(d, "spec.jobManager.replicas")).intValue());
        assertEquals("gs://bucket/eyrie/detection/checkpoints",
                map(d, "spec.flinkConfiguration").get("state.checkpoints.dir"), "trailing slash must not double");
        assertEquals(2, custom.ofKind("FlinkDeployment").size(), "archive disabled");
    }

    @Test
    void standbyJobManagersWithoutHaAreRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChartRenderer.chart()
                .set("jobs.highAvailability", false).set("jobs.correlation.jobManager.replicas", 2).renderText());
        assertTrue(e.getMessage().contains("jobs.correlation.jobManager.replicas"), e.getMessage());
        Map<String, Object> conf = map(deployment(ChartRenderer.chart().set("jobs.highAvailability", false).render(),
                "detection"), "spec.flinkConfiguration");
        assertFalse(conf.containsKey("high-availability.type"));
    }

    @Test
    void lastStateUpgradesWithoutHaAreRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChartRenderer.chart()
                .set("jobs.highAvailability", false).set("jobs.upgradeMode", "last-state").renderText());
        assertTrue(e.getMessage().contains("jobs.upgradeMode=last-state"), e.getMessage());
    }

    @Test
    void flinkConfigurationValuesAreStrings() {
        // the CRD types flinkConfiguration as map<string,string>: an unquoted number is rejected by the API server
        Manifests custom = ChartRenderer.chart().values("jobs:\n  flinkConfiguration:\n"
                + "    restart-strategy.fixed-delay.attempts: 10\n    metrics.latency.interval: 0\n").render();
        for (Map<String, Object> d : custom.ofKind("FlinkDeployment")) {
            map(d, "spec.flinkConfiguration").forEach((k, v) ->
                    assertTrue(v instanceof String, str(d, "metadata.name") + ": " + k + " = " + v + " is not a string"));
            assertEquals("10", map(d, "spec.flinkConfiguration").get("restart-strategy.fixed-delay.attempts"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"detection", "correlation", "archive"})
    void podsRunUnprivilegedWithEndpointsInTheirEnv(String job) {
        Map<String, Object> d = deployment(m, job);
        Map<String, Object> c = Pods.container(map(d, "spec.podTemplate.spec"), "flink-main-container");
        assertEquals(Boolean.FALSE, Tree.get(c, "securityContext.allowPrivilegeEscalation"));
        assertEquals(Boolean.TRUE, Tree.get(d, "spec.podTemplate.spec.securityContext.runAsNonRoot"));
        Map<String, Map<String, Object>> env = Pods.env(c);
        assertEquals("eyrie-kafka-bootstrap:9092", str(env.get("EYRIE_KAFKA_BOOTSTRAP_SERVERS"), "value"));
        assertEquals(!job.equals("archive"), env.containsKey("EYRIE_ELASTICSEARCH_URL"),
                "only the alerting jobs talk to Elasticsearch");
        assertNotEquals(null, env.get("EYRIE_KAFKA_GROUP_ID"));
        assertEquals("flink", map(d, "spec.podTemplate.metadata.labels").get("eyrie.dev/role"),
                "the jobs' NetworkPolicy selects pods by this label");
    }

    @Test
    void serviceAccountCanManageTaskManagersAndHaConfigMaps() {
        String sa = str(deployment(m, "detection"), "spec.serviceAccount");
        m.one("ServiceAccount", sa);
        Map<String, Object> binding = m.one("RoleBinding", sa);
        assertEquals(sa, str(binding, "subjects.0.name"));
        Map<String, Object> role = m.one("Role", str(binding, "roleRef.name"));
        String rules = role.get("rules").toString();
        assertTrue(rules.contains("pods") && rules.contains("configmaps"), rules);
    }
}
