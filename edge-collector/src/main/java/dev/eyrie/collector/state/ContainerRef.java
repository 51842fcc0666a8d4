package dev.eyrie.collector.state;

/**
 * Container identity derived from a cgroup path. {@code id} is the 12-hex-char short id or "host".
 * {@code podUid} is set for Kubernetes pods (kubepods cgroup slices).
 */
public record ContainerRef(String id, String fullId, String runtime, String podUid) {
  public static final ContainerRef HOST = new ContainerRef("host", "", null, null);
}
