package dev.eyrie.collector.out;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;
import dev.eyrie.schema.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Produces exactly the bytes of {@code WireCodec.events().encode(event)} (Avro single-object encoding), faster:
 * the per-event fields go straight into one reused array ({@link AvroBytes}), and sub-records that repeat from event
 * to event (host, process, user, ancestors, container, pod) are encoded once by Avro's own writer and their bytes
 * copied while the same object instance comes back (the event builder keeps instances while nothing changed).
 * Avro's binary encoding of a record is the concatenation of its fields, so a nested record's bytes do not depend on
 * where it sits. The field order follows event.avsc; EventEncoderTest compares with Avro's writer. Not thread-safe.
 */
public final class EventEncoder {
  private final byte[] header;
  private final AvroBytes out = new AvroBytes(8192);
  private final SpecificDatumWriter<Process> procWriter = new SpecificDatumWriter<>(Process.getClassSchema());
  private final SpecificDatumWriter<User> userWriter = new SpecificDatumWriter<>(User.getClassSchema());
  private final SpecificDatumWriter<Ancestor> ancWriter = new SpecificDatumWriter<>(Ancestor.getClassSchema());
  private final SpecificDatumWriter<Container> containerWriter = new SpecificDatumWriter<>(Container.getClassSchema());
  private final SpecificDatumWriter<Kubernetes> podWriter = new SpecificDatumWriter<>(Kubernetes.getClassSchema());
  private final SpecificDatumWriter<Host> hostWriter = new SpecificDatumWriter<>(Host.getClassSchema());
  private final ByteArrayOutputStream sub = new ByteArrayOutputStream(1024);
  private final BinaryEncoder subEnc = EncoderFactory.get().directBinaryEncoder(sub, null);

  private Host lastHost;
  private byte[] hostBytes;
  private Process lastProc;
  private byte[] procBytes;
  private User lastUser;
  private byte[] userBytes;
  /**
   * Avro form of the event type and of the argument names by position, kept while the same String instance comes
   * back (they come from the syscall table, so they do: an identity check instead of encoding the text again)
   */
  private String lastType;
  private byte[] typeBytes;
  private final String[] argNames = new String[32];
  private final byte[][] argNameBytes = new byte[32][];
  private final BlockCache<List<Ancestor>> ancestors = new BlockCache<>(this::encodeAncestors, 4096);
  private final BlockCache<Container> containers = new BlockCache<>(c -> sub(containerWriter, c), 4096);
  private final BlockCache<Kubernetes> pods = new BlockCache<>(k -> sub(podWriter, k), 4096);

  public EventEncoder() {
    // the 10-byte single-object header (marker + schema fingerprint) is whatever the codec writes
    byte[] probe = WireCodec.events().encode(sample());
    header = Arrays.copyOf(probe, 10);
  }

  public byte[] encode(Event e) {
    try {
      AvroBytes o = out;
      o.reset();
      o.writeRaw(header);
      o.writeString(e.getEventId());
      if (e.getHost() != lastHost) {
        hostBytes = sub(hostWriter, e.getHost());
        lastHost = e.getHost();
      }
      o.writeRaw(hostBytes);
      o.writeLong(e.getSeq());
      o.writeLong(e.getTs());
      o.writeInt(e.getCpu());
      String type = e.getType();
      if (type == lastType) {
        o.writeRaw(typeBytes);
      } else {
        typeBytes = o.copyFrom(o.writeStringAt(type));
        lastType = type;
      }
      o.writeLong(e.getRes());
      writeArgs(e.getArgs());
      ByteBuffer buffer = e.getBuffer();
      if (buffer == null) {
        o.writeIndex(0);
      } else {
        o.writeIndex(1);
        o.writeBytes(buffer);
      }
      if (e.getProc() != lastProc) {
        procBytes = sub(procWriter, e.getProc());
        lastProc = e.getProc();
      }
      o.writeRaw(procBytes);
      if (e.getUser() != lastUser) {
        userBytes = sub(userWriter, e.getUser());
        lastUser = e.getUser();
      }
      o.writeRaw(userBytes);
      o.writeRaw(ancestors.bytes(e.getAncestors()));
      FileDescriptor fd = e.getFd();
      if (fd == null) {
        o.writeIndex(0);
      } else {
        o.writeIndex(1);
        writeFd(fd);
      }
      o.writeRaw(containers.bytes(e.getContainer()));
      Kubernetes k8s = e.getK8s();
      if (k8s == null) {
        o.writeIndex(0);
      } else {
        o.writeIndex(1);
        o.writeRaw(pods.bytes(k8s));
      }
      return o.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void writeArgs(List<Arg> args) {
    AvroBytes o = out;
    int n = args.size();
    o.writeArrayStart(n);
    for (int i = 0; i < n; i++) {
      Arg a = args.get(i);
      String name = a.getName();
      if (i >= argNames.length) {
        o.writeString(name);
      } else if (name == argNames[i]) {
        o.writeRaw(argNameBytes[i]);
      } else {
        argNameBytes[i] = o.copyFrom(o.writeStringAt(name));
        argNames[i] = name;
      }
      o.writeString(a.getValue());
      Long raw = a.getRaw();
      if (raw == null) {
        o.writeIndex(0);
      } else {
        o.writeIndex(1);
        o.writeLong(raw);
      }
    }
    o.writeArrayEnd();
  }

  /** FileDescriptor field by field: it changes every event */
  private void writeFd(FileDescriptor f) {
    AvroBytes o = out;
    o.writeLong(f.getNum());
    o.writeString(f.getType());
    o.writeString(f.getName());
    optString(f.getNameraw());
    o.writeBoolean(f.getNameChanged());
    o.writeLong(f.getOpenFlags());
    optLong(f.getIno());
    optLong(f.getDev());
    optString(f.getL4proto());
    optString(f.getSockfamily());
    optString(f.getLocalIp());
    optInt(f.getLocalPort());
    optString(f.getRemoteIp());
    optInt(f.getRemotePort());
    o.writeBoolean(f.getIsServer());
    o.writeBoolean(f.getConnected());
    optString(f.getServerIpName());
    optString(f.getClientIpName());
  }

  private void optString(String v) {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(v);
    }
  }

  private void optLong(Long v) {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeLong(v);
    }
  }

  private void optInt(Integer v) {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeInt(v);
    }
  }

  private byte[] encodeAncestors(List<Ancestor> anc) throws IOException {
    sub.reset();
    subEnc.writeArrayStart();
    subEnc.setItemCount(anc.size());
    for (Ancestor a : anc) {
      subEnc.startItem();
      ancWriter.write(a, subEnc);
    }
    subEnc.writeArrayEnd();
    return sub.toByteArray();
  }

  private <T> byte[] sub(SpecificDatumWriter<T> w, T value) throws IOException {
    sub.reset();
    w.write(value, subEnc);
    return sub.toByteArray();
  }

  private static Event sample() {
    Host h = new Host("h", "h", List.of(), "b");
    Process p = new Process(1L, 1L, 1L, 1L, 0L, 0L, 0L, "x", "", "", List.of(), null, null, 0, 0L, null, false,
        false, false, 0L, 0L, 0L);
    User u = new User(0L, null, null, null, -1L, null, 0L, null);
    Container c = new Container("host", "", null, null, null, null, null, null, null, List.of());
    return new Event("i", h, 1L, 0L, -1, "t", 0L, List.of(), null, p, u, List.of(), null, c, null);
  }
}
