package dev.eyrie.collector.state.runtime;

import dev.eyrie.schema.Mount;
import java.util.List;
import java.util.Map;

/**
 * What a runtime's state says about one container. Any field may be null when the runtime does not record it;
 * {@code podLabels} is empty then.
 */
public record ContainerMeta(String name, String image, Boolean privileged, List<Mount> mounts, String podNamespace,
    String podName, String podUid, Map<String, String> podLabels) {

  public boolean isKubernetes() {
    return podNamespace != null || podName != null || podUid != null;
  }
}
