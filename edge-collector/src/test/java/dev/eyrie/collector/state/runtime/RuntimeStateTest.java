package dev.eyrie.collector.state.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.collector.state.ContainerRef;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeStateTest {
  private static final String ID = "0123456789abcdef".repeat(4);
  private static final String SANDBOX = "fedcba9876543210".repeat(4);

  @TempDir
  Path tmp;

  private RuntimeRoots roots() {
    return new RuntimeRoots(tmp.resolve("docker"), tmp.resolve("containerd"), tmp.resolve("run-storage"),
        tmp.resolve("storage"));
  }

  @Test
  void dockerStateGivesNameImagePrivilegeMountsAndThePodFromKubeletLabels() throws IOException {
    RuntimeFixtures.docker(tmp.resolve("docker"), ID, SANDBOX);
    ContainerCatalog cat = new ContainerCatalog(roots(), 16, 1_000_000_000L, msg -> { });
    ContainerCatalog.Entry e = cat.lookup(new ContainerRef(ID.substring(0, 12), ID, "docker", null), 0);
    Container c = e.container();
    assertEquals("k8s_web_shop-7d9_payments_1111-22_0", c.getName());
    assertEquals("registry.example.com:5000/team/web:1.4.2", c.getImage());
    assertEquals("registry.example.com:5000/team/web", c.getImageRepository());
    assertEquals("1.4.2", c.getImageTag());
    assertEquals(Boolean.TRUE, c.getPrivileged());
    assertEquals(List.of(new Mount("/srv/shop/data", "/data", "", true, "rprivate"),
        new Mount("/srv/shop/conf", "/etc/conf", "ro", false, "rslave")), sorted(c.getMounts()));
    Kubernetes k = e.pod();
    assertEquals("payments", k.getNsName());
    assertEquals("shop-7d9", k.getPodName());
    assertEquals("1111-22", k.getPodUid());
    assertEquals(Map.of("app", "shop", "tier", "front"), k.getPodLabels());
  }

  @Test
  void containerdBundleGivesCriAnnotationsAndBindMountsOnly() throws IOException {
    RuntimeFixtures.containerd(tmp.resolve("containerd"), ID);
    ContainerCatalog cat = new ContainerCatalog(roots(), 16, 1_000_000_000L, msg -> { });
    ContainerCatalog.Entry e = cat.lookup(new ContainerRef(ID.substring(0, 12), ID, "containerd", "aaaa-bbbb"), 0);
    Container c = e.container();
    assertEquals("api", c.getName());
    assertEquals("ghcr.io/acme/api", c.getImageRepository());
    assertNull(c.getImageTag());
    assertEquals("sha256:0123abcd", c.getImageDigest());
    assertEquals(Boolean.FALSE, c.getPrivileged(), "the default capability set is not privileged");
    assertEquals(2, c.getMounts().size(), "proc is the runtime's plumbing, not a volume");
    Mount sa = c.getMounts().get(0);
    assertEquals("/var/run/secrets/kubernetes.io/serviceaccount", sa.getDest());
    assertFalse(sa.getRdwr());
    assertEquals("rprivate", sa.getPropagation());
    assertTrue(c.getMounts().get(1).getRdwr());
    assertEquals("backend", e.pod().getNsName());
    assertEquals("api-5f6", e.pod().getPodName());
    assertEquals("aaaa-bbbb", e.pod().getPodUid());
  }

  @Test
  void crioSpecAndStorageIndexGiveThePodItsSandboxLabelsAndFullCapabilitiesMeanPrivileged() throws IOException {
    Path run = tmp.resolve("run-storage/overlay-containers");
    String caps = String.join(",", OciBundleCaps.all());
    Files.createDirectories(run.resolve(ID).resolve("userdata"));
    Files.writeString(run.resolve(ID).resolve("userdata/config.json"), """
        {"process":{"capabilities":{"bounding":[%s]}},
         "mounts":[{"destination":"/host","type":"bind","source":"/","options":["rbind","rshared","rw"]}],
         "annotations":{"io.kubernetes.cri-o.SandboxID":"%s",
           "io.kubernetes.cri-o.ImageName":"quay.io/acme/agent:2.0",
           "io.kubernetes.cri-o.ContainerName":"k8s_agent_agent-x_monitoring_9999_0",
           "io.kubernetes.cri-o.Labels":"{\\"io.kubernetes.container.name\\":\\"agent\\",\\"io.kubernetes.pod.name\\":\\"agent-x\\",\\"io.kubernetes.pod.namespace\\":\\"monitoring\\",\\"io.kubernetes.pod.uid\\":\\"9999\\"}"}}
        """.formatted(caps, SANDBOX));
    Files.createDirectories(run.resolve(SANDBOX).resolve("userdata"));
    Files.writeString(run.resolve(SANDBOX).resolve("userdata/config.json"), """
        {"annotations":{"io.kubernetes.cri-o.Labels":"{\\"app\\":\\"agent\\",\\"io.kubernetes.pod.name\\":\\"agent-x\\"}"}}
        """);
    ContainerCatalog cat = new ContainerCatalog(roots(), 16, 1_000_000_000L, msg -> { });
    ContainerCatalog.Entry e = cat.lookup(new ContainerRef(ID.substring(0, 12), ID, "cri-o", "9999"), 0);
    assertEquals("agent", e.container().getName());
    assertEquals("quay.io/acme/agent", e.container().getImageRepository());
    assertEquals("2.0", e.container().getImageTag());
    assertEquals(Boolean.TRUE, e.container().getPrivileged());
    assertEquals(List.of(new Mount("/", "/host", "", true, "rshared")), e.container().getMounts());
    assertEquals("monitoring", e.pod().getNsName());
    assertEquals("agent-x", e.pod().getPodName());
    assertEquals(Map.of("app", "agent"), e.pod().getPodLabels());
  }

  @Test
  void podmanNameAndImageComeFromTheStorageIndex() throws IOException {
    Path graph = tmp.resolve("storage/overlay-containers");
    Files.createDirectories(graph.resolve(ID).resolve("userdata"));
    Files.writeString(graph.resolve(ID).resolve("userdata/config.json"), """
        {"process":{"capabilities":{"bounding":["CAP_CHOWN","CAP_KILL"]}},"mounts":[],
         "annotations":{"io.container.manager":"libpod"}}
        """);
    Files.writeString(graph.resolve("containers.json"), """
        [{"id":"%s","names":["quirky_lamport"],"image":"abc",
          "metadata":"{\\"image-name\\":\\"docker.io/library/alpine:3.20\\",\\"name\\":\\"quirky_lamport\\"}"}]
        """.formatted(ID));
    ContainerCatalog cat = new ContainerCatalog(roots(), 16, 1_000_000_000L, msg -> { });
    ContainerCatalog.Entry e = cat.lookup(new ContainerRef(ID.substring(0, 12), ID, "podman", null), 0);
    assertEquals("quirky_lamport", e.container().getName());
    assertEquals("docker.io/library/alpine", e.container().getImageRepository());
    assertEquals("3.20", e.container().getImageTag());
    assertEquals(Boolean.FALSE, e.container().getPrivileged());
    assertNull(e.pod());
  }

  @Test
  void aMissIsCachedUntilItsRetryTimeThenTheStateWrittenMeanwhileIsFound() throws IOException {
    List<String> log = new ArrayList<>();
    ContainerCatalog cat = new ContainerCatalog(roots(), 16, 1_000L, log::add);
    ContainerRef ref = new ContainerRef(ID.substring(0, 12), ID, "docker", null);
    ContainerCatalog.Entry miss = cat.lookup(ref, 0);
    assertNull(miss.container().getName());
    assertEquals(ID.substring(0, 12), miss.container().getId());
    RuntimeFixtures.docker(tmp.resolve("docker"), ID, SANDBOX);
    assertSame(miss, cat.lookup(ref, 999), "no file reads before the retry time");
    Files.deleteIfExists(tmp.resolve("docker/containers").resolve(ID).resolve("config.v2.json"));
    assertSame(miss, cat.lookup(ref, 1_000), "a repeated miss keeps its instance");
    RuntimeFixtures.docker(tmp.resolve("docker"), ID, SANDBOX);
    ContainerCatalog.Entry hit = cat.lookup(ref, 2_000);
    assertEquals("k8s_web_shop-7d9_payments_1111-22_0", hit.container().getName());
    assertSame(hit, cat.lookup(ref, Long.MAX_VALUE), "found metadata is final");
    assertTrue(log.isEmpty(), log.toString());
  }

  @Test
  void theCacheIsBoundedAndBrokenStateIsReportedWithItsPath() throws IOException {
    List<String> log = new ArrayList<>();
    ContainerCatalog cat = new ContainerCatalog(roots(), 2, 1_000L, log::add);
    for (int i = 0; i < 5; i++) {
      String id = String.format("%064x", i + 1);
      cat.lookup(new ContainerRef(id.substring(0, 12), id, "docker", null), 0);
    }
    assertEquals(2, cat.size());
    Path dir = Files.createDirectories(tmp.resolve("docker/containers").resolve(ID));
    Files.writeString(dir.resolve("config.v2.json"), "{not json");
    cat.lookup(new ContainerRef(ID.substring(0, 12), ID, "docker", null), 0);
    assertEquals(1, log.size());
    assertTrue(log.get(0).contains(dir.resolve("config.v2.json").toString()), log.get(0));
  }

  @Test
  void imageReferencesSplitAtTheTagNotAtARegistryPort() {
    assertEquals(new ImageRef("nginx", "latest", null), ImageRef.parse("nginx"));
    assertEquals(new ImageRef("localhost:5000/app", "latest", null), ImageRef.parse("localhost:5000/app"));
    assertEquals(new ImageRef("localhost:5000/app", "v1", "sha256:ff"), ImageRef.parse("localhost:5000/app:v1@sha256:ff"));
  }

  private static List<Mount> sorted(List<Mount> m) {
    List<Mount> l = new ArrayList<>(m);
    l.sort((a, b) -> a.getDest().compareTo(b.getDest()));
    return l;
  }
}
