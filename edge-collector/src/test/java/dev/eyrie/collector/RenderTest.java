package dev.eyrie.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eyrie.collector.event.Fmt;
import dev.eyrie.collector.event.Net;
import dev.eyrie.collector.event.Render;
import dev.eyrie.collector.state.ContainerRef;
import dev.eyrie.collector.state.Containers;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RenderTest {
  @Test
  void openFlagsLikeFalco() {
    assertEquals("O_RDONLY|O_CLOEXEC", Render.openFlags(0x80000));
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC", Render.openFlags(0x241));
    assertEquals("O_RDWR|O_APPEND", Render.openFlags(0x402));
    assertEquals("O_DIRECTORY|O_PATH", Render.openFlags(0x210000));
  }

  @Test
  void ppmEncodingOfOpenFlags() {
    assertEquals(1 | (1 << 12), Render.ppmOpenFlags(0x80000, false)); // RDONLY|CLOEXEC
    assertEquals(2 | 4 | 256, Render.ppmOpenFlags(0x241, false)); // WRONLY|CREAT|TRUNC
    assertEquals(3 | (1 << 14), Render.ppmOpenFlags(2, true)); // RDWR, created
  }

  @Test
  void modesErrnosAndNames() {
    assertEquals("S_ISUID|S_IRUSR|S_IWUSR|S_IXUSR|S_IXGRP|S_IXOTH", Render.chmodMode(04711));
    assertEquals("ENOENT", Render.errno(-2));
    assertEquals("3", Render.errno(3));
    assertEquals("CLONE_NEWNS|CLONE_NEWPID", Render.cloneFlags(0x20020000));
    assertEquals("AF_PACKET", Render.render(Fmt.SOCK_DOMAIN, 17));
    assertEquals("PTRACE_ATTACH", Render.render(Fmt.PTRACE_REQ, 16));
    assertEquals("BPF_PROG_LOAD", Render.render(Fmt.BPF_CMD, 5));
    assertEquals("0755", Render.render(Fmt.OCT, 0755));
    assertEquals(0xfe00, Render.userDev((254L << 20)));
  }

  @Test
  void addresses() {
    ByteBuffer b = ByteBuffer.allocate(16);
    b.put(15, (byte) 1);
    assertEquals("::1", Net.ipv6(b, 0));
    ByteBuffer m = ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 7});
    assertEquals("::ffff:10.0.0.7", Net.ipv6(m, 0));
    ByteBuffer g = ByteBuffer.wrap(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1});
    assertEquals("2001:db8::1:0:0:1", Net.ipv6(g, 0));
    byte[] sin = {2, 0, 0x1f, (byte) 0x90, 127, 0, 0, 1};
    assertEquals(new Net.SockAddr(2, "127.0.0.1", 8080), Net.sockaddr(sin));
  }

  @Test
  void containerIdsFromCgroupPaths() {
    String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assertEquals(new ContainerRef("0123456789ab", id, "docker", null),
        Containers.fromCgroup("/system.slice/docker-" + id + ".scope"));
    assertEquals(new ContainerRef("0123456789ab", id, "docker", null), Containers.fromCgroup("/docker/" + id));
    assertEquals(new ContainerRef("0123456789ab", id, "podman", null),
        Containers.fromCgroup("/machine.slice/libpod-" + id + ".scope/container"));
    ContainerRef k8s = Containers.fromCgroup("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
        + "1b2c3d4e_0000_1111_2222_333344445555.slice/cri-containerd-" + id + ".scope");
    assertEquals("containerd", k8s.runtime());
    assertEquals("1b2c3d4e-0000-1111-2222-333344445555", k8s.podUid());
    assertEquals("cri-o", Containers.fromCgroup("/kubepods.slice/crio-" + id + ".scope").runtime());
    assertEquals(ContainerRef.HOST, Containers.fromCgroup("/user.slice/user-0.slice/session-3.scope"));
    assertEquals(ContainerRef.HOST, Containers.fromCgroup("/"));
  }
}
