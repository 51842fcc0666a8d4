package dev.eyrie.testinfra;

import java.util.List;
import java.util.Map;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.EventRef;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

/** A shell in a container opening /etc/shadow, and the alert a rule would raise for it. */
final class SampleRecords {
  static final long TS = 1_767_225_600_123_456_789L;

  private SampleRecords() {}

  static Event shadowRead() {
    return Event.newBuilder()
        .setEventId("node-7f3a:1c6e2a90-5b1d-4f43-9a52-0f7e1d2c3b4a:48213")
        .setHost(Host.newBuilder().setId("node-7f3a").setHostname("worker-3.prod.example")
            .setIps(List.of("10.0.4.17")).setBootId("1c6e2a90-5b1d-4f43-9a52-0f7e1d2c3b4a").build())
        .setSeq(48213)
        .setTs(TS)
        .setCpu(1)
        .setType("openat")
        .setRes(3)
        .setArgs(List.of(
            Arg.newBuilder().setName("fd").setValue("3").setRaw(3L).build(),
            Arg.newBuilder().setName("dirfd").setValue("-100(AT_FDCWD)").setRaw(-100L).build(),
            Arg.newBuilder().setName("name").setValue("/etc/shadow").build(),
            Arg.newBuilder().setName("flags").setValue("O_RDONLY|O_CLOEXEC").setRaw(4097L).build()))
        .setProc(Process.newBuilder().setPid(31337).setTid(31337).setVpid(42).setVtid(42).setPpid(31300)
            .setName("bash").setExe("bash").setExepath("/usr/bin/bash").setArgs(List.of("-i"))
            .setCwd("/root").setTty(34816).setStartTs(TS - 5_000_000_000L).build())
        .setUser(User.newBuilder().setUid(0).setName("root").setHomedir("/root").setShell("/bin/bash").build())
        .setFd(FileDescriptor.newBuilder().setNum(3).setType("file").setName("/etc/shadow")
            // PPM_O_RDONLY | PPM_O_CLOEXEC, the portable encoding the schema asks for
            .setNameraw("/etc/shadow").setOpenFlags(4097L).setIno(1837L).setDev(64769L).build())
        .setContainer(Container.newBuilder().setId("3ad7b26ded6d").setFullId("3ad7b26ded6d8e7c0b1f")
            .setRuntime("containerd").setName("web").setImage("nginx:1.27").setImageRepository("nginx")
            .setImageTag("1.27").setPrivileged(false).build())
        .build();
  }

  static Alert alertFor(Event event, String rule) {
    return Alert.newBuilder()
        .setTime(event.getTs())
        .setRule(rule)
        .setPriority("Warning")
        .setOutput("Sensitive file opened for reading (user=root file=/etc/shadow container=web)")
        .setOutputFields(Map.of("user.name", "root", "fd.name", "/etc/shadow", "proc.pid", 31337L))
        .setTags(List.of("filesystem", "mitre_credential_access"))
        .setHostname(event.getHost().getHostname())
        .setAlertId("a1" + Long.toHexString(event.getSeq()) + "f00d")
        .setKind(AlertKind.EVENT_RULE)
        .setRulesetVersion("test")
        .setEvents(List.of(EventRef.newBuilder().setEventId(event.getEventId()).setHostId(event.getHost().getId())
            .setHostname(event.getHost().getHostname()).setTs(event.getTs()).build()))
        .build();
  }
}
