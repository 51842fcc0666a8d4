package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The collector container: least privilege that still lets it load eBPF and read the host's /proc. */
class ComposeCollectorTest {
    /**
     * What the collector needs on kernels >= 5.8 - the set edge-collector's LeastPrivilegeTest runs it with; each is
     * justified next to cap_add in docker-compose.yml.
     */
    static final Set<String> CAPABILITIES = Set.of("BPF", "PERFMON", "SYS_PTRACE", "DAC_READ_SEARCH");

    private final ComposeFile compose = ComposeFile.load();
    private final Map<String, Object> collector = compose.service("collector");

    @Test
    void notPrivilegedAndOnlyTheDocumentedCapabilities() {
        assertNotEquals(Boolean.TRUE, collector.get("privileged"), "the collector must not run privileged");
        assertEquals(List.of("ALL"), collector.get("cap_drop"), "drop every default capability first");
        assertEquals(CAPABILITIES, new TreeSet<>(Tree.list(collector, "cap_add").stream().map(Object::toString).toList()));
        assertEquals(documentedCapabilities(), CAPABILITIES,
                "every added capability needs a '#   NAME - why' line in docker-compose.yml, and only those");
        assertTrue(Tree.list(collector, "security_opt").contains("no-new-privileges:true"));
        assertFalse(collector.containsKey("devices"), "no host devices: eBPF needs none");
    }

    @Test
    void seesHostPidsAndMountsWhatTheProbesNeedReadOnly() {
        assertEquals("host", collector.get("pid"), "event pids and /proc/<pid> lookups must be host pids");
        assertFalse("host".equals(collector.get("network_mode")), "the host network namespace is not needed");
        Map<String, ComposeFile.Mount> byTarget = new java.util.HashMap<>();
        ComposeFile.volumes(collector).forEach(m -> byTarget.put(m.target(), m));
        for (String[] want : new String[][] {
                {"/sys/kernel/tracing", "/sys/kernel/tracing"}, {"/sys/kernel/debug", "/sys/kernel/debug"},
                {"/proc", "/host/proc"}, {"/etc/passwd", "/host/etc/passwd"}}) {
            ComposeFile.Mount m = byTarget.get(want[1]);
            assertTrue(m != null && want[0].equals(m.source()), "missing mount " + want[0] + " -> " + want[1]);
            assertTrue(m.readOnly(), want[1] + " must be mounted read-only");
        }
        Map<String, String> env = ComposeFile.environment(collector);
        assertEquals("/host/proc", env.get("EYRIE_COLLECTOR_HOST_PROC"), "the collector must read the host's /proc");
        assertEquals("/host/etc/passwd", env.get("EYRIE_COLLECTOR_PASSWD_FILE"));
        assertEquals(Boolean.TRUE, collector.get("read_only"), "read-only root filesystem");
    }

    @Test
    void healthcheckHitsTheMetricsServerOnItsConfiguredPort() {
        String port = ComposeFile.environment(collector).get("EYRIE_COLLECTOR_METRICS_PORT");
        String test = String.join(" ", Tree.list(collector, "healthcheck.test").stream().map(Object::toString).toList());
        assertTrue(test.contains("http://localhost:" + port + "/healthz"), "healthcheck must call /healthz on " + port
                + ": " + test);
        assertTrue(Tree.list(collector, "ports").stream().anyMatch(p -> p.toString().endsWith(":" + port)),
                "metrics port " + port + " must be published for scraping");
        assertEquals("0.0.0.0", ComposeFile.environment(collector).get("EYRIE_COLLECTOR_METRICS_BIND"),
                "a loopback-bound server inside the container is unreachable through the published port");
    }

    private Set<String> documentedCapabilities() {
        // the comment block directly above `cap_add:` in the collector service
        String text = compose.text;
        int service = text.indexOf("\n  collector:");
        int capAdd = text.indexOf("cap_add:", service);
        String block = text.substring(service, capAdd);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*#\\s{2,}([A-Z_]+)\\s+-\\s+\\S").matcher(block);
        while (m.find()) {
            documented.add(m.group(1));
        }
        return documented;
    }
}
