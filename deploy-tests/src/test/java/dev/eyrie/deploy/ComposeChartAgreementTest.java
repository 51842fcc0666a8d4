package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A laptop (compose) and a fleet (chart) must run the same topics, index, ports and job classes. */
class ComposeChartAgreementTest {
    private final ComposeFile compose = ComposeFile.load();
    private final Manifests chart = Rendered.defaults();

    @Test
    void sameTopicsAndAlertIndex() {
        Map<String, String> composeEnv = ComposeFile.environment(compose.service("flink-detection-jobmanager"));
        Map<String, Map<String, Object>> chartEnv = Pods.env(Pods.container(map(chart.one("FlinkDeployment",
                Rendered.fullname() + "-detection"), "spec.podTemplate.spec"), "flink-main-container"));
        Map<String, String> fromCompose = new TreeMap<>();
        Map<String, String> fromChart = new TreeMap<>();
        for (String key : List.of("EYRIE_TOPIC_EVENTS", "EYRIE_TOPIC_ALERTS", "EYRIE_TOPIC_DEADLETTER",
                "EYRIE_TOPIC_RULES", "EYRIE_TOPIC_RULES_STATUS", "EYRIE_ELASTICSEARCH_INDEX")) {
            fromCompose.put(key, composeEnv.get(key));
            fromChart.put(key, chartEnv.get(key) == null ? null : str(chartEnv.get(key), "value"));
        }
        assertEquals(fromCompose, fromChart);
    }

    @Test
    void sameJobMainClasses() {
        Set<String> fromCompose = new TreeSet<>();
        compose.services().forEach((name, raw) -> {
            if (compose.service(name).get("command") instanceof List<?> cmd && cmd.contains("--job-classname")) {
                fromCompose.add(cmd.get(cmd.indexOf("--job-classname") + 1).toString());
            }
        });
        Set<String> fromChart = new TreeSet<>();
        chart.ofKind("FlinkDeployment").forEach(d -> fromChart.add(str(d, "spec.job.entryClass")));
        assertEquals(fromCompose, fromChart);
    }

    @Test
    void sameCollectorMetricsPort() {
        Map<String, Object> c = Pods.container(map(chart.one("DaemonSet", Rendered.fullname() + "-collector"),
                "spec.template.spec"), "collector");
        assertEquals(ComposeFile.environment(compose.service("collector")).get("EYRIE_COLLECTOR_METRICS_PORT"),
                str(Pods.env(c).get("EYRIE_COLLECTOR_METRICS_PORT"), "value"));
    }
}
