package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each component can be left out (e.g. collectors in one release, jobs in another) without leftovers. */
class HelmTogglesTest {
    @Test
    void withoutCollectorNothingCollectorShaped() {
        Manifests m = ChartRenderer.chart().set("collector.enabled", false).render();
        assertTrue(m.ofKind("DaemonSet").isEmpty());
        assertTrue(m.docs().stream().noneMatch(d -> String.valueOf(str(d, "metadata.name")).endsWith("-collector")
                || String.valueOf(str(d, "metadata.name")).endsWith("-collector-metrics")), "collector leftovers");
        assertEquals(3, m.ofKind("FlinkDeployment").size());
    }

    @Test
    void withoutPublishingNoJobAndNoJobPolicy() {
        Manifests m = ChartRenderer.chart().set("rules.publish", false).render();
        assertTrue(m.ofKind("Job").isEmpty());
        assertTrue(m.ofKind("NetworkPolicy").stream().noneMatch(n -> str(n, "metadata.name").endsWith("-rules-publish")));
    }

    @Test
    void collectorsOnlyRelease() {
        Manifests m = ChartRenderer.chart().set("jobs.detection.enabled", false).set("jobs.correlation.enabled", false)
                .set("jobs.archive.enabled", false).set("rules.publish", false).render();
        assertTrue(m.ofKind("FlinkDeployment").isEmpty());
        assertTrue(m.ofKind("Role").isEmpty() && m.ofKind("RoleBinding").isEmpty(), "no Flink RBAC without jobs");
        assertEquals(1, m.ofKind("NetworkPolicy").size(), "only the collector's policy");
        assertEquals(1, m.ofKind("DaemonSet").size());
    }
}
