package dev.eyrie.collector.state.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * containers/storage, shared by CRI-O and podman: each container's OCI spec at
 * {@code overlay-containers/<id>/userdata/config.json} (CRI-O writes it under the run root, podman under the graph
 * root), and the store's index {@code overlay-containers/containers.json} with the container's names and a metadata
 * string holding {@code image-name}.
 */
final class StorageState {
  private final Path run;
  private final Path graph;

  StorageState(Path run, Path graph) {
    this.run = run;
    this.graph = graph;
  }

  ContainerMeta read(String fullId) throws IOException {
    JsonNode spec = spec(fullId);
    if (spec == null) {
      return null;
    }
    JsonNode sandboxSpec = null;
    String sandbox = Json.text(spec.path("annotations"), "io.kubernetes.cri-o.SandboxID");
    if (sandbox != null && !sandbox.equals(fullId) && sandbox.matches("[0-9a-f]{64}")) {
      sandboxSpec = spec(sandbox);
    }
    String name = null;
    String image = null;
    JsonNode stored = stored(fullId);
    if (stored != null) {
      JsonNode names = stored.get("names");
      if (names != null && names.isArray() && !names.isEmpty()) {
        name = names.get(0).asText();
      }
      image = Json.text(Json.parse(Json.text(stored, "metadata")), "image-name");
    }
    return OciBundle.storage(spec, sandboxSpec, name, image);
  }

  private JsonNode spec(String id) throws IOException {
    for (Path root : new Path[] {run, graph}) {
      JsonNode n = Json.read(root.resolve("overlay-containers").resolve(id).resolve("userdata").resolve("config.json"));
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  private JsonNode stored(String id) throws IOException {
    for (Path root : new Path[] {graph, run}) {
      JsonNode list = Json.read(root.resolve("overlay-containers").resolve("containers.json"));
      if (list != null && list.isArray()) {
        for (JsonNode c : list) {
          if (id.equals(Json.text(c, "id"))) {
            return c;
          }
        }
      }
    }
    return null;
  }
}
