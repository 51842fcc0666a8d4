package dev.eyrie.collector.state.runtime;

import java.nio.file.Path;

/**
 * Where each container runtime keeps its on-disk state, as the collector sees it (in a container the host's
 * directories are bind-mounted read-only elsewhere). A root that does not exist simply yields no metadata.
 *
 * @param docker dockerd's data root ({@code containers/<id>/config.v2.json}, {@code hostconfig.json})
 * @param containerd containerd's state directory ({@code io.containerd.runtime.v2.task/<namespace>/<id>/config.json})
 * @param storageRun containers/storage run root (CRI-O and rootful podman bundles: {@code overlay-containers/<id>/userdata})
 * @param storageGraph containers/storage graph root (podman's persistent copy of the same layout)
 */
public record RuntimeRoots(Path docker, Path containerd, Path storageRun, Path storageGraph) {
  /** the runtimes' default locations (constants, so command-line defaults can name them) */
  public static final String DOCKER = "/var/lib/docker";
  public static final String CONTAINERD = "/run/containerd";
  public static final String STORAGE_RUN = "/run/containers/storage";
  public static final String STORAGE_GRAPH = "/var/lib/containers/storage";

  public static RuntimeRoots defaults() {
    return new RuntimeRoots(Path.of(DOCKER), Path.of(CONTAINERD), Path.of(STORAGE_RUN), Path.of(STORAGE_GRAPH));
  }
}
