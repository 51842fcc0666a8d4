package dev.eyrie.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class EventReaderTest {
  @Test
  void theReaderFollowsTheCurrentSchema() {
    assertEquals(shape(Event.getClassSchema()), EventReader.SHAPE,
        "event.avsc changed: update EventReader (field order and types) and its SHAPE");
  }

  @Test
  void readsWhatAvroReadsIntoAReusedInstance() throws IOException {
    WireCodec<Event> codec = WireCodec.events();
    List<Event> events = List.of(WireCodecTest.execEvent(), full(), minimal(), WireCodecTest.execEvent(), minimal());
    Event reuse = null;
    for (Event e : events) {
      byte[] bytes = codec.encode(e);
      Event expected = avro(bytes);
      assertEquals(e, expected);
      Event decoded = new EventReader().read(bytes, 10, null);
      assertEquals(expected, decoded);
      Event again = codec.decode(bytes, reuse);
      if (reuse != null) {
        assertSame(reuse, again);
      }
      assertEquals(expected, again);
      reuse = again;
    }
  }

  /** Every optional field set, arrays with several items. */
  private static Event full() {
    Event e = Event.newBuilder(WireCodecTest.execEvent()).build();
    e.setArgs(List.of(Arg.newBuilder().setName("fd").setValue("3").setRaw(3L).build(),
        Arg.newBuilder().setName("name").setValue("/etc/shadow é").build(),
        Arg.newBuilder().setName("flags").setValue("O_RDONLY").setRaw(-1L).build()));
    e.getUser().setHomedir("/root");
    e.getUser().setShell("/bin/bash");
    e.getUser().setLoginname("root");
    e.getProc().setExeIno(Long.MAX_VALUE);
    e.getProc().setIsExeUpperLayer(true);
    e.getProc().setTty(34816);
    e.setAncestors(List.of(Ancestor.newBuilder().setPid(1).setName("systemd").setArgs(List.of("--user")).build(),
        Ancestor.newBuilder().setPid(Long.MIN_VALUE).setName("init").build()));
    e.setFd(FileDescriptor.newBuilder().setNum(7).setType("ipv4").setName("10.0.0.1:3456->10.0.0.2:443")
        .setNameraw("raw").setNameChanged(true).setOpenFlags(1L << 40).setIno(12L).setDev(-2L).setL4proto("tcp")
        .setSockfamily("ip").setLocalIp("10.0.0.1").setLocalPort(3456).setRemoteIp("10.0.0.2").setRemotePort(443)
        .setIsServer(true).setConnected(true).setServerIpName("api").setClientIpName("client").build());
    e.setContainer(Container.newBuilder().setId("0123456789ab").setFullId("0123456789abcdef").setRuntime("docker")
        .setName("web").setImage("nginx:1").setImageRepository("nginx").setImageTag("1").setImageDigest("sha256:0")
        .setPrivileged(false).setMounts(List.of(
            Mount.newBuilder().setSource("/var/run/docker.sock").setDest("/run/docker.sock").setRdwr(true).build(),
            Mount.newBuilder().setSource("/").setDest("/host").setMode("ro").setPropagation("rslave").build()))
        .build());
    e.setK8s(Kubernetes.newBuilder().setNsName("prod").setPodLabels(Map.of("app", "web", "tier", "front", "x", ""))
        .build());
    e.setBuffer(ByteBuffer.wrap(new byte[300]));
    return e;
  }

  /** Every optional field null, arrays empty. */
  private static Event minimal() {
    return Event.newBuilder().setEventId("h:b:1").setHost(Host.newBuilder().setId("h").setHostname("h")
            .setBootId("b").build())
        .setSeq(1).setTs(-1).setType("close").setRes(-9)
        .setProc(Process.newBuilder().setPid(0).setTid(0).setName("").build())
        .setUser(User.newBuilder().setUid(0).build())
        .setContainer(Container.newBuilder().setId("host").build())
        .build();
  }

  private static Event avro(byte[] bytes) throws IOException {
    return new SpecificDatumReader<Event>(Event.getClassSchema()).read(null,
        DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 10, bytes.length), null));
  }

  static String shape(Schema s) {
    return switch (s.getType()) {
      case RECORD -> s.getName() + "(" + s.getFields().stream().map(f -> f.name() + ":" + shape(f.schema()))
          .collect(Collectors.joining(",")) + ")";
      case UNION -> s.getTypes().stream().map(EventReaderTest::shape).collect(Collectors.joining("|"));
      case ARRAY -> "array<" + shape(s.getElementType()) + ">";
      case MAP -> "map<" + shape(s.getValueType()) + ">";
      default -> s.getType().getName();
    };
  }

}
