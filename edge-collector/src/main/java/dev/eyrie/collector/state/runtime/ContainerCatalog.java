package dev.eyrie.collector.state.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eyrie.collector.state.ContainerRef;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Kubernetes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Container and pod metadata per container id, read from the runtimes' on-disk state once per id and cached (LRU,
 * bounded). A lookup that finds nothing (state not written yet, runtime root not mounted) is retried at most once per
 * {@code retryNs}, so a container first seen before its runtime finished writing its state still gets named, without
 * re-reading files for every event of an unknown id. Entries leave by LRU only: a container's exit is not an event
 * the collector sees (its last process exiting is), and a restarted container keeps its id.
 * Not thread-safe: the consumer thread owns it.
 */
public final class ContainerCatalog {
  /** one container's current metadata; events keep pointing at the same instance until it is refreshed */
  public static final class Entry {
    Container container;
    Kubernetes pod;
    boolean found;
    long retryAtNs;

    public Container container() {
      return container;
    }

    /** null for a container outside Kubernetes */
    public Kubernetes pod() {
      return pod;
    }

    /** the runtime's state was found: no reason to look again */
    public boolean isFinal() {
      return found;
    }

    /** true while the cached answer is final or its retry time has not come */
    public boolean fresh(long nowNs) {
      return found || nowNs - retryAtNs < 0;
    }
  }

  private static final Entry HOST = hostEntry();

  private final RuntimeRoots roots;
  private final DockerState docker;
  private final StorageState storage;
  private final long retryNs;
  private final Consumer<String> log;
  private final Map<ContainerRef, Entry> cache;

  public ContainerCatalog(RuntimeRoots roots, int maxEntries, long retryNs, Consumer<String> log) {
    this.roots = roots;
    this.docker = new DockerState(roots.docker());
    this.storage = new StorageState(roots.storageRun(), roots.storageGraph());
    this.retryNs = retryNs;
    this.log = log;
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ContainerRef, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public Entry lookup(ContainerRef ref, long nowNs) {
    if (ref == ContainerRef.HOST || ref.fullId().isEmpty()) {
      return HOST;
    }
    Entry e = cache.get(ref);
    if (e != null && e.fresh(nowNs)) {
      return e;
    }
    Entry fresh = load(ref);
    if (e != null && !fresh.found) {
      e.retryAtNs = nowNs + retryNs; // still unknown: the same instance, so encoders caching by identity see no change
      return e;
    }
    fresh.retryAtNs = nowNs + retryNs;
    cache.put(ref, fresh);
    return fresh;
  }

  public int size() {
    return cache.size();
  }

  private Entry load(ContainerRef ref) {
    ContainerMeta meta = null;
    try {
      meta = switch (ref.runtime() == null ? "" : ref.runtime()) {
        case "docker" -> docker.read(ref.fullId());
        case "cri-o", "podman" -> storage.read(ref.fullId());
        default -> containerdThenOthers(ref.fullId());
      };
    } catch (IOException | RuntimeException e) {
      log.accept("container " + ref.id() + " (" + ref.runtime() + "): unreadable runtime state: " + e.getMessage());
    }
    Entry e = new Entry();
    e.found = meta != null;
    if (meta == null) {
      meta = new ContainerMeta(null, null, null, List.of(), null, null, null, Map.of());
    }
    ImageRef img = ImageRef.parse(meta.image());
    e.container = new Container(ref.id(), ref.fullId(), ref.runtime(), meta.name(), meta.image(), img.repository(),
        img.tag(), img.digest(), meta.privileged(), meta.mounts());
    String podUid = meta.podUid() != null ? meta.podUid() : ref.podUid();
    if (meta.isKubernetes() || podUid != null) {
      e.pod = new Kubernetes(meta.podNamespace(), meta.podName(), podUid, meta.podLabels());
    }
    return e;
  }

  /** a bare id under kubepods may belong to containerd, or to dockerd / CRI-O with the cgroupfs driver */
  private ContainerMeta containerdThenOthers(String fullId) throws IOException {
    Path bundle = OciBundle.findContainerdBundle(roots.containerd(), fullId);
    if (bundle != null) {
      JsonNode spec = Json.read(bundle);
      if (spec != null) {
        return OciBundle.containerd(spec);
      }
    }
    ContainerMeta m = docker.read(fullId);
    return m != null ? m : storage.read(fullId);
  }

  private static Entry hostEntry() {
    Entry e = new Entry();
    e.found = true;
    e.container = new Container(ContainerRef.HOST.id(), "", null, null, null, null, null, null, null, List.of());
    return e;
  }
}
