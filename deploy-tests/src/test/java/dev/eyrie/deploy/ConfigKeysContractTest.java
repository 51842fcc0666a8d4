package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The contract between the deployments and the code they run: every EYRIE_* variable docker-compose.yml and the
 * chart set is read by that component's module (deploy/config-keys.md), and every main class they start exists.
 * These fail when a module renames or drops a key - the moment a deployment would silently fall back to a default.
 */
class ConfigKeysContractTest {
    /** Environment variables consumed by third-party entrypoints rather than Eyrie code. */
    private static final Set<String> IMAGE_ENV = Set.of("FLINK_PROPERTIES", "ENABLE_BUILT_IN_PLUGINS");

    @Test
    void composeServicesSetOnlyKeysTheirModuleReads() {
        ComposeFile compose = ComposeFile.load();
        Map<String, String> moduleByService = new TreeMap<>();
        compose.services().forEach((name, raw) -> {
            String image = String.valueOf(compose.service(name).get("image"));
            if (image.startsWith("eyrie/collector:")) {
                moduleByService.put(name, "edge-collector");
            } else if (image.startsWith("eyrie/cli:")) {
                moduleByService.put(name, "cli");
            } else if (image.startsWith("flink:")) {
                moduleByService.put(name, "flink-jobs");
            }
        });
        assertTrue(moduleByService.values().containsAll(Set.of("edge-collector", "cli", "flink-jobs")),
                "expected collector, CLI and Flink services, found " + moduleByService);
        List<String> failures = new ArrayList<>();
        moduleByService.forEach((service, module) -> {
            Set<String> names = ComposeFile.environment(compose.service(service)).keySet();
            names.stream().filter(n -> !n.startsWith("EYRIE_") && !IMAGE_ENV.contains(n))
                    .forEach(n -> failures.add(service + " sets " + n + ", which is not an Eyrie config key"));
            collect(failures, () -> ConfigKeys.assertReadBy(module, names, "compose service " + service));
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void chartSetsOnlyKeysEachComponentReads() {
        // credentials and TLS switched on, so the optional keys are rendered too
        Manifests m = ChartRenderer.chart()
                .set("kafka.sasl.mechanism", "PLAIN").set("kafka.sasl.existingSecret", "k")
                .set("kafka.tls.truststoreSecret", "t").set("elasticsearch.auth.existingSecret", "e")
                .set("elasticsearch.tls.caSecret", "ca").set("rules.existingConfigMap", "r").render();
        List<String> failures = new ArrayList<>();
        Map<String, Object> ds = m.one("DaemonSet", Rendered.fullname() + "-collector");
        check(failures, "edge-collector", "the collector DaemonSet",
                Pods.container(map(ds, "spec.template.spec"), "collector"));
        for (Map<String, Object> d : m.ofKind("FlinkDeployment")) {
            check(failures, "flink-jobs", "FlinkDeployment " + str(d, "metadata.name"),
                    Pods.container(map(d, "spec.podTemplate.spec"), "flink-main-container"));
        }
        check(failures, "cli", "the rules-publish Job",
                Pods.container(map(m.ofKind("Job").get(0), "spec.template.spec"), "publish"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void mainClassesTheDeploymentsStartExist() {
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> d : Rendered.defaults().ofKind("FlinkDeployment")) {
            String entry = str(d, "spec.job.entryClass");
            if (!JobClasses.exists(entry)) {
                missing.add("FlinkDeployment " + str(d, "metadata.name") + " -> " + entry);
            }
        }
        ComposeFile compose = ComposeFile.load();
        compose.services().forEach((name, raw) -> {
            if (compose.service(name).get("command") instanceof List<?> cmd && cmd.contains("--job-classname")) {
                String entry = cmd.get(cmd.indexOf("--job-classname") + 1).toString();
                if (!JobClasses.exists(entry)) {
                    missing.add("compose " + name + " -> " + entry);
                }
            }
        });
        assertFalse(Rendered.defaults().ofKind("FlinkDeployment").isEmpty());
        assertTrue(missing.isEmpty(), "main classes not found in flink-jobs/src/main/java: " + missing);
    }

    private static void check(List<String> failures, String module, String where, Map<String, Object> container) {
        Set<String> names = Pods.env(container).keySet();
        names.stream().filter(n -> !n.startsWith("EYRIE_") && !IMAGE_ENV.contains(n))
                .forEach(n -> failures.add(where + " sets " + n + ", which is not an Eyrie config key"));
        collect(failures, () -> ConfigKeys.assertReadBy(module, names, where));
    }

    private static void collect(List<String> failures, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }
}
