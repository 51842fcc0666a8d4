package dev.eyrie.engine.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Mount;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

/**
 * Builds an {@link Event} from values given under Falco field names ({@code proc.name: bash},
 * {@code proc.aname[2]: sshd}, {@code fd.sip: 10.0.0.5}, {@code evt.arg.flags: O_WRONLY}). Rule tests describe
 * events this way so that a test reads like the rule it tests.
 *
 * <p>Fields not given keep neutral defaults (a host process of an unprivileged user with no fd), so a test states
 * only what its rule looks at. Setting a field that is derived in Falco (proc.cmdline, fd.directory, fd.cip …)
 * sets the underlying data it derives from.
 */
public final class FieldEvents {
  /** The event time tests get when they give none: 2026-01-01T00:00:00Z. */
  public static final long DEFAULT_TS = 1_767_225_600_000_000_000L;

  private FieldEvents() {}

  /** A neutral baseline event: evt.type "getpid" on host "test-host" by a non-root user's process. */
  public static Event.Builder baseline() {
    return Event.newBuilder()
        .setEventId("test-host:test-boot:1")
        .setHost(Host.newBuilder().setId("test-host").setHostname("test-host").setIps(new ArrayList<>(List.of("192.0.2.10")))
            .setBootId("test-boot").build())
        .setSeq(1)
        .setTs(DEFAULT_TS)
        .setCpu(0)
        .setType("getpid")
        .setRes(0)
        .setArgs(new ArrayList<>())
        .setProc(Process.newBuilder().setPid(4242).setTid(4242).setVpid(4242).setVtid(4242).setPpid(4200)
            .setSid(4200).setVpgid(4242).setName("test-proc").setExe("/usr/bin/test-proc")
            .setExepath("/usr/bin/test-proc").setArgs(new ArrayList<>()).setCwd("/home/alice")
            .setStartTs(DEFAULT_TS - 1_000_000_000L).build())
        .setUser(User.newBuilder().setUid(1000).setName("alice").setHomedir("/home/alice").setShell("/bin/bash")
            .setLoginuid(1000).setLoginname("alice").setGid(1000).setGroup("alice").build())
        .setAncestors(new ArrayList<>(List.of(
            Ancestor.newBuilder().setPid(4200).setName("bash").setExe("bash").setExepath("/usr/bin/bash")
                .setArgs(new ArrayList<>()).build(),
            Ancestor.newBuilder().setPid(1).setName("systemd").setExe("/sbin/init").setExepath("/usr/lib/systemd/systemd")
                .setArgs(new ArrayList<>()).build())))
        .setContainer(Container.newBuilder().setId("host").setFullId("host").setMounts(new ArrayList<>()).build());
  }

  /** Builds the event for {@code fields} (in order) on top of {@link #baseline()}. */
  public static Event of(Map<String, ?> fields) {
    Event.Builder b = baseline();
    EventEditor editor = new EventEditor(b);
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      editor.set(e.getKey(), e.getValue());
    }
    return editor.build();
  }

  /** Convenience for tests: {@code of("evt.type", "openat", "fd.name", "/etc/shadow")}. */
  public static Event of(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("field/value pairs expected");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return of(m);
  }

  /**
   * For multi-host tests: an event of {@code host} (address {@code ip}) {@code seconds} after {@link #DEFAULT_TS},
   * then {@code keyValues} as in {@link #of(Object...)}.
   */
  public static Event onHost(String host, String ip, long seconds, Object... keyValues) {
    Object[] kv = new Object[keyValues.length + 6];
    kv[0] = "host";
    kv[1] = host;
    kv[2] = "host.ip";
    kv[3] = List.of(ip);
    kv[4] = "evt.rawtime";
    kv[5] = DEFAULT_TS + seconds * 1_000_000_000L;
    System.arraycopy(keyValues, 0, kv, 6, keyValues.length);
    return of(kv);
  }

  static FileDescriptor.Builder newFd() {
    return FileDescriptor.newBuilder().setNum(3).setType("file").setName("");
  }

  static Kubernetes.Builder newK8s() {
    return Kubernetes.newBuilder().setPodLabels(new LinkedHashMap<>());
  }

  static Mount.Builder newMount() {
    return Mount.newBuilder().setMode("").setRdwr(false).setPropagation("");
  }

  static Arg arg(String name, String value, Long raw) {
    return Arg.newBuilder().setName(name).setValue(value).setRaw(raw).build();
  }
}
