package dev.eyrie.collector.state.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eyrie.schema.Mount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dockerd's per-container state: {@code <root>/containers/<id>/config.v2.json} (Name, Config.Image, Config.Labels,
 * MountPoints) and {@code hostconfig.json} (Privileged). Containers that the kubelet runs through docker
 * (cri-dockerd) carry {@code io.kubernetes.pod.*} labels; the pod's own labels sit on its sandbox container, named by
 * {@code io.kubernetes.sandbox.id}.
 */
public final class DockerState {
  private final Path root;

  public DockerState(Path root) {
    this.root = root;
  }

  /** null when dockerd has no state for this id */
  public ContainerMeta read(String fullId) throws IOException {
    Path dir = root.resolve("containers").resolve(fullId);
    JsonNode cfg = Json.read(dir.resolve("config.v2.json"));
    if (cfg == null) {
      return null;
    }
    JsonNode host = Json.read(dir.resolve("hostconfig.json"));
    String name = Json.text(cfg, "Name");
    if (name != null && name.startsWith("/")) {
      name = name.substring(1);
    }
    JsonNode config = cfg.path("Config");
    String image = Json.text(config, "Image");
    Boolean privileged = host == null || !host.has("Privileged") ? null : host.get("Privileged").asBoolean();
    Map<String, String> labels = Json.strings(config.get("Labels"));
    Map<String, String> podLabels = Map.of();
    String sandbox = labels.get("io.kubernetes.sandbox.id");
    if (sandbox != null && !sandbox.equals(fullId) && sandbox.matches("[0-9a-f]{64}")) {
      JsonNode sb = Json.read(root.resolve("containers").resolve(sandbox).resolve("config.v2.json"));
      if (sb != null) {
        podLabels = userLabels(Json.strings(sb.path("Config").get("Labels")));
      }
    }
    return new ContainerMeta(name, image, privileged, mounts(cfg.get("MountPoints")),
        labels.get("io.kubernetes.pod.namespace"), labels.get("io.kubernetes.pod.name"),
        labels.get("io.kubernetes.pod.uid"), podLabels);
  }

  /** the sandbox's labels without the ones the kubelet adds for itself */
  private static Map<String, String> userLabels(Map<String, String> all) {
    Map<String, String> out = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (!k.startsWith("io.kubernetes.") && !k.startsWith("annotation.")) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static List<Mount> mounts(JsonNode points) {
    List<Mount> out = new ArrayList<>();
    if (points != null && points.isObject()) {
      points.elements().forEachRemaining(m -> out.add(new Mount(nz(Json.text(m, "Source")),
          nz(Json.firstNonNull(Json.text(m, "Destination"), "")), nz(Json.text(m, "Mode")),
          m.path("RW").asBoolean(false), nz(Json.text(m, "Propagation")))));
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
