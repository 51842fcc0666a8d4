package dev.eyrie.engine.bench;

import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic, realistic event mix for the engine benchmark: a busy container host where most syscalls are
 * benign. Per 100 events: 8 execve, 30 openat for reading, 10 openat for writing, 4 connect, 2 accept4, and 46
 * events no official rule selects (read, write, close, fstat, mmap, futex, ...). A handful of events are
 * crafted to trigger rules (shell in container, write below /etc, sensitive file read), so outputs are formatted.
 */
public final class BenchEvents {
  private BenchEvents() {}

  /** Event classes measured separately in the per-class breakdown. */
  public enum Kind {
    EXEC,
    OPEN_READ,
    OPEN_WRITE,
    NET,
    OTHER
  }

  private static final String[] CONTAINERS = {"host", "3ad7b26ded6d", "9f1c2b3a4d5e", "host", "b7e8f9a0c1d2"};
  private static final String[] IMAGES = {null, "docker.io/library/nginx", "quay.io/prometheus/node-exporter",
      null, "registry.example.com/payments/api"};
  private static final String[] PROCS = {"nginx", "node_exporter", "java", "python3", "sshd", "bash", "ls", "cat",
      "grep", "sed", "curl", "systemd", "containerd", "kubelet", "runc"};
  private static final String[] PARENTS = {"bash", "containerd-shim", "systemd", "sshd", "sh", "java", "cron"};
  private static final String[] READ_PATHS = {"/usr/lib/x86_64-linux-gnu/libc.so.6", "/etc/ld.so.cache",
      "/proc/self/status", "/etc/nsswitch.conf", "/usr/share/zoneinfo/UTC", "/var/lib/app/data.db",
      "/home/alice/.bashrc", "/sys/fs/cgroup/cpu.max", "/etc/hosts", "/usr/lib/jvm/lib/modules",
      "/etc/passwd", "/opt/app/config.yaml"};
  private static final String[] WRITE_PATHS = {"/tmp/app-1234.tmp", "/var/log/nginx/access.log",
      "/var/lib/app/data.db-wal", "/home/alice/.cache/x", "/dev/null", "/run/app.pid", "/var/tmp/build.o"};
  private static final String[] OTHER_TYPES = {"read", "write", "close", "fstat", "mmap", "futex", "epoll_wait",
      "clock_gettime", "getpid", "munmap", "lseek", "pread64", "writev", "nanosleep", "brk", "rt_sigaction"};

  public static List<Event> mix(int n, long seed) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int slot = i % 100;
      Kind k = slot < 8 ? Kind.EXEC : slot < 38 ? Kind.OPEN_READ : slot < 48 ? Kind.OPEN_WRITE
          : slot < 54 ? Kind.NET : Kind.OTHER;
      out.add(event(k, r, i));
    }
    java.util.Collections.shuffle(out, r);
    return out;
  }

  public static List<Event> only(Kind k, int n, long seed) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(event(k, r, i));
    }
    return out;
  }

  private static <T> T pick(Random r, T[] a) {
    return a[r.nextInt(a.length)];
  }

  static Event event(Kind k, Random r, int i) {
    Map<String, Object> f = new LinkedHashMap<>();
    int c = r.nextInt(CONTAINERS.length);
    f.put("container.id", CONTAINERS[c]);
    if (IMAGES[c] != null) {
      f.put("container.image.repository", IMAGES[c]);
    }
    String proc = pick(r, PROCS);
    f.put("proc.name", proc);
    f.put("proc.exepath", "/usr/bin/" + proc);
    f.put("proc.pname", pick(r, PARENTS));
    f.put("user.name", r.nextInt(4) == 0 ? "root" : "app");
    f.put("user.uid", r.nextInt(4) == 0 ? 0 : 1000);
    boolean trigger = i % 97 == 13;
    switch (k) {
      case EXEC -> {
        f.put("evt.type", r.nextBoolean() ? "execve" : "execveat");
        if (trigger) {
          f.put("proc.name", "bash");
          f.put("proc.exepath", "/bin/bash");
          f.put("proc.pname", "runc");
          f.put("proc.args", List.of("-i"));
          f.put("proc.tty", 34816);
        } else {
          f.put("proc.args", List.of("--config", "/etc/" + proc + ".conf", "-v"));
        }
      }
      case OPEN_READ, OPEN_WRITE -> {
        boolean write = k == Kind.OPEN_WRITE;
        f.put("evt.type", r.nextInt(10) == 0 ? "open" : "openat");
        String path = write ? pick(r, WRITE_PATHS) : pick(r, READ_PATHS);
        if (trigger) {
          path = write ? "/etc/cron.d/evil" : "/etc/shadow";
        }
        f.put("fd.type", "file");
        f.put("fd.name", path);
        f.put("evt.arg.flags", write ? "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC" : "O_RDONLY|O_CLOEXEC");
        f.put("fd.num", 3 + r.nextInt(60));
      }
      case NET -> {
        boolean accept = r.nextInt(3) == 0;
        f.put("evt.type", accept ? "accept4" : "connect");
        f.put("fd.type", "ipv4");
        f.put("fd.l4proto", "tcp");
        f.put("fd.sockfamily", "ip");
        f.put("fd.num", 5 + r.nextInt(40));
        if (accept) {
          f.put("fd.is_server", true);
          f.put("fd.sip", "10.0.0.5");
          f.put("fd.sport", 443);
          f.put("fd.cip", "10.1." + r.nextInt(256) + "." + r.nextInt(256));
          f.put("fd.cport", 30000 + r.nextInt(30000));
        } else {
          f.put("fd.cip", "10.0.0.5");
          f.put("fd.cport", 40000 + r.nextInt(20000));
          f.put("fd.sip", r.nextBoolean() ? "10.96.0.1" : "93.184.216." + r.nextInt(256));
          f.put("fd.sport", r.nextBoolean() ? 443 : 5432);
        }
      }
      case OTHER -> {
        f.put("evt.type", pick(r, OTHER_TYPES));
        if (r.nextBoolean()) {
          f.put("fd.type", "file");
          f.put("fd.name", pick(r, READ_PATHS));
        }
      }
      default -> throw new IllegalStateException();
    }
    f.put("evt.num", (long) i + 1);
    return FieldEvents.of(f);
  }
}
