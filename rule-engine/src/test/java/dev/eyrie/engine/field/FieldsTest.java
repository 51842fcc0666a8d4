package dev.eyrie.engine.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Mount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {
  private static final FieldRegistry R = FieldRegistry.syscall();

  private static Object v(String field, String arg, Event e) throws CompileException {
    return R.resolve(field, arg, 0).value(new EvalContext(e));
  }

  private static Object v(String field, Event e) throws CompileException {
    return v(field, null, e);
  }

  private static Event exec() {
    Event e = FieldEvents.baseline().setType("execve").build();
    e.getProc().setName("curl");
    e.getProc().setArgs(new ArrayList<>(List.of("-s", "http://x")));
    e.getProc().setEnv(new ArrayList<>(List.of("HOME=/root", "PATH=/bin")));
    e.setAncestors(new ArrayList<>(List.of(
        Ancestor.newBuilder().setPid(10).setName("bash").setExe("bash").setExepath("/bin/bash")
            .setArgs(new ArrayList<>(List.of("-i"))).build(),
        Ancestor.newBuilder().setPid(5).setName("sshd").setExe("sshd").setExepath("/usr/sbin/sshd")
            .setArgs(new ArrayList<>()).build())));
    return e;
  }

  private static Event open(String path, String flags, long res) {
    Event e = FieldEvents.baseline().setType("openat").setRes(res).build();
    e.setArgs(new ArrayList<>(List.of(Arg.newBuilder().setName("name").setValue(path).build(),
        Arg.newBuilder().setName("flags").setValue(flags).setRaw(null).build(),
        Arg.newBuilder().setName("mode").setValue("0755").build())));
    e.setFd(FileDescriptor.newBuilder().setNum(3).setType("file").setName(path).build());
    return e;
  }

  @Test
  void processFieldsAndAncestry() throws Exception {
    Event e = exec();
    assertEquals("curl -s http://x", v("proc.cmdline", e));
    assertEquals("-s http://x", v("proc.args", e));
    assertEquals("http://x", v("proc.args", "1", e));
    assertEquals("", v("proc.args", "7", e), "out-of-range index extracts an empty string");
    assertEquals("bash", v("proc.pname", e));
    assertEquals("bash -i", v("proc.pcmdline", e));
    assertEquals("curl", v("proc.aname", "0", e));
    assertEquals("sshd", v("proc.aname", "2", e));
    assertNull(v("proc.aname", "3", e));
    assertEquals("bash sshd", v("proc.aname", e), "no argument: space-separated ancestors");
    assertEquals(10L, v("proc.apid", "1", e));
    assertEquals("/root", v("proc.env", "HOME", e));
    assertEquals("", v("proc.env", "NOPE", e));
    assertEquals("/bin/bash", v("proc.aexepath", "1", e));
  }

  @Test
  void anyAncestorMatchingUsesEveryOperator() throws Exception {
    Event e = exec();
    MultiAccessor a = (MultiAccessor) R.resolve("proc.aname", null, 0);
    assertEquals(MultiAccessor.Mode.ANY, a.mode());
    assertEquals(2, a.count(new EvalContext(e)));
  }

  @Test
  void fdFields() throws Exception {
    Event e = open("/etc/ssh/sshd_config", "O_RDONLY|O_CLOEXEC", 3);
    assertEquals("f", v("fd.typechar", e));
    assertEquals("/etc/ssh", v("fd.directory", e));
    assertEquals("sshd_config", v("fd.filename", e));
    assertEquals(3L, v("fd.num", e));
    Event root = open("/x", "O_RDONLY", 3);
    assertEquals("/", v("fd.directory", root));
    Event none = FieldEvents.baseline().setType("getpid").build();
    assertNull(v("fd.name", none));
    assertNull(v("fd.num", none));
  }

  @Test
  void eventFields() throws Exception {
    Event ok = open("/tmp/x", "O_WRONLY|O_CREAT", 3);
    assertEquals("SUCCESS", v("evt.res", ok));
    assertEquals(Boolean.FALSE, v("evt.failed", ok));
    assertEquals(Boolean.TRUE, v("evt.is_open_write", ok));
    assertEquals(Boolean.FALSE, v("evt.is_open_read", ok));
    assertEquals(Boolean.TRUE, v("evt.is_open_exec", ok), "O_CREAT with mode 0755");
    Event rdwr = open("/tmp/x", "O_RDWR", 3);
    assertEquals(Boolean.TRUE, v("evt.is_open_read", rdwr));
    assertEquals(Boolean.TRUE, v("evt.is_open_write", rdwr));
    Event failed = open("/nope", "O_RDONLY", -2);
    assertEquals("ENOENT", v("evt.res", failed));
    assertEquals(-2L, v("evt.rawres", failed));
    assertEquals(Boolean.TRUE, v("evt.failed", failed));
    assertEquals("O_RDONLY", v("evt.arg.flags", failed));
    assertEquals("O_RDONLY", v("evt.arg", "flags", failed));
    assertEquals("/nope", v("evt.arg", "0", failed));
    assertNull(v("evt.arg.nosuch", failed));
    assertEquals("<", v("evt.dir", failed));
    assertEquals("file", v("evt.category", failed));
    assertEquals("name=/nope flags=O_RDONLY mode=0755", v("evt.args", failed));
    assertEquals("00:00:00.000000000", v("evt.time", failed));
    assertEquals("2026-01-01 00:00:00.000000000", v("evt.datetime", failed));
  }

  @Test
  void capabilitiesRenderAsNames() throws Exception {
    Event e = exec();
    e.getProc().setCapPermitted((1L << 21) | 1L);
    assertEquals("CAP_CHOWN CAP_SYS_ADMIN", v("thread.cap_permitted", e));
    assertEquals(21, Capabilities.bit("cap_sys_admin"));
    assertEquals(Integer.valueOf(2), Errno.byName("ENOENT"));
  }

  @Test
  void containerMountsByIndexAndSourceGlob() throws Exception {
    Event e = exec();
    e.getContainer().setId("3ad7b26ded6d");
    e.getContainer().setMounts(new ArrayList<>(List.of(
        Mount.newBuilder().setSource("/var/run/docker.sock").setDest("/run/docker.sock").setMode("rw")
            .setRdwr(true).setPropagation("rprivate").build(),
        Mount.newBuilder().setSource("/proc").setDest("/host/proc").build())));
    assertEquals("/host/proc", v("container.mount.dest", "/proc*", e));
    assertEquals("/run/docker.sock", v("container.mount.dest", "0", e));
    assertEquals("/var/run/docker.sock", v("container.mount.source", "/run/docker.sock", e));
    assertNull(v("container.mount.dest", "/etc", e));
    assertEquals("/var/run/docker.sock:/run/docker.sock:rw:true:rprivate,/proc:/host/proc::false:",
        v("container.mounts", e));
    e.getContainer().setId("host");
    assertNull(v("container.mount.dest", "/proc*", e), "host processes have no container metadata");
    assertEquals("host", v("container.id", e));
  }

  @Test
  void unknownFieldsAndBadArguments() {
    CompileException unknown = assertThrows(CompileException.class, () -> R.resolve("proc.nosuch", null, 3));
    assertTrue(unknown.unknownFilter());
    assertEquals(3, unknown.pos());
    assertThrows(CompileException.class, () -> R.resolve("proc.name", "1", 0));
    assertThrows(CompileException.class, () -> R.resolve("proc.aname", "x", 0));
    assertThrows(CompileException.class, () -> R.resolve("evt.arg", null, 0));
    assertTrue(R.has("evt.arg.flags"));
    assertTrue(R.has("k8s.pod.label.app"));
    assertFalse(R.has("evt.nosuch"));
  }

  @Test
  void ipLiterals() {
    assertEquals("10.0.0.1", IpAddrs.format(IpAddrs.parse("10.0.0.1")));
    assertNull(IpAddrs.parse("10.0.0.256"));
    assertNull(IpAddrs.parse("10.0.0"));
    assertEquals("2001:db8::1", IpAddrs.format(IpAddrs.parse("2001:0db8:0:0:0:0:0:1")));
    assertEquals("::ffff:10.0.0.1".length() > 0, IpAddrs.parse("::ffff:10.0.0.1") != null);
    assertNull(IpAddrs.parse("fe80::zz"));
    assertTrue(Cidr.parse("10.0.0.0/8").contains(IpAddrs.parse("10.200.1.1")));
    assertFalse(Cidr.parse("10.0.0.0/8").contains(IpAddrs.parse("11.0.0.1")));
    assertTrue(Cidr.parse("10.0.0.0/0").contains(IpAddrs.parse("200.0.0.1")));
  }
}
