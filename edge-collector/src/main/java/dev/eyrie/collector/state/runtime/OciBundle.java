package dev.eyrie.collector.state.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eyrie.schema.Mount;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OCI runtime spec ({@code config.json}) a runtime hands to runc, read for containerd (CRI plugin annotations
 * {@code io.kubernetes.cri.*}), CRI-O ({@code io.kubernetes.cri-o.*} plus the kubelet's {@code io.kubernetes.pod.*})
 * and podman. Mounts come from {@code mounts[]}; privileged is derived from {@code process.capabilities.bounding}
 * holding every capability, since a privileged container is given the full set and no runtime records the flag in
 * the spec itself.
 */
public final class OciBundle {
  /** CAP_CHOWN .. CAP_AUDIT_READ: the set every current runtime knows; default container sets hold 14 of them */
  private static final Set<String> ALL_CAPS = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
      "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
      "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
      "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
      "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
      "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
      "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ");
  private static final Set<String> PROPAGATION = Set.of("private", "rprivate", "shared", "rshared", "slave",
      "rslave", "unbindable", "runbindable");

  private OciBundle() {}

  /** containerd keeps one task directory per namespace (k8s.io for the CRI plugin, moby for dockerd, …) */
  public static Path findContainerdBundle(Path containerdState, String fullId) throws IOException {
    Path tasks = containerdState.resolve("io.containerd.runtime.v2.task");
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    try (DirectoryStream<Path> namespaces = Files.newDirectoryStream(tasks)) {
      for (Path ns : namespaces) {
        Path cfg = ns.resolve(fullId).resolve("config.json");
        if (Files.isRegularFile(cfg)) {
          return cfg;
        }
      }
    }
    return null;
  }

  public static ContainerMeta containerd(JsonNode spec) {
    Map<String, String> a = Json.strings(spec.get("annotations"));
    return new ContainerMeta(a.get("io.kubernetes.cri.container-name"), a.get("io.kubernetes.cri.image-name"),
        privileged(spec), mounts(spec), a.get("io.kubernetes.cri.sandbox-namespace"),
        a.get("io.kubernetes.cri.sandbox-name"), a.get("io.kubernetes.cri.sandbox-uid"), Map.of());
  }

  /**
   * CRI-O and podman share containers/storage's layout. CRI-O repeats the kubelet's labels in the
   * {@code io.kubernetes.cri-o.Labels} annotation (a JSON object); the pod's own labels are on its sandbox, whose
   * spec {@code sandboxSpec} is (null when not found).
   */
  public static ContainerMeta storage(JsonNode spec, JsonNode sandboxSpec, String storedName, String storedImage) {
    Map<String, String> a = Json.strings(spec.get("annotations"));
    Map<String, String> labels = Json.strings(Json.parse(a.get("io.kubernetes.cri-o.Labels")));
    String ns = Json.firstNonNull(a.get("io.kubernetes.pod.namespace"), labels.get("io.kubernetes.pod.namespace"));
    String pod = Json.firstNonNull(a.get("io.kubernetes.pod.name"), labels.get("io.kubernetes.pod.name"));
    String uid = Json.firstNonNull(a.get("io.kubernetes.pod.uid"), labels.get("io.kubernetes.pod.uid"));
    Map<String, String> podLabels = Map.of();
    if (sandboxSpec != null) {
      Map<String, String> sa = Json.strings(sandboxSpec.get("annotations"));
      podLabels = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, String> e : Json.strings(Json.parse(sa.get("io.kubernetes.cri-o.Labels"))).entrySet()) {
        if (!e.getKey().startsWith("io.kubernetes.")) {
          podLabels.put(e.getKey(), e.getValue());
        }
      }
    }
    String name = Json.firstNonNull(a.get("io.kubernetes.container.name"), labels.get("io.kubernetes.container.name"),
        storedName, a.get("io.kubernetes.cri-o.ContainerName"));
    String image = Json.firstNonNull(a.get("io.kubernetes.cri-o.ImageName"), storedImage);
    return new ContainerMeta(name, image, privileged(spec), mounts(spec), ns, pod, uid, podLabels);
  }

  static Boolean privileged(JsonNode spec) {
    JsonNode bounding = spec.path("process").path("capabilities").get("bounding");
    if (bounding == null || !bounding.isArray()) {
      return null;
    }
    Set<String> have = new HashSet<>();
    bounding.forEach(c -> have.add(c.asText()));
    return have.containsAll(ALL_CAPS);
  }

  static List<Mount> mounts(JsonNode spec) {
    List<Mount> out = new ArrayList<>();
    JsonNode mounts = spec.get("mounts");
    if (mounts == null || !mounts.isArray()) {
      return out;
    }
    for (JsonNode m : mounts) {
      String type = Json.text(m, "type");
      List<String> opts = new ArrayList<>();
      m.path("options").forEach(o -> opts.add(o.asText()));
      boolean bind = "bind".equals(type) || opts.contains("bind") || opts.contains("rbind");
      if (!bind) {
        continue; // proc, sysfs, tmpfs, mqueue …: the runtime's own plumbing, not a volume of the container
      }
      String propagation = "";
      for (String o : opts) {
        if (PROPAGATION.contains(o)) {
          propagation = o;
        }
      }
      out.add(new Mount(nz(Json.text(m, "source")), nz(Json.text(m, "destination")), opts.contains("ro") ? "ro" : "",
          !opts.contains("ro"), propagation));
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
