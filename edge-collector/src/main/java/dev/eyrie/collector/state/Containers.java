package dev.eyrie.collector.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container id from a cgroup path: docker ("docker-ID.scope", "/docker/ID"), containerd CRI
 * ("cri-containerd-ID.scope", "/kubepods/.../ID"), CRI-O ("crio-ID.scope"), podman ("libpod-ID.scope"); anything
 * else is the host.
 */
public final class Containers {
  private static final Pattern ID = Pattern.compile(
      "(docker-|cri-containerd-|crio-|libpod-|docker/|libpod_parent/libpod-)?([0-9a-f]{64})(?:\\.scope)?(?:/|$)");
  private static final Pattern POD = Pattern.compile("pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}"
      + "[-_][0-9a-f]{12})");

  private Containers() {}

  public static ContainerRef fromCgroup(String path) {
    if (path == null || path.isEmpty()) {
      return ContainerRef.HOST;
    }
    if (path.contains("crio-conmon-")) {
      return ContainerRef.HOST; // CRI-O's monitor process runs beside, not inside, the container
    }
    Matcher m = ID.matcher(path);
    String full = null;
    String prefix = null;
    while (m.find()) { // the innermost (last) id wins for nested cgroups
      full = m.group(2);
      prefix = m.group(1);
    }
    if (full == null) {
      return ContainerRef.HOST;
    }
    String podUid = null;
    Matcher pm = POD.matcher(path);
    if (pm.find()) {
      podUid = pm.group(1).replace('_', '-');
    }
    String runtime;
    if (prefix == null) {
      runtime = path.contains("kubepods") ? "containerd" : "containerd";
    } else if (prefix.startsWith("docker")) {
      runtime = "docker";
    } else if (prefix.startsWith("cri-containerd")) {
      runtime = "containerd";
    } else if (prefix.startsWith("crio")) {
      runtime = "cri-o";
    } else {
      runtime = "podman";
    }
    return new ContainerRef(full.substring(0, 12), full, runtime, podUid);
  }
}
