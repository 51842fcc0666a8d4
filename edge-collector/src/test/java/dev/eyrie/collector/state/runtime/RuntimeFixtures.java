package dev.eyrie.collector.state.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runtime state files laid out as each runtime writes them (field names per the runtimes' own sources). */
public final class RuntimeFixtures {
  private RuntimeFixtures() {}

  /** a kubelet-managed docker container (cri-dockerd labels), privileged, with one bind mount and one volume */
  public static void docker(Path root, String id, String sandboxId) throws IOException {
    Path dir = Files.createDirectories(root.resolve("containers").resolve(id));
    Files.writeString(dir.resolve("config.v2.json"), """
        {"ID":"%s","Name":"/k8s_web_shop-7d9_payments_1111-22_0",
         "Image":"sha256:4bb5cc3f8ed0a2f1a6e7d3f0c3bb4a4e9d3f4ee7bb1a5ad70fb9c3a8b9d0e1f2",
         "Config":{"Hostname":"shop-7d9","Image":"registry.example.com:5000/team/web:1.4.2",
           "Labels":{"io.kubernetes.pod.name":"shop-7d9","io.kubernetes.pod.namespace":"payments",
                     "io.kubernetes.pod.uid":"1111-22","io.kubernetes.container.name":"web",
                     "io.kubernetes.sandbox.id":"%s"}},
         "MountPoints":{
           "/data":{"Source":"/srv/shop/data","Destination":"/data","RW":true,"Name":"","Driver":"",
                    "Type":"bind","Mode":"","Propagation":"rprivate"},
           "/etc/conf":{"Source":"/srv/shop/conf","Destination":"/etc/conf","RW":false,"Type":"bind",
                    "Mode":"ro","Propagation":"rslave"}}}
        """.formatted(id, sandboxId));
    Files.writeString(dir.resolve("hostconfig.json"), """
        {"Binds":["/srv/shop/data:/data","/srv/shop/conf:/etc/conf:ro"],"Privileged":true,"NetworkMode":"none"}
        """);
    Path sb = Files.createDirectories(root.resolve("containers").resolve(sandboxId));
    Files.writeString(sb.resolve("config.v2.json"), """
        {"ID":"%s","Name":"/k8s_POD_shop-7d9_payments_1111-22_0","Config":{"Image":"registry.k8s.io/pause:3.9",
         "Labels":{"app":"shop","tier":"front","io.kubernetes.pod.name":"shop-7d9",
                   "annotation.kubernetes.io/config.seen":"2026-01-01"}}}
        """.formatted(sandboxId));
  }

  /** a containerd CRI task bundle in namespace k8s.io: default capabilities, one bind mount */
  public static void containerd(Path state, String id) throws IOException {
    Path dir = Files.createDirectories(state.resolve("io.containerd.runtime.v2.task/k8s.io").resolve(id));
    Files.writeString(dir.resolve("config.json"), """
        {"ociVersion":"1.1.0",
         "process":{"args":["/app"],"capabilities":{
           "bounding":["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW",
             "CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT",
             "CAP_KILL","CAP_AUDIT_WRITE"]}},
         "mounts":[
           {"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]},
           {"destination":"/var/run/secrets/kubernetes.io/serviceaccount","type":"bind",
            "source":"/var/lib/kubelet/pods/abcd/volumes/kubernetes.io~projected/kube-api-access",
            "options":["rbind","rprivate","ro"]},
           {"destination":"/cache","type":"bind","source":"/var/lib/kubelet/pods/abcd/volumes/cache",
            "options":["rbind","rprivate","rw"]}],
         "annotations":{"io.kubernetes.cri.container-type":"container",
           "io.kubernetes.cri.container-name":"api","io.kubernetes.cri.image-name":"ghcr.io/acme/api@sha256:0123abcd",
           "io.kubernetes.cri.sandbox-id":"feedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeed",
           "io.kubernetes.cri.sandbox-name":"api-5f6","io.kubernetes.cri.sandbox-namespace":"backend",
           "io.kubernetes.cri.sandbox-uid":"aaaa-bbbb"}}
        """);
  }
}
