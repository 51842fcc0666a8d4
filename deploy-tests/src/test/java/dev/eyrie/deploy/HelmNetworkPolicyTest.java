package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HelmNetworkPolicyTest {
    private final Manifests m = Rendered.defaults();

    /** Every (protocol/port) an egress rule allows, with "any" for rules without ports. */
    private static Set<String> egressPorts(Map<String, Object> np) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> rule : maps(np, "spec.egress")) {
            if (rule.get("ports") == null) {
                out.add("any");
                continue;
            }
            for (Map<String, Object> p : maps(rule, "ports")) {
                out.add(p.get("protocol") + "/" + p.get("port"));
            }
        }
        return out;
    }

    private static boolean selects(Map<String, Object> np, Map<String, Object> podLabels) {
        Map<String, Object> sel = map(np, "spec.podSelector.matchLabels");
        return sel.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    @Test
    void collectorMayOnlyReachKafkaAndDns() {
        Map<String, Object> np = m.one("NetworkPolicy", Rendered.fullname() + "-collector");
        assertTrue(Tree.list(np, "spec.policyTypes").contains("Egress"), "without Egress in policyTypes nothing is limited");
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/9092"), egressPorts(np));
        for (Map<String, Object> rule : maps(np, "spec.egress")) {
            assertTrue(rule.get("to") instanceof List<?> l && !l.isEmpty(), "every egress rule names its peers: " + rule);
        }
        Map<String, Object> ds = m.one("DaemonSet", Rendered.fullname() + "-collector");
        assertTrue(selects(np, map(ds, "spec.template.metadata.labels")), "policy does not select the collector pods");
        Map<String, Object> ingress = maps(np, "spec.ingress").get(0);
        assertEquals(List.of(Map.of("protocol", "TCP", "port", 9464)), ingress.get("ports"), "only the metrics port");
    }

    @Test
    void jobsReachKafkaElasticsearchStorageAndEachOther() {
        Map<String, Object> np = m.one("NetworkPolicy", Rendered.fullname() + "-flink-jobs");
        Set<String> ports = egressPorts(np);
        assertTrue(ports.containsAll(Set.of("TCP/9092", "TCP/9200", "TCP/443", "UDP/53")), ports.toString());
        for (Map<String, Object> d : m.ofKind("FlinkDeployment")) {
            assertTrue(selects(np, map(d, "spec.podTemplate.metadata.labels")),
                    "jobs policy does not select " + Tree.str(d, "metadata.name"));
        }
        // the operator must reach the JobManager REST API, or it cannot take savepoints
        assertTrue(maps(np, "spec.ingress").stream().anyMatch(r -> String.valueOf(r.get("ports")).contains("8081")));
    }

    @Test
    void rulesPublisherOnlyReachesKafkaAndDns() {
        Map<String, Object> np = m.one("NetworkPolicy", Rendered.fullname() + "-rules-publish");
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/9092"), egressPorts(np));
        Map<String, Object> job = m.ofKind("Job").get(0);
        assertTrue(selects(np, map(job, "spec.template.metadata.labels")));
    }

    @Test
    void kafkaPortsFollowValuesAndPoliciesCanBeTurnedOff() {
        Manifests custom = ChartRenderer.chart().values("networkPolicy:\n  kafka:\n    ports: [9093, 9094]\n").render();
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/9093", "TCP/9094"),
                egressPorts(custom.one("NetworkPolicy", Rendered.fullname() + "-collector")));
        assertTrue(ChartRenderer.chart().set("networkPolicy.enabled", false).render().ofKind("NetworkPolicy").isEmpty());
    }
}
