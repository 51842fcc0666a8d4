package dev.eyrie.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eyrie.schema.Event;
import org.junit.jupiter.api.Test;

class FieldEventsTest {

  @Test
  void baselineIsAHostProcessOfAnUnprivilegedUserWithoutFd() {
    Event e = FieldEvents.of(Map.of());
    assertEquals("host", e.getContainer().getId());
    assertEquals(1000, e.getUser().getUid());
    assertNull(e.getFd());
    assertNull(e.getK8s());
    assertEquals("test-host:test-boot:1", e.getEventId());
  }

  @Test
  void cmdlineSetsNameAndArgsAndAncestorsAreIndexedFromTheParent() {
    Event e = FieldEvents.of("proc.cmdline", "curl -s http://x", "proc.aname[3]", "sshd", "proc.pname", "sh");
    assertEquals("curl", e.getProc().getName());
    assertEquals(List.of("-s", "http://x"), e.getProc().getArgs());
    assertEquals("sh", e.getAncestors().get(0).getName());
    assertEquals("sshd", e.getAncestors().get(2).getName());
    assertEquals(e.getAncestors().get(0).getPid(), e.getProc().getPpid());
  }

  @Test
  void clientServerFieldsLandOnTheRightEndAndNameTheSocket() {
    Event client = FieldEvents.of("evt.type", "connect", "fd.cip", "10.0.0.1", "fd.cport", 40000,
        "fd.sip", "10.0.0.2", "fd.sport", 22);
    assertEquals("ipv4", client.getFd().getType());
    assertEquals("10.0.0.1", client.getFd().getLocalIp());
    assertEquals("10.0.0.2", client.getFd().getRemoteIp());
    assertEquals("10.0.0.1:40000->10.0.0.2:22", client.getFd().getName());

    Map<String, Object> server = new LinkedHashMap<>();
    server.put("fd.is_server", true);
    server.put("fd.sip", "10.0.0.2");
    server.put("fd.sport", 22);
    server.put("fd.cip", "10.0.0.1");
    server.put("fd.cport", 40000);
    Event s = FieldEvents.of(server);
    assertEquals("10.0.0.2", s.getFd().getLocalIp());
    assertEquals("10.0.0.1:40000->10.0.0.2:22", s.getFd().getName());
  }

  @Test
  void valuesAreConvertedAndValidated() {
    Event e = FieldEvents.of("evt.res", "ENOENT", "thread.cap_effective", "CAP_SYS_ADMIN CAP_NET_RAW",
        "container.image", "docker.io/library/nginx:1.27", "time", "+90s", "proc.duration", 5_000_000_000L);
    assertEquals(-2, e.getRes());
    assertEquals((1L << 21) | (1L << 13), e.getProc().getCapEffective());
    assertEquals("docker.io/library/nginx", e.getContainer().getImageRepository());
    assertEquals("1.27", e.getContainer().getImageTag());
    assertEquals(FieldEvents.DEFAULT_TS + 90_000_000_000L, e.getTs());
    assertEquals(e.getTs() - 5_000_000_000L, e.getProc().getStartTs());

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FieldEvents.of("proc.nosuch", "x"));
    assertTrue(unknown.getMessage().contains("proc.nosuch"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FieldEvents.of("thread.cap_effective", "CAP_NOPE"));
    assertThrows(IllegalArgumentException.class, () -> FieldEvents.of("proc.pid", "many"));
    assertThrows(IllegalArgumentException.class, () -> FieldEvents.of("time", "yesterday"));
  }

  @Test
  void argsKeepFalcoOrderAndRawNumbers() {
    Event e = FieldEvents.of("evt.arg.flags", "O_WRONLY|O_CREAT", "evt.arg.mode", 420, "evt.arg[0]", "3");
    assertEquals("flags", e.getArgs().get(0).getName());
    assertEquals("3", e.getArgs().get(0).getValue());
    assertEquals(420L, e.getArgs().get(1).getRaw());
  }
}
