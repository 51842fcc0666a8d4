package dev.eyrie.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers over container specs of rendered manifests. */
final class Pods {
    private Pods() {}

    static Map<String, Object> container(Map<String, Object> podSpec, String name) {
        return Tree.maps(podSpec, "containers").stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + podSpec.get("containers")));
    }

    /** env name -> the entry (value or valueFrom). */
    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Object env = container.get("env");
        if (env instanceof List<?>) {
            for (Map<String, Object> e : Tree.maps(container, "env")) {
                out.put(e.get("name").toString(), e);
            }
        }
        return out;
    }
}
