package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.get;
import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.maps;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HelmCollectorTest {
    private final Manifests m = Rendered.defaults();
    private final Map<String, Object> ds = m.one("DaemonSet", Rendered.fullname() + "-collector");
    private final Map<String, Object> pod = map(ds, "spec.template.spec");
    private final Map<String, Object> c = Pods.container(pod, "collector");

    @Test
    void capabilitiesNotPrivilegedSameAsCompose() {
        Map<String, Object> sc = map(c, "securityContext");
        assertEquals(Boolean.FALSE, sc.get("privileged"));
        assertEquals(Boolean.FALSE, sc.get("allowPrivilegeEscalation"));
        assertEquals(Boolean.TRUE, sc.get("readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), get(sc, "capabilities.drop"));
        assertEquals(ComposeCollectorTest.CAPABILITIES,
                new TreeSet<>(Tree.list(sc, "capabilities.add").stream().map(Object::toString).toList()),
                "the chart and docker-compose.yml must grant the same capabilities");
        assertNotEquals("Unconfined", str(sc, "seccompProfile.type"), "default seccomp profile should stay on");
        assertNotEquals(Boolean.TRUE, pod.get("hostNetwork"));
        assertNotEquals(Boolean.TRUE, pod.get("hostIPC"));
    }

    @Test
    void hostPidAndReadOnlyHostMounts() {
        assertEquals(Boolean.TRUE, pod.get("hostPID"), "event pids and /proc lookups need the host PID namespace");
        Map<String, String> hostPathByVolume = new HashMap<>();
        for (Map<String, Object> v : maps(pod, "volumes")) {
            if (v.get("hostPath") != null) {
                hostPathByVolume.put(v.get("name").toString(), str(v, "hostPath.path"));
            }
        }
        Map<String, Map<String, Object>> mountByPath = new HashMap<>();
        maps(c, "volumeMounts").forEach(vm -> mountByPath.put(vm.get("mountPath").toString(), vm));
        String[][] want = {{"/sys/kernel/tracing", "/sys/kernel/tracing"}, {"/sys/kernel/debug", "/sys/kernel/debug"},
                {"/proc", "/host/proc"}, {"/etc/passwd", "/host/etc/passwd"}};
        for (String[] w : want) {
            Map<String, Object> vm = mountByPath.get(w[1]);
            assertNotNull(vm, "no mount at " + w[1]);
            assertEquals(w[0], hostPathByVolume.get(vm.get("name").toString()), w[1] + " must be the host's " + w[0]);
            assertEquals(Boolean.TRUE, vm.get("readOnly"), w[1] + " must be read-only");
        }
        // every hostPath is read-only: the collector never writes to the node
        maps(c, "volumeMounts").stream().filter(vm -> hostPathByVolume.containsKey(vm.get("name").toString()))
                .forEach(vm -> assertEquals(Boolean.TRUE, vm.get("readOnly"), vm + " writes to the host"));
        Map<String, Map<String, Object>> env = Pods.env(c);
        assertEquals("/host/proc", env.get("EYRIE_COLLECTOR_HOST_PROC").get("value"));
        assertEquals("/host/etc/passwd", env.get("EYRIE_COLLECTOR_PASSWD_FILE").get("value"));
    }

    @Test
    void probesUseTheMetricsServer() {
        Map<String, Object> port = maps(c, "ports").get(0);
        assertEquals("metrics", port.get("name"));
        String envPort = str(Pods.env(c).get("EYRIE_COLLECTOR_METRICS_PORT"), "value");
        assertEquals(port.get("containerPort").toString(), envPort, "probe port and the collector's port must agree");
        assertEquals("0.0.0.0", str(Pods.env(c).get("EYRIE_COLLECTOR_METRICS_BIND"), "value"),
                "the kubelet probes the pod IP: a loopback-bound server fails every probe");
        assertEquals("/healthz", str(c, "livenessProbe.httpGet.path"));
        assertEquals("/metrics", str(c, "readinessProbe.httpGet.path"));
        assertEquals("metrics", str(c, "livenessProbe.httpGet.port"));
        assertEquals("metrics", str(c, "readinessProbe.httpGet.port"));
    }

    @Test
    void schedulingResourcesAndIdentity() {
        assertFalse(maps(pod, "tolerations").isEmpty(), "a node agent must tolerate taints");
        assertTrue(maps(pod, "tolerations").stream().anyMatch(t -> "Exists".equals(t.get("operator"))
                && "NoSchedule".equals(t.get("effect"))));
        assertNotNull(get(c, "resources.requests.memory"));
        assertNotNull(get(c, "resources.limits.memory"), "without a memory limit a leak takes the node down");
        String pc = str(pod, "priorityClassName");
        assertNotNull(pc);
        Map<String, Object> priorityClass = m.one("PriorityClass", pc);
        assertEquals(1000000, ((Number) priorityClass.get("value")).intValue(), "rendered as an integer, not 1e+06");
        assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"), "the collector never calls the API");
        Map<String, Object> sa = m.one("ServiceAccount", str(pod, "serviceAccountName"));
        assertEquals(Boolean.FALSE, sa.get("automountServiceAccountToken"));
        assertTrue(m.ofKind("Role").stream().noneMatch(r -> str(r, "metadata.name").contains("collector")));
    }

    @Test
    void customCapabilitiesAndPriorityClassAreHonoured() {
        Manifests custom = ChartRenderer.chart()
                .values("collector:\n  capabilities: [BPF, PERFMON, SYS_PTRACE, SYS_RESOURCE]\n")
                .set("collector.priorityClass.create", false)
                .set("collector.priorityClass.name", "system-node-critical").render();
        Map<String, Object> p = map(custom.one("DaemonSet", Rendered.fullname() + "-collector"), "spec.template.spec");
        assertEquals("system-node-critical", p.get("priorityClassName"));
        assertTrue(custom.ofKind("PriorityClass").isEmpty(), "no PriorityClass is created when create=false");
        assertTrue(Tree.list(Pods.container(p, "collector"), "securityContext.capabilities.add").contains("SYS_RESOURCE"));
    }
}
