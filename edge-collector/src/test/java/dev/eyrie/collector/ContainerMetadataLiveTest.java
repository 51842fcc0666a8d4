package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.collector.state.runtime.RuntimeFixtures;
import dev.eyrie.collector.state.runtime.RuntimeRoots;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.Mount;
import dev.eyrie.testinfra.RequiresKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real process moved into a real cgroup v2 directory named the way docker / containerd name theirs, with the
 * runtime's state written to a fixture root: the event that reaches Kafka must carry that runtime's metadata.
 * Runs as root (eBPF, cgroup creation).
 */
@RequiresKafka
class ContainerMetadataLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String DOCKER_ID = "d0c4e7" + "0123456789abcdef".repeat(3) + "0123456789";
  private static final String CRI_ID = "c41d00" + "fedcba9876543210".repeat(3) + "fedcba9876";
  private static final String POD_UID = "5b1c7a2e-0d3f-4a8b-9c6d-1e2f3a4b5c6d";
  private static LiveCollector live;
  private static Path work;
  private final List<Path> cgroups = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("collector-containers");
    RuntimeRoots roots = new RuntimeRoots(work.resolve("docker"), work.resolve("containerd"),
        work.resolve("run-storage"), work.resolve("storage"));
    RuntimeFixtures.docker(roots.docker(), DOCKER_ID, "5a" + "0".repeat(62));
    RuntimeFixtures.containerd(roots.containerd(), CRI_ID);
    live = LiveCollector.start("collector-containers", work,
        c -> c.withHostView(c.hostView().withRuntimes(roots)));
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
    // static fields outlive the class: drop the consumed events so later test classes get the heap back
    live = null;
  }

  @AfterEach
  void removeCgroups() throws IOException {
    for (int i = cgroups.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(cgroups.get(i)); // rmdir of a cgroup: its processes have exited
    }
  }

  @Test
  void aProcessInADockerScopeCarriesItsDockerAndKubeletMetadata() throws IOException {
    Path scope = cgroup("system.slice", "docker-" + DOCKER_ID + ".scope");
    Path marker = Files.writeString(work.resolve("docker-marker"), "x");
    Event open = runInside(scope, marker);
    assertEquals(DOCKER_ID.substring(0, 12), open.getContainer().getId());
    assertEquals(DOCKER_ID, open.getContainer().getFullId());
    assertEquals("docker", open.getContainer().getRuntime());
    assertEquals("k8s_web_shop-7d9_payments_1111-22_0", open.getContainer().getName());
    assertEquals("registry.example.com:5000/team/web", open.getContainer().getImageRepository());
    assertEquals("1.4.2", open.getContainer().getImageTag());
    assertEquals(Boolean.TRUE, open.getContainer().getPrivileged());
    Map<String, Mount> mounts = open.getContainer().getMounts().stream()
        .collect(Collectors.toMap(Mount::getDest, m -> m));
    assertEquals("/srv/shop/data", mounts.get("/data").getSource());
    assertTrue(mounts.get("/data").getRdwr());
    assertEquals("ro", mounts.get("/etc/conf").getMode());
    assertEquals("payments", open.getK8s().getNsName());
    assertEquals("shop-7d9", open.getK8s().getPodName());
    assertEquals(Map.of("app", "shop", "tier", "front"), open.getK8s().getPodLabels());
  }

  @Test
  void aProcessInACriContainerdScopeCarriesTheCriAnnotations() throws IOException {
    String pod = "kubepods-besteffort-pod" + POD_UID.replace('-', '_') + ".slice";
    Path scope = cgroup("kubepods.slice", "kubepods-besteffort.slice", pod, "cri-containerd-" + CRI_ID + ".scope");
    Path marker = Files.writeString(work.resolve("cri-marker"), "x");
    Event open = runInside(scope, marker);
    assertEquals(CRI_ID.substring(0, 12), open.getContainer().getId());
    assertEquals("containerd", open.getContainer().getRuntime());
    assertEquals("api", open.getContainer().getName());
    assertEquals("ghcr.io/acme/api", open.getContainer().getImageRepository());
    assertEquals("sha256:0123abcd", open.getContainer().getImageDigest());
    assertEquals(Boolean.FALSE, open.getContainer().getPrivileged());
    assertEquals(2, open.getContainer().getMounts().size());
    assertEquals("backend", open.getK8s().getNsName());
    assertEquals("api-5f6", open.getK8s().getPodName());
    assertEquals("aaaa-bbbb", open.getK8s().getPodUid(), "the runtime's pod uid wins over the cgroup's");
  }

  /** a shell joins the cgroup, then execs cat on the marker: the open comes from inside the "container" */
  private Event runInside(Path scope, Path marker) {
    Children.Result r = Children.run("sh", "-c",
        "echo $$ > " + scope.resolve("cgroup.procs") + " && exec cat " + marker);
    assertEquals(0, r.exit(), r.out());
    return live.tail.await("open of " + marker, e -> e.getProc().getPid() == r.pid() && e.getFd() != null
        && marker.toString().equals(e.getFd().getName()), WAIT);
  }

  private Path cgroup(String... parts) throws IOException {
    Path dir = cgroup2Root();
    for (String p : parts) {
      dir = dir.resolve(p);
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir);
        cgroups.add(dir);
      }
    }
    return dir;
  }

  /** pure v2 hosts mount it at /sys/fs/cgroup, hybrid ones (like this VM) at /sys/fs/cgroup/unified */
  private static Path cgroup2Root() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 2 && f[2].equals("cgroup2")) {
        return Path.of(f[1]);
      }
    }
    throw new AssertionError("no cgroup2 mount in /proc/self/mounts: the live container test needs cgroup v2");
  }
}
