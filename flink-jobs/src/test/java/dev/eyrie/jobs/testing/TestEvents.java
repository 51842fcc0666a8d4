package dev.eyrie.jobs.testing;

import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.EventRef;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events and alerts as the collector and the engine would produce them, for tests. */
public final class TestEvents {
  /** 2026-01-01T00:00:00Z in ns. */
  public static final long T0 = 1_767_225_600_000_000_000L;

  private TestEvents() {}

  /** An openat of {@code path} by process {@code proc} on host {@code host}, the seq-th event of that host. */
  public static Event open(String host, long seq, String proc, String path) {
    return base(host, seq, "openat", proc)
        .setArgs(new ArrayList<>(List.of(
            Arg.newBuilder().setName("fd").setValue("3").setRaw(3L).build(),
            Arg.newBuilder().setName("name").setValue(path).build(),
            Arg.newBuilder().setName("flags").setValue("O_RDONLY").setRaw(0L).build())))
        .setRes(3)
        .setFd(FileDescriptor.newBuilder().setNum(3).setType("file").setName(path).build())
        .build();
  }

  /** An execve of {@code proc} with arguments. */
  public static Event exec(String host, long seq, String proc, String... args) {
    Event.Builder b = base(host, seq, "execve", proc);
    b.getProcBuilder().setArgs(new ArrayList<>(List.of(args)));
    return b.build();
  }

  public static Event.Builder base(String host, long seq, String type, String proc) {
    return Event.newBuilder()
        .setEventId(host + ":boot-1:" + seq)
        .setHost(Host.newBuilder().setId(host).setHostname(host).setIps(new ArrayList<>()).setBootId("boot-1").build())
        .setSeq(seq)
        .setTs(T0 + seq * 1_000_000L)
        .setType(type)
        .setArgs(new ArrayList<>())
        .setProc(Process.newBuilder().setPid(1000 + seq).setTid(1000 + seq).setName(proc).setExe(proc)
            .setExepath("/usr/bin/" + proc).setArgs(new ArrayList<>()).build())
        .setUser(User.newBuilder().setUid(0).setName("root").build())
        .setAncestors(new ArrayList<>())
        .setContainer(Container.newBuilder().setId("host").setMounts(new ArrayList<>()).build());
  }

  /** An alert like the engine makes for {@code e}. */
  public static Alert alert(String rule, String priority, Event e, String rulesetVersion) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("proc.name", e.getProc().getName());
    fields.put("proc.pid", e.getProc().getPid());
    fields.put("user.name", e.getUser().getName());
    fields.put("fd.name", e.getFd() == null ? null : e.getFd().getName());
    fields.put("container.id", e.getContainer().getId());
    fields.put("evt.type", e.getType());
    fields.put("proc.is_exe_writable", false);
    return Alert.newBuilder()
        .setTime(e.getTs())
        .setRule(rule)
        .setPriority(priority)
        .setOutput(rule + " (proc.name=" + e.getProc().getName() + ")")
        .setOutputFields(fields)
        .setSource("syscall")
        .setTags(new ArrayList<>(List.of("test", "filesystem")))
        .setHostname(e.getHost().getHostname())
        .setAlertId("a-" + rule.hashCode() + "-" + e.getEventId())
        .setKind(AlertKind.EVENT_RULE)
        .setRulesetVersion(rulesetVersion)
        .setBackfillRunId(null)
        .setEvents(new ArrayList<>(List.of(EventRef.newBuilder().setEventId(e.getEventId())
            .setHostId(e.getHost().getId()).setHostname(e.getHost().getHostname()).setTs(e.getTs()).build())))
        .build();
  }
}
