package dev.eyrie.deploy;

import static dev.eyrie.deploy.Tree.str;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Parsed output of `helm template`. */
record Manifests(String text, List<Map<String, Object>> docs) {

    List<Map<String, Object>> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
    }

    Map<String, Object> one(String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(str(d, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendered chart; have: "
                        + docs.stream().map(d -> d.get("kind") + "/" + str(d, "metadata.name")).toList()));
    }
}
