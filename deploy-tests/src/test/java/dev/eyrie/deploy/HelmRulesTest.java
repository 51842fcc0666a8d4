package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.map;
import static dev.eyrie.deploy.Tree.maps;
import static dev.eyrie.deploy.Tree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmRulesTest {
    private static final String RULE = "- rule: Shell in container\n  desc: test\n  condition: evt.type = execve\n"
            + "  output: shell (proc.name=%proc.name)\n  priority: WARNING\n";

    @Test
    void rulesFromValuesArePublishedFromAConfigMapByAJob() {
        Manifests m = ChartRenderer.chart().values("rules:\n  files:\n    site.yaml: |\n"
                + RULE.lines().map(l -> "      " + l + "\n").reduce("", String::concat)).render();
        Map<String, Object> cm = m.one("ConfigMap", Rendered.fullname() + "-rules");
        assertEquals(RULE, map(cm, "data").get("site.yaml"));
        Map<String, Object> job = m.ofKind("Job").get(0);
        Map<String, Object> pod = map(job, "spec.template.spec");
        assertEquals("Never", pod.get("restartPolicy"));
        Map<String, Object> c = Pods.container(pod, "publish");
        String cmd = String.join(" ", Tree.list(c, "args").stream().map(Object::toString).toList());
        assertTrue(cmd.contains("eyrie rules publish") && cmd.contains("/opt/eyrie/rules/*.yaml")
                && cmd.contains("/rules/*.yaml"), cmd);
        assertTrue(maps(c, "volumeMounts").stream().anyMatch(v -> "/rules".equals(v.get("mountPath"))));
        assertTrue(maps(pod, "volumes").stream().anyMatch(v -> cm.get("metadata") != null
                && str(cm, "metadata.name").equals(str(v, "configMap.name"))), "the Job must mount the ConfigMap");
        assertTrue(Pods.env(c).containsKey("EYRIE_TOPIC_RULES"));
    }

    @Test
    void existingConfigMapIsMountedAndNotCreated() {
        Manifests m = ChartRenderer.chart().set("rules.existingConfigMap", "site-rules").render();
        assertTrue(m.ofKind("ConfigMap").isEmpty());
        String volumes = map(m.ofKind("Job").get(0), "spec.template.spec").get("volumes").toString();
        assertTrue(volumes.contains("site-rules"), volumes);
    }

    @Test
    void theJobNameChangesPerRevisionBecauseJobSpecsAreImmutable() {
        assertTrue(str(Rendered.defaults().ofKind("Job").get(0), "metadata.name").endsWith("-rules-publish-1"));
    }

    @Test
    void publishingNothingIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChartRenderer.chart().set("rules.includeBundled", false).renderText());
        assertTrue(e.getMessage().contains("nothing to publish"), e.getMessage());
    }
}
