package dev.eyrie.collector.out;

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
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Produces exactly the bytes of {@code WireCodec.events().encode(event)} (Avro single-object encoding), faster:
 * sub-records that repeat from event to event (host, process, user, ancestors, container, pod) are encoded once
 * and their bytes reused while the same object instance comes back. Avro's binary encoding of a record is the
 * concatenation of its fields, so a nested record's bytes do not depend on where it sits. Not thread-safe.
 */
public final class EventEncoder {
  private final byte[] header;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
  private final BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
  private final SpecificDatumWriter<Process> procWriter = new SpecificDatumWriter<>(Process.getClassSchema());
  private final SpecificDatumWriter<User> userWriter = new SpecificDatumWriter<>(User.getClassSchema());
  private final SpecificDatumWriter<dev.eyrie.schema.Ancestor> ancWriter =
      new SpecificDatumWriter<>(dev.eyrie.schema.Ancestor.getClassSchema());
  private final SpecificDatumWriter<FileDescriptor> fdWriter =
      new SpecificDatumWriter<>(FileDescriptor.getClassSchema());
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
  private final Map<List<?>, byte[]> ancestors = new IdentityHashMap<>();
  private final Map<Container, byte[]> containers = new IdentityHashMap<>();
  private final Map<Kubernetes, byte[]> pods = new IdentityHashMap<>();

  public EventEncoder() {
    // the 10-byte single-object header (marker + schema fingerprint) is whatever the codec writes
    byte[] probe = WireCodec.events().encode(sample());
    header = Arrays.copyOf(probe, 10);
  }

  public byte[] encode(Event e) {
    try {
      out.reset();
      out.write(header);
      enc.writeString(e.getEventId());
      if (e.getHost() != lastHost) {
        lastHost = e.getHost();
        hostBytes = sub(hostWriter, lastHost);
      }
      out.write(hostBytes);
      enc.writeLong(e.getSeq());
      enc.writeLong(e.getTs());
      enc.writeInt(e.getCpu());
      enc.writeString(e.getType());
      enc.writeLong(e.getRes());
      List<Arg> args = e.getArgs();
      enc.writeArrayStart();
      enc.setItemCount(args.size());
      for (Arg a : args) {
        enc.startItem();
        enc.writeString(a.getName());
        enc.writeString(a.getValue());
        if (a.getRaw() == null) {
          enc.writeIndex(0);
        } else {
          enc.writeIndex(1);
          enc.writeLong(a.getRaw());
        }
      }
      enc.writeArrayEnd();
      if (e.getBuffer() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        enc.writeBytes(e.getBuffer());
      }
      if (e.getProc() != lastProc) {
        lastProc = e.getProc();
        procBytes = sub(procWriter, lastProc);
      }
      out.write(procBytes);
      if (e.getUser() != lastUser) {
        lastUser = e.getUser();
        userBytes = sub(userWriter, lastUser);
      }
      out.write(userBytes);
      List<dev.eyrie.schema.Ancestor> anc = e.getAncestors();
      byte[] ab = ancestors.get(anc);
      if (ab == null) {
        if (ancestors.size() > 4096) {
          ancestors.clear();
        }
        sub.reset();
        subEnc.writeArrayStart();
        subEnc.setItemCount(anc.size());
        for (dev.eyrie.schema.Ancestor a : anc) {
          subEnc.startItem();
          ancWriter.write(a, subEnc);
        }
        subEnc.writeArrayEnd();
        ab = sub.toByteArray();
        ancestors.put(anc, ab);
      }
      out.write(ab);
      if (e.getFd() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        fdWriter.write(e.getFd(), enc);
      }
      byte[] cb = containers.get(e.getContainer());
      if (cb == null) {
        cb = sub(containerWriter, e.getContainer());
        containers.put(e.getContainer(), cb);
      }
      out.write(cb);
      if (e.getK8s() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        byte[] pb = pods.get(e.getK8s());
        if (pb == null) {
          pb = sub(podWriter, e.getK8s());
          pods.put(e.getK8s(), pb);
        }
        out.write(pb);
      }
      return out.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
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

  static Schema schema() {
    return Event.getClassSchema();
  }
}
