package dev.eyrie.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WireCodecTest {

  static Event execEvent() {
    return Event.newBuilder()
        .setEventId("host-a:6b1f0c3e-9d2a-4e57-8c1b-2f3e4d5c6b7a:1001")
        .setHost(Host.newBuilder().setId("host-a").setHostname("build-agent-2").setIps(List.of("192.168.1.20"))
            .setBootId("6b1f0c3e-9d2a-4e57-8c1b-2f3e4d5c6b7a").build())
        .setSeq(1001)
        .setTs(1_767_225_600_000_000_042L)
        .setCpu(0)
        .setType("execve")
        .setRes(0)
        .setArgs(List.of(Arg.newBuilder().setName("filename").setValue("/usr/bin/curl").build()))
        .setBuffer(ByteBuffer.wrap(new byte[] {0x7f, 'E', 'L', 'F'}))
        .setProc(Process.newBuilder().setPid(4242).setTid(4242).setPpid(4200).setName("curl").setExe("curl")
            .setExepath("/usr/bin/curl").setArgs(List.of("-s", "http://169.254.169.254/latest/meta-data/"))
            .setEnv(List.of("PATH=/usr/bin", "HOME=/home/ci")).setCwd("/home/ci").setStartTs(1_767_225_600_000_000_000L)
            .setCapEffective(0).build())
        .setUser(User.newBuilder().setUid(1001).setName("ci").setLoginuid(1001).setGid(1001).setGroup("ci").build())
        .setAncestors(List.of(Ancestor.newBuilder().setPid(4200).setName("sh").setExepath("/bin/sh").build()))
        .setContainer(Container.newBuilder().setId("host").build())
        .setK8s(Kubernetes.newBuilder().setNsName("ci").setPodName("agent-0").setPodUid("0f9e8d7c")
            .setPodLabels(Map.of("app", "agent")).build())
        .build();
  }

  static Alert alert() {
    Event e = execEvent();
    return Alert.newBuilder().setTime(e.getTs()).setRule("Contact cloud metadata service").setPriority("Notice")
        .setOutput("curl contacted the metadata service (user=ci)").setHostname("build-agent-2")
        .setOutputFields(Map.of("user.name", "ci", "proc.pid", 4242L, "container.privileged", false))
        .setAlertId("7c1d9e").setKind(AlertKind.SEQUENCE).setBackfillRunId("run-3")
        .setEvents(List.of(EventRef.newBuilder().setEventId(e.getEventId()).setHostId("host-a")
            .setHostname("build-agent-2").setTs(e.getTs()).setStep("fetch").build()))
        .build();
  }

  @Test
  void eventRoundTrips() {
    Event event = execEvent();
    WireCodec<Event> codec = WireCodec.events();
    assertEquals(event, codec.decode(codec.encode(event), null));
  }

  @Test
  void alertRoundTrips() {
    Alert alert = alert();
    WireCodec<Alert> codec = WireCodec.alerts();
    assertEquals(alert, codec.decode(codec.encode(alert), null));
  }

  @Test
  void decodeReusesTheGivenRecord() {
    WireCodec<Event> codec = WireCodec.events();
    Event reuse = new Event();
    Event decoded = codec.decode(codec.encode(execEvent()), reuse);
    assertSame(reuse, decoded);
    assertEquals(execEvent(), decoded);
  }

  @Test
  void encodingIsSingleObjectFormat() {
    byte[] bytes = WireCodec.events().encode(execEvent());
    // marker C3 01, then the 8-byte CRC-64-AVRO fingerprint of the writer schema
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    assertTrue(bytes.length > 10, "no body after the header");
  }

  @Test
  void garbageBytesAreRejectedWithAReason() {
    byte[] garbage = "{\"event_id\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
    WireFormatException e = assertThrows(WireFormatException.class, () -> WireCodec.events().decode(garbage, null));
    assertTrue(e.getMessage().startsWith("not an Avro single-object event message"), e.getMessage());
  }

  @Test
  void unknownFingerprintIsNamed() {
    byte[] bytes = WireCodec.events().encode(execEvent());
    bytes[5] ^= 0x5A;
    WireFormatException e = assertThrows(WireFormatException.class, () -> WireCodec.events().decode(bytes, null));
    assertTrue(e.getMessage().startsWith("unknown event schema fingerprint"), e.getMessage());
  }

  @Test
  void alertBytesAreNotAcceptedAsAnEvent() {
    byte[] alertBytes = WireCodec.alerts().encode(alert());
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> WireCodec.events().decode(alertBytes, null));
    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
  }

  @Test
  void truncatedBodyIsReportedAsCorruptWithItsLength() {
    byte[] whole = WireCodec.events().encode(execEvent());
    byte[] truncated = Arrays.copyOf(whole, 30);
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> WireCodec.events().decode(truncated, null));
    assertTrue(e.getMessage().startsWith("corrupt event body (30 bytes)"), e.getMessage());
  }

  @Test
  void nullPayloadIsRejected() {
    WireFormatException e = assertThrows(WireFormatException.class, () -> WireCodec.alerts().decode(null, null));
    assertEquals("null alert payload", e.getMessage());
  }
}
