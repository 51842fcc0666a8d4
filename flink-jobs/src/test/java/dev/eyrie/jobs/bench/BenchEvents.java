package dev.eyrie.jobs.bench;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fleet's syscall mix for benchmarks (seeded, reproducible): mostly benign file opens, reads/writes, execs
 * and connections of server processes, on hosts and in containers, with a small share that official Falco
 * rules alert on (sensitive file reads, shells in containers, writes below /etc, package managers).
 */
final class BenchEvents {
  private static final String[] PROCS = {"nginx", "java", "python3", "postgres", "node", "sshd", "curl", "cat",
      "sh", "bash", "containerd", "kubelet"};
  private static final String[] PARENTS = {"systemd", "containerd-shim", "bash", "sshd", "runc", "java"};
  private static final String[] FILES = {"/var/log/nginx/access.log", "/etc/hosts", "/etc/resolv.conf",
      "/usr/lib/x86_64-linux-gnu/libc.so.6", "/proc/self/status", "/tmp/cache.bin", "/var/lib/postgresql/data/base/1",
      "/app/static/index.html", "/etc/ld.so.cache", "/sys/fs/cgroup/memory.max", "/home/app/.cache/pip/x"};
  private static final String[] TYPES = {"openat", "openat", "openat", "read", "read", "write", "write", "close",
      "execve", "connect", "accept4", "clone", "mmap", "fstat", "sendto", "recvfrom", "openat", "read", "write",
      "close"};
  /** Processes that talk to the network: application servers, not the "system procs" Falco watches. */
  private static final String[] NET_PROCS = {"nginx", "java", "python3", "node", "curl"};
  /** Where benign processes write. */
  private static final String[] WRITABLE = {"/var/log/nginx/access.log", "/tmp/cache.bin",
      "/var/lib/postgresql/data/base/1", "/home/app/.cache/pip/x"};
  private static final String[] IMAGES = {"nginx", "postgres", "python", "node", "redis"};

  private final SplittableRandom rnd;
  private final int hosts;
  private final long[] seq;

  BenchEvents(long seed, int hosts) {
    this.rnd = new SplittableRandom(seed);
    this.hosts = hosts;
    this.seq = new long[hosts];
  }

  Event next(long tsNanos) {
    int h = rnd.nextInt(hosts);
    long s = ++seq[h];
    String host = "node-" + h;
    boolean inContainer = rnd.nextInt(2) == 0;
    String proc = PROCS[rnd.nextInt(PROCS.length)];
    String type = TYPES[rnd.nextInt(TYPES.length)];
    Event.Builder b = Event.newBuilder()
        .setEventId(host + ":boot:" + s)
        .setHost(Host.newBuilder().setId(host).setHostname(host).setIps(new ArrayList<>(List.of("10.0.0." + h)))
            .setBootId("boot").build())
        .setSeq(s)
        .setTs(tsNanos)
        .setCpu(rnd.nextInt(8))
        .setType(type)
        .setRes(0)
        .setArgs(new ArrayList<>())
        .setProc(Process.newBuilder().setPid(1000 + rnd.nextInt(5000)).setTid(1000 + rnd.nextInt(5000))
            .setPpid(1 + rnd.nextInt(1000)).setName(proc).setExe(proc).setExepath("/usr/bin/" + proc)
            .setArgs(new ArrayList<>(List.of("--serve", "-p", Integer.toString(8000 + rnd.nextInt(100)))))
            .setCwd("/").setTty(0).build())
        .setUser(rnd.nextInt(3) == 0 ? User.newBuilder().setUid(0).setName("root").setLoginuid(-1).build()
            : User.newBuilder().setUid(1000).setName("app").setHomedir("/home/app").setShell("/bin/sh")
                .setLoginuid(-1).build())
        .setAncestors(new ArrayList<>(List.of(
            Ancestor.newBuilder().setPid(900).setName(PARENTS[rnd.nextInt(PARENTS.length)]).setArgs(new ArrayList<>()).build(),
            Ancestor.newBuilder().setPid(1).setName("systemd").setArgs(new ArrayList<>()).build())))
        .setContainer(container(inContainer));
    switch (type) {
      case "openat" -> open(b);
      case "read", "write" -> b.setFd(file(FILES[rnd.nextInt(FILES.length)], 0)).setRes(512);
      case "execve" -> exec(b, inContainer);
      case "connect", "accept4", "sendto", "recvfrom" -> {
        String np = NET_PROCS[rnd.nextInt(NET_PROCS.length)];
        b.getProcBuilder().setName(np).setExe(np).setExepath("/usr/bin/" + np);
        b.setFd(socket());
      }
      default -> { }
    }
    return b.build();
  }

  private void open(Event.Builder b) {
    String path;
    String flags = "O_RDONLY|O_CLOEXEC";
    int r = rnd.nextInt(1000);
    if (r == 0) {
      path = "/etc/shadow";
    } else if (r == 1) {
      path = "/etc/cron.d/backdoor";
      flags = "O_WRONLY|O_CREAT|O_TRUNC";
    } else if (r == 2) {
      path = "/root/.ssh/authorized_keys";
    } else if (rnd.nextInt(4) == 0) {
      path = WRITABLE[rnd.nextInt(WRITABLE.length)];
      flags = "O_WRONLY|O_APPEND";
    } else {
      path = FILES[rnd.nextInt(FILES.length)];
    }
    b.setArgs(new ArrayList<>(List.of(
        Arg.newBuilder().setName("fd").setValue("5").setRaw(5L).build(),
        Arg.newBuilder().setName("dirfd").setValue("-100").setRaw(-100L).build(),
        Arg.newBuilder().setName("name").setValue(path).build(),
        Arg.newBuilder().setName("flags").setValue(flags).build(),
        Arg.newBuilder().setName("mode").setValue("0").setRaw(0L).build())));
    b.setRes(5).setFd(file(path, flags.startsWith("O_RDONLY") ? 1 : 2));
  }

  private void exec(Event.Builder b, boolean inContainer) {
    int r = rnd.nextInt(200);
    String name = r == 0 && inContainer ? "bash" : r == 1 ? "apt-get" : NET_PROCS[rnd.nextInt(NET_PROCS.length)];
    b.getProcBuilder().setName(name).setExe(name).setExepath("/usr/bin/" + name).setTty(r == 0 ? 34816 : 0);
    b.setArgs(new ArrayList<>(List.of(Arg.newBuilder().setName("filename").setValue("/usr/bin/" + name).build())));
  }

  private FileDescriptor file(String path, long openFlags) {
    return FileDescriptor.newBuilder().setNum(5).setType("file").setName(path).setOpenFlags(openFlags).build();
  }

  private FileDescriptor socket() {
    String remote = "10.1." + rnd.nextInt(4) + "." + rnd.nextInt(250);
    int port = rnd.nextInt(10) == 0 ? 4444 : 443;
    return FileDescriptor.newBuilder().setNum(7).setType("ipv4").setName("10.0.0.1:40000->" + remote + ":" + port)
        .setL4proto("tcp").setSockfamily("ip").setLocalIp("10.0.0.1").setLocalPort(40000)
        .setRemoteIp(remote).setRemotePort(port).setConnected(true).build();
  }

  private Container container(boolean inContainer) {
    if (!inContainer) {
      return Container.newBuilder().setId("host").setFullId("host").setMounts(new ArrayList<>()).build();
    }
    int c = rnd.nextInt(40);
    String image = IMAGES[c % IMAGES.length];
    String id = String.format("%012x", 0xabc000000000L + c);
    return Container.newBuilder().setId(id).setFullId(id + "0000").setRuntime("containerd").setName(image + "-" + c)
        .setImage("docker.io/library/" + image + ":latest").setImageRepository("docker.io/library/" + image)
        .setImageTag("latest").setPrivileged(false).setMounts(new ArrayList<>()).build();
  }
}
